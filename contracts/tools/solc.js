// Standard-JSON bridge from forge to solc-js. forge inlines every source's content,
// but imports are still resolved from disk (relative to the project) as a fallback.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '..', 'node_modules', 'solc'));

if (process.argv.includes('--version')) {
  // forge parses the second line: "Version: 0.8.x+commit...".
  process.stdout.write('solc, the solidity compiler commandline interface\nVersion: ' +
    solc.version().replace('.Emscripten.clang', '.Linux.g++') + '\n');
  process.exit(0);
}

const input = fs.readFileSync(0, 'utf8');
const root = path.join(__dirname, '..');
function findImports(file) {
  for (const candidate of [path.resolve(process.cwd(), file), path.resolve(root, file)]) {
    if (fs.existsSync(candidate)) return { contents: fs.readFileSync(candidate, 'utf8') };
  }
  return { error: 'File not found: ' + file };
}
process.stdout.write(solc.compile(input, { import: findImports }));
