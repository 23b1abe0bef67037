import { api, el, fill, hash, showError, tokens } from './console.js';

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
    ? el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'no committed contribution yet'))
    : participants.body.map(p => el('tr', { 'data-address': p.address },
      el('td', {}, el('a', { href: `contributor.html?address=${p.address}` }, el('code', {}, p.address))),
      el('td', {}, p.workerIds.join(', ')),
      el('td', {}, p.rounds),
      el('td', {}, tokens(p.totalReward)))));
}

const chain = await api('/api/chain');
if (chain.ok) {
  fill('chain', `Chain ${chain.body.chainId}, ledger `, el('code', {}, chain.body.ledgerAddress), ` at ${chain.body.rpcUrl}`);
}

await refresh();
setInterval(refresh, chain.ok ? chain.body.refreshMilliseconds : 2000);
