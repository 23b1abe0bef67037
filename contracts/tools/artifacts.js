// Exports the ABI and bytecode of every contract under contracts/src from forge's out/
// into src/FedChain.Ledger/Artifacts, which the C# side embeds.
//   node tools/artifacts.js           write the artifacts
//   node tools/artifacts.js --check   fail (exit 1) when the committed artifacts are stale
// Run `forge build` first (tools/build.sh does both).
'use strict';
const fs = require('fs');
const path = require('path');

const contracts = path.join(__dirname, '..');
const outDir = path.join(contracts, 'out');
const target = path.join(contracts, '..', 'src', 'FedChain.Ledger', 'Artifacts');
const check = process.argv.includes('--check');

function contractsIn(file) {
  const names = [];
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^\s*(?:abstract\s+)?contract\s+([A-Za-z_][A-Za-z0-9_]*)/gm)) names.push(m[1]);
  return names;
}

const expected = new Map();
for (const file of fs.readdirSync(path.join(contracts, 'src')).filter(f => f.endsWith('.sol')).sort()) {
  for (const name of contractsIn(path.join(contracts, 'src', file))) {
    const built = path.join(outDir, file, name + '.json');
    if (!fs.existsSync(built)) {
      console.error(`artifacts: ${built} is missing; run forge build first`);
      process.exit(2);
    }
    const json = JSON.parse(fs.readFileSync(built, 'utf8'));
    const artifact = {
      contractName: name,
      source: 'contracts/src/' + file,
      compiler: 'solc 0.8.37 (solc-js), optimizer 200 runs, evm cancun, no metadata hash',
      abi: json.abi,
      bytecode: json.bytecode.object,
      deployedBytecode: json.deployedBytecode.object,
    };
    expected.set(name + '.json', JSON.stringify(artifact, null, 2) + '\n');
  }
}

if (check) {
  const stale = [];
  const present = fs.existsSync(target) ? fs.readdirSync(target).filter(f => f.endsWith('.json')) : [];
  for (const [file, text] of expected) {
    const p = path.join(target, file);
    if (!fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text) stale.push(file + ' differs from a fresh build');
  }
  for (const file of present) if (!expected.has(file)) stale.push(file + ' has no contract in contracts/src');
  if (stale.length) {
    console.error('artifacts: committed contract artifacts are stale:\n  ' + stale.join('\n  ') +
      '\nrun contracts/tools/build.sh and commit src/FedChain.Ledger/Artifacts');
    process.exit(1);
  }
  console.log(`artifacts: ${expected.size} contract artifact(s) are fresh`);
} else {
  fs.mkdirSync(target, { recursive: true });
  for (const file of fs.readdirSync(target).filter(f => f.endsWith('.json'))) {
    if (!expected.has(file)) fs.unlinkSync(path.join(target, file));
  }
  for (const [file, text] of expected) fs.writeFileSync(path.join(target, file), text);
  console.log(`artifacts: wrote ${expected.size} contract artifact(s) to ${path.relative(process.cwd(), target)}`);
}
