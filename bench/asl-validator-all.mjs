#!/usr/bin/env node
// Validates every given definition with asl-validator 4 in ONE node process (the library, not its CLI), with
// the same options as its CLI's defaults (ARN check and path check on). This is the in-process counterpart of
// `sfncheck check FILE...` in bench/run.sh.
//
//   node bench/asl-validator-all.mjs FILE...
//   node bench/asl-validator-all.mjs --list LISTFILE     (one path per line)
//
// Prints one summary line: files, valid, invalid, unreadable (not JSON), crashed (the validator threw).
// Exits 0 whatever the verdicts; 2 on bad usage.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const validator = require('asl-validator');

const args = process.argv.slice(2);
let files = args;
if (args[0] === '--list') {
  if (args.length !== 2) {
    process.stderr.write('usage: asl-validator-all.mjs FILE... | --list LISTFILE\n');
    process.exit(2);
  }
  files = readFileSync(args[1], 'utf8').split('\n').filter((line) => line.length > 0);
}
if (files.length === 0) {
  process.stderr.write('usage: asl-validator-all.mjs FILE... | --list LISTFILE\n');
  process.exit(2);
}

const counts = { files: 0, valid: 0, invalid: 0, unreadable: 0, crashed: 0 };
for (const file of files) {
  counts.files += 1;
  let definition;
  try {
    definition = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    counts.unreadable += 1;
    continue;
  }
  try {
    const result = validator(definition, { checkArn: true, checkPaths: true });
    counts[result.isValid ? 'valid' : 'invalid'] += 1;
  } catch {
    counts.crashed += 1;
  }
}
process.stdout.write(`${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
