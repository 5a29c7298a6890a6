// Runs `sfncheck testgen` on a machine and reads the test files it writes, so that the differential test can
// run sfncheck's own generated tests through aws-local-stepfunctions as well.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Written beside the tests by testgen; not a test.
const COVERAGE_FILE = 'coverage.json';
// Wall-clock guard for one testgen run.
const TESTGEN_TIMEOUT_MS = 60000;

// Runs `sfncheck testgen DEFINITION -o <fresh temp dir>` (default coverage: branches), reads every test file it
// wrote and removes the folder. Resolves to {tests: [{file, test}], note?}: `file` is the test file's name without
// `.json`, in name order; `note` says why there are none when testgen did not succeed.
export function generateTests(binary, definitionFile) {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'sfncheck-differential-testgen-'));
  try {
    const result = spawnSync(binary, ['testgen', definitionFile, '-o', folder], {
      encoding: 'utf8',
      timeout: TESTGEN_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) return { tests: [], note: `testgen did not finish: ${result.error.message}` };
    if (result.status !== 0) {
      return { tests: [], note: `testgen exit ${result.status}: ${result.stderr.trim().split('\n')[0] ?? ''}` };
    }
    const tests = readdirSync(folder)
      .filter((name) => name.endsWith('.json') && name !== COVERAGE_FILE)
      .sort()
      .map((name) => ({ file: name.replace(/\.json$/, ''), test: JSON.parse(readFileSync(path.join(folder, name), 'utf8')) }));
    return { tests };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

// The last top-level state a run entered (its end state), or '(none)'.
export function endState(result) {
  return result.path?.at(-1) ?? '(none)';
}
