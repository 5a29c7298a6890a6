// Runs sfncheck's command line: `check --fail-on error` to tell which definitions have structural errors, and
// `run --test` to execute one scenario in the reference interpreter.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const HISTORY_LIMIT_CAUSE = 'The execution reached the maximum number of history events';

// True when `sfncheck check --fail-on error FILE` reports no error (exit 0).
export function hasNoStructuralError(binary, file) {
  const result = spawnSync(binary, ['check', '--fail-on', 'error', '--format', 'json', file], { encoding: 'utf8' });
  return result.status === 0;
}

// Runs `sfncheck run DEFINITION --test <file> --format json` on `test` ({name, input, context, mocks,
// substitutions?, expect?}) written into `workDir`. Resolves to {status, path, trace, output?, error?, cause?,
// expectation?, note?}; status is sfncheck's own, or MOCKS_EXHAUSTED / LIMIT / UNUSABLE (harness outcomes).
export function runSfncheck(binary, definitionFile, test, workDir, fileStem) {
  const testFile = path.join(workDir, `${fileStem}.test.json`);
  writeFileSync(testFile, JSON.stringify(test, null, 2));
  const result = spawnSync(binary, ['run', definitionFile, '--test', testFile, '--format', 'json'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status === 2) {
    const message = result.stderr.trim();
    const exhausted = /ran out at invocation|has no mock \(invocation/.test(message);
    return { status: exhausted ? 'MOCKS_EXHAUSTED' : 'UNUSABLE', path: [], trace: [], note: message };
  }
  if (result.status !== 0 && result.status !== 1) {
    return { status: 'CRASHED', path: [], trace: [], note: `exit ${result.status}: ${result.stderr.trim()}` };
  }
  const document = JSON.parse(result.stdout);
  if (document.status === 'FAILED' && document.error === 'States.Runtime' &&
      (document.cause ?? '').startsWith(HISTORY_LIMIT_CAUSE)) {
    return { ...document, status: 'LIMIT', note: document.cause };
  }
  return document;
}
