// Reads the disagreements that tests/conformance/INTERPRETER.md lists as expected: the first column of its
// table whose header starts with "| scenario |".

import { readFileSync } from 'node:fs';

export function readExpectedDisagreements(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const expected = new Map();
  let inTable = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('|')) {
      inTable = false;
      continue;
    }
    const cells = trimmed.split('|').slice(1, -1).map((cell) => cell.trim());
    if (/^scenario$/i.test(cells[0] ?? '')) {
      inTable = true;
      continue;
    }
    if (!inTable || /^:?-+:?$/.test(cells[0] ?? '')) continue;
    const id = cells[0].replace(/`/g, '').trim();
    if (id) expected.set(id, cells.slice(1).join(' | '));
  }
  return expected;
}
