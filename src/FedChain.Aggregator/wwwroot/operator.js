// The operator page: start a run through the aggregator's bearer-token endpoint, and find the running ones (each run page aborts its run).
import { api, bindOperatorToken, el, fill, hash, operatorPost, showError } from './console.js';

bindOperatorToken(document.getElementById('operator-token'), document.getElementById('forget-token'));

const text = id => document.getElementById(id).value.trim();

/** Reads a form field as a number, or throws naming the field and what it holds. */
function number(id, label, whole) {
  const raw = text(id);
  const value = Number(raw);
  if (raw === '' || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
    throw new Error(`${label}: '${raw}' is not ${whole ? 'a whole number' : 'a number'}`);
  }
  return value;
}

/** "mu=0.01, f=1" as the strategy's parameters. */
function parameters(raw) {
  const result = {};
  for (const part of raw.split(',').map(p => p.trim()).filter(p => p !== '')) {
    const [key, value, extra] = part.split('=').map(p => p.trim());
    if (!key || value === undefined || value === '' || extra !== undefined) throw new Error(`Strategy parameters: '${part}' is not key=value`);
    result[key] = value;
  }
  return result;
}

/** Seconds as a .NET TimeSpan ("d.hh:mm:ss"). */
function timeSpan(seconds) {
  const two = n => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 86400)}.${two(Math.floor(seconds / 3600) % 24)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/** The run configuration the form describes, as the API's RunConfiguration JSON. */
function configuration() {
  const timeout = number('round-timeout', 'Round timeout', true);
  if (timeout < 1) throw new Error(`Round timeout: ${timeout} s is not positive`);
  const reward = text('reward');
  if (!/^[0-9]+$/.test(reward)) throw new Error(`Reward per round: '${reward}' is not a whole number of base units`);
  const config = {
    modelName: text('model'),
    strategyName: text('strategy'),
    strategyParameters: parameters(text('strategy-parameters')),
    rounds: number('rounds', 'Rounds', true),
    workersPerRound: number('workers', 'Workers per round', true),
    fractionFit: 1.0,
    minUpdates: number('min-updates', 'Quorum', true),
    localEpochs: number('epochs', 'Local epochs', true),
    batchSize: number('batch', 'Batch size', true),
    learningRate: number('learning-rate', 'Learning rate', false),
    seed: number('seed', 'Seed', true),
    roundTimeout: timeSpan(timeout),
    contributionPolicy: text('contribution'),
    rewardPerRound: reward,
    targetAccuracy: number('target-accuracy', 'Target accuracy', false),
    engine: text('engine'),
  };
  if (document.getElementById('dp').checked) {
    config.privacy = {
      epsilon: number('dp-epsilon', 'ε', false),
      delta: number('dp-delta', 'δ', false),
      clipNorm: number('dp-clip', 'Clip norm', false),
      noiseMultiplier: number('dp-noise', 'Noise multiplier', false),
    };
  }
  return config;
}

function result(id, state, ...children) {
  const target = fill(id, ...children);
  target.setAttribute('data-state', state);
  target.className = state === 'error' ? 'error' : state === 'ok' ? 'okbox' : 'muted';
}

document.getElementById('start-form').addEventListener('submit', async event => {
  event.preventDefault();
  let body;
  try {
    body = { configuration: configuration() };
    if (text('run-id') !== '') body.runId = text('run-id');
  } catch (e) {
    result('start-result', 'error', e.message);
    return;
  }
  const button = document.getElementById('start');
  button.disabled = true;
  result('start-result', 'pending', 'starting…');
  const answer = await operatorPost('/api/operator/runs', body);
  button.disabled = false;
  if (answer.ok) {
    result('start-result', 'ok', 'the aggregator accepted run ', el('a', { href: `run.html?run=${answer.body.runId}`, 'data-run': answer.body.runId }, answer.body.runId),
      ' (it opens round 1 once enough workers are there)');
  } else {
    result('start-result', 'error', answer.message);
  }
});

async function refresh() {
  const runs = await api('/api/runs');
  if (!runs.ok) {
    showError(runs.body?.error ?? `the aggregator answered ${runs.status}`);
    return;
  }
  showError(null);
  const running = runs.body.filter(r => r.status === 'Running');
  fill('running', running.length === 0
    ? el('tr', {}, el('td', { colspan: 3, class: 'muted' }, 'no run is running'))
    : running.map(run => el('tr', { 'data-run': run.runId },
      el('td', {}, el('a', { href: `run.html?run=${run.runId}` }, hash(run.runId))),
      el('td', {}, run.lastCommittedRound),
      el('td', {}, el('a', { href: `run.html?run=${run.runId}` }, 'abort on its run page')))));
}

const chain = await api('/api/chain');
document.getElementById('operator-off').hidden = !chain.ok || chain.body.operatorActions;
await refresh();
setInterval(refresh, chain.ok ? chain.body.refreshMilliseconds : 2000);
