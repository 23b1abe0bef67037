import { api, bindOperatorToken, el, epsilon, fill, fixed, hash, operatorPost, parameter, showError, tokens } from './console.js';

const runId = parameter('run');
document.getElementById('run-id').textContent = runId ?? '';

// Accuracy (0..1) and loss (scaled to its largest value) per committed round, as an inline SVG.
function chart(rounds) {
  const points = rounds.filter(r => r.status === 'Committed' && typeof r.result?.Accuracy === 'number');
  const width = 640, height = 200, left = 40, bottom = 24, top = 10, right = 10;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('data-points', points.length);
  const add = (tag, attributes, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    svg.append(node);
  };
  add('line', { class: 'axis', x1: left, y1: height - bottom, x2: width - right, y2: height - bottom });
  add('line', { class: 'axis', x1: left, y1: top, x2: left, y2: height - bottom });
  add('text', { x: 4, y: top + 8 }, '1.0');
  add('text', { x: 4, y: height - bottom }, '0');
  if (points.length > 0) {
    const last = Math.max(...points.map(p => p.round));
    const x = round => left + (last === 1 ? 0.5 : (round - 1) / (last - 1)) * (width - left - right);
    const y = fraction => height - bottom - fraction * (height - bottom - top);
    const maxLoss = Math.max(...points.map(p => p.result.Loss), 1e-9);
    add('polyline', { class: 'accuracy', points: points.map(p => `${x(p.round)},${y(p.result.Accuracy)}`).join(' ') });
    add('polyline', { class: 'loss', points: points.map(p => `${x(p.round)},${y(p.result.Loss / maxLoss)}`).join(' ') });
    for (const p of points) add('text', { x: x(p.round) - 3, y: height - 6 }, String(p.round));
  }
  return el('div', {}, svg, el('p', { class: 'muted' },
    el('span', { class: 'legend-accuracy' }, '— test accuracy'), '  ', el('span', { class: 'legend-loss' }, '— test loss (scaled to its largest value)')));
}

function seconds(round) {
  if (!round.committedAt || !round.openedAt) return '—';
  return ((Date.parse(round.committedAt) - Date.parse(round.openedAt)) / 1000).toFixed(1);
}

let timer = null;
let stopped = false;

function stop() {
  stopped = true;
  if (timer !== null) clearInterval(timer);
}

async function refresh() {
  const response = await api(`/api/runs/${encodeURIComponent(runId ?? '')}`);
  if (!response.ok) {
    // An unknown or malformed run id is final; a silent aggregator may come back, so keep polling then.
    showError(response.body?.error ?? `the aggregator answered ${response.status}`);
    if (response.status === 400 || response.status === 404) stop();
    return;
  }

  showError(null);
  const { run, rounds, rejections } = response.body;
  fill('summary', `${run.status} · ${run.lastCommittedRound} rounds committed · current model `, hash(run.currentModelHash), run.reason ? ` · ${run.reason}` : '');
  document.body.setAttribute('data-run-status', run.status);
  fill('chart', chart(rounds));
  fill('rounds', rounds.map(r => el('tr', { 'data-round': r.round, 'data-status': r.status },
    el('td', {}, r.round),
    el('td', { class: `status-${r.status}` }, r.status),
    el('td', {}, r.selectedWorkers.join(', ')),
    el('td', {}, r.updates.map(u => u.workerId).join(', ')),
    el('td', {}, fixed(r.result?.Accuracy, 4)),
    el('td', {}, fixed(r.result?.Loss, 4)),
    el('td', {}, hash(r.transactionHash)),
    el('td', {}, r.gasUsed ?? '—'),
    el('td', {}, seconds(r)))));
  fill('contributions', rounds.flatMap(r => (r.result?.Contributions ?? []).map(c => el('tr', { 'data-round': r.round, 'data-worker': c.WorkerId },
    el('td', {}, r.round),
    el('td', {}, c.WorkerId),
    el('td', {}, el('a', { href: `contributor.html?address=${c.Address}` }, el('code', {}, c.Address))),
    el('td', {}, c.NumSamples),
    el('td', {}, fixed(c.Score, 4)),
    el('td', {}, c.ScorePpm),
    el('td', {}, tokens(c.Reward)),
    el('td', { 'data-epsilon-micros': c.EpsilonMicros ?? 0 }, epsilon(c.EpsilonMicros ?? 0)),
    el('td', {}, hash(c.UpdateHash))))));
  privacyLedger(rounds, response.body.privacy);
  fill('rejections', rejections.length === 0
    ? el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'none'))
    : rejections.map(x => el('tr', { 'data-round': x.round, 'data-reason': x.reason },
      el('td', {}, x.round), el('td', {}, x.workerId), el('td', {}, x.reason), el('td', {}, x.message), el('td', {}, hash(x.updateHash)))));
  // Still shown once the run ends when an abort was sent from here, so its answer stays readable.
  document.getElementById('operator').hidden = run.status !== 'Running' && document.getElementById('abort-result').getAttribute('data-state') === 'idle';
  if (run.status !== 'Running') stop();
}

// Per hospital, the ε each committed round recorded on-chain and the run's total: the sites' privacy ledger.
function privacyLedger(rounds, privacy) {
  const terms = privacy.terms;
  fill('privacy-terms', terms
    ? `The run offers each site ε = ${terms.epsilon} at δ = ${terms.delta} over the whole run (clip norm ${terms.clipNorm}, noise multiplier ${terms.noiseMultiplier}); `
      + 'each site signs the ε a round cost it, and the chain records it with its contribution.'
    : 'The run offers no differential-privacy terms: its sites record ε = 0 unless their own policy adds noise.');
  const committed = rounds.filter(r => r.status === 'Committed' && r.result?.Contributions);
  fill('privacy-head', el('tr', {}, el('th', {}, 'Hospital'), el('th', {}, 'Worker'), committed.map(r => el('th', {}, `ε round ${r.round}`)), el('th', {}, 'ε, run total')));
  fill('privacy', privacy.hospitals.length === 0
    ? el('tr', {}, el('td', { colspan: committed.length + 3, class: 'muted' }, 'no committed contribution yet'))
    : privacy.hospitals.map(h => el('tr', { 'data-address': h.address },
      el('td', {}, el('a', { href: `contributor.html?address=${h.address}` }, el('code', {}, h.address))),
      el('td', {}, h.workerIds.join(', ')),
      committed.map(r => {
        const c = r.result.Contributions.find(x => x.Address.toLowerCase() === h.address);
        return c
          ? el('td', { 'data-round': r.round, 'data-epsilon-micros': c.EpsilonMicros ?? 0 }, epsilon(c.EpsilonMicros ?? 0))
          : el('td', { 'data-round': r.round, class: 'muted' }, '—');
      }),
      el('td', { 'data-total': '', 'data-epsilon-micros': h.epsilonMicros }, el('strong', {}, epsilon(h.epsilonMicros))))));
}

bindOperatorToken(document.getElementById('operator-token'), document.getElementById('forget-token'));
document.getElementById('abort').addEventListener('click', async () => {
  const status = document.getElementById('abort-result');
  status.setAttribute('data-state', 'pending');
  status.className = 'muted';
  status.textContent = 'aborting…';
  const answer = await operatorPost(`/api/operator/runs/${encodeURIComponent(runId ?? '')}/abort`,
    { reason: document.getElementById('abort-reason').value.trim() || null });
  status.setAttribute('data-state', answer.ok ? 'ok' : 'error');
  status.className = answer.ok ? 'okbox' : 'error';
  status.textContent = answer.ok ? 'the aggregator accepted the abort; the open round is not committed' : answer.message;
});

const chain = await api('/api/chain');
await refresh();
if (!stopped) timer = setInterval(refresh, chain.ok ? chain.body.refreshMilliseconds : 2000);
