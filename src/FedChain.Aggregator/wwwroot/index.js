import { api, el, epsilon, fill, hash, showError, tokens } from './console.js';

// Each run's ε separately, as each run has its own terms and each site its own accountant per run.
function privacySpent(byRun) {
  const spent = byRun.filter(e => e.epsilonMicros > 0);
  if (spent.length === 0) return el('span', { class: 'muted' }, 'none');
  return spent.map((e, i) => el('span', { 'data-run': e.runId, 'data-epsilon-micros': e.epsilonMicros }, i > 0 ? '; ' : '', hash(e.runId), ` ε = ${epsilon(e.epsilonMicros)}`));
}

async function refresh() {
  const [runs, participants] = await Promise.all([api('/api/runs'), api('/api/participants')]);
  if (!runs.ok || !participants.ok) {
    showError((runs.ok ? participants : runs).body?.error ?? 'the aggregator did not answer');
    return;
  }

  showError(null);
  fill('runs', runs.body.length === 0
    ? el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'no run yet'))
    : runs.body.map(run => el('tr', { 'data-run': run.runId },
      el('td', {}, el('a', { href: `run.html?run=${run.runId}` }, hash(run.runId))),
      el('td', { class: `status-${run.status}` }, run.status),
      el('td', {}, run.lastCommittedRound),
      el('td', {}, hash(run.currentModelHash)),
      el('td', {}, run.reason ?? ''))));
  fill('participants', participants.body.length === 0
    ? el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'no committed contribution yet'))
    : participants.body.map(p => el('tr', { 'data-address': p.address },
      el('td', {}, el('a', { href: `contributor.html?address=${p.address}` }, el('code', {}, p.address))),
      el('td', {}, p.workerIds.join(', ')),
      el('td', {}, p.rounds),
      el('td', {}, tokens(p.totalReward)),
      el('td', {}, privacySpent(p.epsilonByRun)))));
}

const chain = await api('/api/chain');
if (chain.ok) {
  fill('chain', `Chain ${chain.body.chainId}, ledger `, el('code', {}, chain.body.ledgerAddress), ` at ${chain.body.rpcUrl}`);
}

await refresh();
setInterval(refresh, chain.ok ? chain.body.refreshMilliseconds : 2000);
