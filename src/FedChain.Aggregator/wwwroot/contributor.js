// The contributor page: the server's figures for one address, each checked here against the chain over JSON-RPC,
// so a contributor need not trust the operator's server. ABI encoding and decoding is ethers' (served from this host).
import { Interface, getAddress } from './ethers-6.17.0.min.js';
import { api, el, epsilon, fill, fixed, hash, parameter, showError, tokens } from './console.js';

const ledgerAbi = new Interface([
  'function token() view returns (address)',
  'function roundOf(bytes32 runId, uint64 round) view returns (bytes32 baseModelHash, bytes32 newModelHash, bytes32 metricsHash, uint32 contributorCount, uint256 totalReward, uint64 timestamp)',
  'function contributionOf(bytes32 runId, uint64 round, address contributor) view returns (bytes32 updateHash, uint64 numSamples, uint32 scorePpm, uint256 reward, uint32 epsilonMicros)',
  'error UnknownRun(bytes32 runId)',
  'error UnknownRound(bytes32 runId, uint64 round)',
  'error NotAContributor(bytes32 runId, uint64 round, address contributor)',
]);
const tokenAbi = new Interface(['function balanceOf(address account) view returns (uint256)']);

/** The node did not answer at all (refused, timed out): nothing more can be verified. */
class ChainUnreachable extends Error {}

/** The call reverted; <c>name</c> is the contract's error, when it is one of ours. */
class Reverted extends Error {
  constructor(name, message) { super(message); this.name = name; }
}

let rpcUrl = '';
let nextId = 1;

async function rpc(method, params) {
  let response;
  try {
    response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
      signal: AbortSignal.timeout(10000),
    });
  } catch (e) {
    throw new ChainUnreachable(`the chain node at ${rpcUrl} is unreachable (${e.message})`);
  }
  if (!response.ok) throw new ChainUnreachable(`the chain node at ${rpcUrl} answered HTTP ${response.status}`);
  const body = await response.json();
  if (body.error) {
    const data = typeof body.error.data === 'string' ? body.error.data : body.error.data?.data;
    const parsed = data ? ledgerAbi.parseError(data) : null;
    throw new Reverted(parsed?.name ?? 'error', parsed ? `${parsed.name}(${parsed.args.join(', ')})` : body.error.message);
  }
  return body.result;
}

async function call(abi, to, name, args) {
  const result = await rpc('eth_call', [{ to, data: abi.encodeFunctionData(name, args) }, 'latest']);
  return abi.decodeFunctionResult(name, result);
}

// ---- figures: a table cell with the server's value, later marked by what the chain says

const figures = [];

function figure(kind, run, round, serverValue, display) {
  const mark = el('span', { class: 'mark' }, 'unverified');
  const cell = el('td', { 'data-figure': kind, 'data-run': run, 'data-round': round, 'data-status': 'unverified' }, display ?? String(serverValue), mark);
  const f = { cell, mark, kind, serverValue };
  cell.fedchainFigure = f;
  figures.push(f);
  return cell;
}

/** Marks a figure (its cell) by the chain's value: verified when the same, different (with the chain's value shown) otherwise. */
function mark(target, chainValue, chainDisplay) {
  const f = target.fedchainFigure ?? target;
  const same = typeof f.serverValue === 'bigint' || typeof chainValue === 'bigint'
    ? BigInt(f.serverValue) === BigInt(chainValue)
    : String(f.serverValue).toLowerCase() === String(chainValue).toLowerCase();
  f.cell.setAttribute('data-status', same ? 'verified' : 'different');
  f.mark.textContent = same ? 'verified' : 'different';
  if (!same) f.cell.append(el('span', { class: 'chain-value' }, `chain: ${chainDisplay ?? String(chainValue)}`));
  f.done = true;
}

function markDifferent(target, why) {
  const f = target.fedchainFigure ?? target;
  f.cell.setAttribute('data-status', 'different');
  f.mark.textContent = 'different';
  f.cell.append(el('span', { class: 'chain-value' }, `chain: ${why}`));
  f.done = true;
}

function summarise(chainMessage, chainState) {
  const count = status => figures.filter(f => f.cell.getAttribute('data-status') === status).length;
  const verification = document.getElementById('verification');
  verification.textContent = `${count('verified')} figures verified against the chain, ${count('different')} different, ${count('unverified')} unverified.`;
  verification.setAttribute('data-state', 'done');
  const status = document.getElementById('chain-status');
  status.className = chainState === 'up' && count('different') === 0 ? 'okbox' : chainState === 'up' ? 'error' : 'notice';
  status.setAttribute('data-chain', chainState);
  status.textContent = chainMessage;
}

// ---- the page

const address = parameter('address') ?? '';
document.getElementById('address').textContent = address;
const [chainInfo, participant] = await Promise.all([api('/api/chain'), api(`/api/participants/${encodeURIComponent(address)}`)]);
if (!participant.ok || !chainInfo.ok) {
  const failed = participant.ok ? chainInfo : participant;
  showError(failed.body?.error ?? `the aggregator answered ${failed.status}`);
  document.getElementById('chain-status').hidden = true;
  document.getElementById('verification').setAttribute('data-state', 'error');
} else {
  await render(chainInfo.body, participant.body);
}

async function render(chain, p) {
  rpcUrl = parameter('rpc') ?? chain.rpcUrl;
  const ledger = parameter('ledger') ?? chain.ledgerAddress;
  const balance = figure('balance', '', '', BigInt(p.totalReward), tokens(p.totalReward));
  fill('balance', el('tr', {}, el('td', { id: 'token-address' }, '…'), balance));
  const rows = p.rounds.map(r => ({
    r,
    cells: {
      updateHash: figure('updateHash', r.runId, r.round, r.updateHash, hash(r.updateHash)),
      samples: figure('samples', r.runId, r.round, BigInt(r.numSamples)),
      scorePpm: figure('scorePpm', r.runId, r.round, BigInt(r.scorePpm)),
      reward: figure('reward', r.runId, r.round, BigInt(r.reward), tokens(r.reward)),
      epsilon: figure('epsilon', r.runId, r.round, BigInt(r.epsilonMicros), epsilon(r.epsilonMicros)),
      base: figure('baseModelHash', r.runId, r.round, r.baseModelHash, hash(r.baseModelHash)),
      next: figure('newModelHash', r.runId, r.round, r.newModelHash, hash(r.newModelHash)),
      tx: figure('transaction', r.runId, r.round, r.transactionHash, hash(r.transactionHash)),
      gas: figure('gas', r.runId, r.round, BigInt(r.gasUsed ?? -1), r.gasUsed ?? '—'),
    },
  }));
  fill('rounds', rows.map(({ r, cells }) => el('tr', { 'data-run': r.runId, 'data-round': r.round },
    el('td', {}, el('a', { href: `run.html?run=${r.runId}` }, hash(r.runId))), el('td', {}, r.round), el('td', {}, r.workerId),
    cells.updateHash, cells.samples, el('td', {}, fixed(r.score, 4)), cells.scorePpm, cells.reward, cells.epsilon, cells.base, cells.next, cells.tx, cells.gas)));
  const privacy = p.epsilonByRun.map(e => ({
    runId: e.runId,
    total: figure('epsilonTotal', e.runId, '', BigInt(e.epsilonMicros), epsilon(e.epsilonMicros)),
  }));
  fill('privacy', privacy.map(e => el('tr', { 'data-run': e.runId },
    el('td', {}, el('a', { href: `run.html?run=${e.runId}` }, hash(e.runId))),
    el('td', {}, p.epsilonByRun.find(x => x.runId === e.runId).rounds), e.total)));
  const lineage = p.lineage.flatMap(run => run.rounds.map(r => ({
    runId: run.runId, round: r.round,
    base: figure('lineageBase', run.runId, r.round, r.baseModelHash, hash(r.baseModelHash)),
    next: figure('lineageNew', run.runId, r.round, r.newModelHash, hash(r.newModelHash)),
  })));
  fill('lineage', lineage.map(l => el('tr', { 'data-run': l.runId, 'data-round': l.round }, el('td', {}, hash(l.runId)), el('td', {}, l.round), l.base, l.next)));
  fill('rejections', p.rejections.length === 0
    ? el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'none'))
    : p.rejections.map(x => el('tr', { 'data-reason': x.reason }, el('td', {}, hash(x.runId)), el('td', {}, x.round), el('td', {}, x.workerId), el('td', {}, x.reason), el('td', {}, x.message))));

  try {
    const chainId = Number(BigInt(await rpc('eth_chainId', [])));
    if (chainId !== chain.chainId) {
      summarise(`the node at ${rpcUrl} serves chain ${chainId}, the aggregator names chain ${chain.chainId}: the figures are the server's, unverified`, 'other');
      return;
    }

    const [tokenAddress] = await call(ledgerAbi, ledger, 'token', []);
    document.getElementById('token-address').replaceChildren(el('code', {}, tokenAddress));
    const [held] = await call(tokenAbi, tokenAddress, 'balanceOf', [getAddress(p.address)]);
    mark(figures.find(f => f.kind === 'balance'), held, tokens(held));

    const roundsOnChain = new Map();
    const roundOf = async (runId, round) => {
      const key = `${runId}:${round}`;
      if (!roundsOnChain.has(key)) {
        try {
          roundsOnChain.set(key, await call(ledgerAbi, ledger, 'roundOf', [runId, round]));
        } catch (e) {
          if (e instanceof Reverted) roundsOnChain.set(key, e); else throw e;
        }
      }
      return roundsOnChain.get(key);
    };
    const markRound = async (runId, round, base, next) => {
      const onChain = await roundOf(runId, round);
      if (onChain instanceof Reverted) {
        markDifferent(base, onChain.message);
        markDifferent(next, onChain.message);
      } else {
        mark(base, onChain.baseModelHash);
        mark(next, onChain.newModelHash);
      }
    };

    // Per run, the sum of the epsilon the chain holds for the rounds the server lists (null once one of them reverted).
    const chainEpsilon = new Map(privacy.map(e => [e.runId, 0n]));
    for (const { r, cells } of rows) {
      try {
        const c = await call(ledgerAbi, ledger, 'contributionOf', [r.runId, r.round, getAddress(p.address)]);
        mark(cells.updateHash, c.updateHash);
        mark(cells.samples, c.numSamples);
        mark(cells.scorePpm, c.scorePpm);
        mark(cells.reward, c.reward, tokens(c.reward));
        mark(cells.epsilon, c.epsilonMicros, epsilon(c.epsilonMicros));
        if (chainEpsilon.get(r.runId) !== null) chainEpsilon.set(r.runId, chainEpsilon.get(r.runId) + BigInt(c.epsilonMicros));
      } catch (e) {
        if (!(e instanceof Reverted)) throw e;
        for (const cell of [cells.updateHash, cells.samples, cells.scorePpm, cells.reward, cells.epsilon]) markDifferent(cell, e.message);
        chainEpsilon.set(r.runId, null);
      }
      await markRound(r.runId, r.round, cells.base, cells.next);
      const receipt = r.transactionHash ? await rpc('eth_getTransactionReceipt', [r.transactionHash]) : null;
      if (receipt === null) {
        markDifferent(cells.tx, 'no such transaction');
        markDifferent(cells.gas, 'no such transaction');
      } else if (receipt.status !== '0x1' || receipt.to?.toLowerCase() !== ledger.toLowerCase()) {
        markDifferent(cells.tx, `status ${receipt.status}, sent to ${receipt.to}`);
        mark(cells.gas, BigInt(receipt.gasUsed));
      } else {
        mark(cells.tx, receipt.transactionHash);
        mark(cells.gas, BigInt(receipt.gasUsed));
      }
    }

    for (const e of privacy) {
      const sum = chainEpsilon.get(e.runId);
      if (sum === null) markDifferent(e.total, 'a contribution of this run is not on the chain');
      else mark(e.total, sum, epsilon(sum));
    }
    for (const l of lineage) await markRound(l.runId, l.round, l.base, l.next);
    const different = figures.filter(f => f.cell.getAttribute('data-status') === 'different').length;
    summarise(different === 0
      ? `every figure matches the chain (chain ${chainId} at ${rpcUrl}, ledger ${ledger})`
      : `${different} figures of the aggregator's server differ from the chain (chain ${chainId} at ${rpcUrl}, ledger ${ledger})`, 'up');
  } catch (e) {
    if (!(e instanceof ChainUnreachable || e instanceof Reverted)) throw e;
    const tokenCell = document.getElementById('token-address');
    if (tokenCell.textContent === '…') tokenCell.textContent = 'not read: the chain was not reached';
    summarise(e instanceof ChainUnreachable
      ? `${e.message}: the figures it did not confirm are the server's, marked unverified`
      : `the ledger at ${ledger} did not answer as a FedChain ledger (${e.message}): the figures below are the server's, unverified`, 'down');
  }
}
