// Picks the machines of the shared corpus (../shared/corpus, listed in MANIFEST.tsv) that both interpreters can
// run, and generates their scenarios: mocks are made up, since the corpus has none.

import { readFileSync } from 'node:fs';
import path from 'node:path';

import { walkStates } from './definition.mjs';

// Fields whose semantics aws-local-stepfunctions 3.0.0 does not execute (oracle-notes.md): JSONata, workflow
// variables, distributed Map readers/batchers/writers and failure tolerance, Credentials.
const UNSUPPORTED_FIELDS = new Set([
  'QueryLanguage', 'Assign', 'Arguments', 'Output', 'Condition', 'Items', 'ItemReader', 'ItemBatcher',
  'ResultWriter', 'Credentials', 'ToleratedFailureCount', 'ToleratedFailureCountPath', 'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath', 'Label',
]);
// Containers whose plain (non `.$`) string values are opaque data for both interpreters: a `${...}` left in
// them changes nothing in a run.
const DATA_TEMPLATES = new Set(['Parameters', 'ResultSelector', 'ItemSelector', 'Result']);

export const INJECTED_ERROR = { Error: 'DiffTest.InjectedError', Cause: 'injected by the differential test' };
// Entries per Task in a generated mock list; a run that needs more ends as MOCKS_EXHAUSTED in both.
const MOCK_ENTRIES = 25;

export function readManifest(corpusDir) {
  const lines = readFileSync(path.join(corpusDir, 'MANIFEST.tsv'), 'utf8').split('\n').filter((line) => line !== '');
  const header = lines[0].split('\t');
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']));
  });
}

// Why aws-local-stepfunctions cannot run `definition` like AWS would, or null when both interpreters can.
export function unsupportedFeature(definition) {
  let reason = null;
  const visit = (node, key, insideData) => {
    if (reason) return;
    if (typeof node === 'string') {
      if (node.includes('{%')) reason = 'JSONata expression';
      else if (node.includes('${') && !(insideData && !key.endsWith('.$')) && key !== 'Resource') {
        reason = `unresolved \${...} placeholder in "${key}"`;
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item) => visit(item, key, insideData));
      return;
    }
    if (!node || typeof node !== 'object') return;
    for (const [childKey, child] of Object.entries(node)) {
      if (UNSUPPORTED_FIELDS.has(childKey)) {
        reason = `uses ${childKey}`;
        return;
      }
      if (childKey === 'ProcessorConfig' && child?.Mode === 'DISTRIBUTED') {
        reason = 'distributed Map';
        return;
      }
      // Its Context Object has only Execution.Input and Execution.StartTime (oracle-notes.md), so a
      // waitForTaskToken Task's `$$.Task.Token` read fails there while AWS supplies a token (§9).
      if (childKey.endsWith('.$') && typeof child === 'string' && child.includes('$$.Task.Token')) {
        reason = 'reads $$.Task.Token';
        return;
      }
      if (childKey.endsWith('.$') && typeof child === 'string' && /^\$[A-Za-z_]/.test(child)) {
        reason = 'workflow variable reference';
        return;
      }
      visit(child, childKey, insideData || DATA_TEMPLATES.has(childKey));
    }
  };
  visit(definition, '', false);
  return reason;
}

function stateTypes(definition) {
  const types = new Map();
  for (const { name, state } of walkStates(definition)) types.set(name, state.Type);
  return types;
}

// Every Task answers `{}`.
export function emptyObjectMocks(definition) {
  const mocks = {};
  for (const [name, type] of stateTypes(definition)) {
    if (type === 'Task') mocks[name] = Array.from({ length: MOCK_ENTRIES }, () => ({ Return: {} }));
  }
  return mocks;
}

// The Task that sfncheck's run `trace` entered first (any scope) fails on every invocation with
// INJECTED_ERROR (so its retriers are exhausted and its catchers tried); the other Tasks answer `{}`.
// null when the run entered no Task.
export function firstTaskThrowsMocks(definition, trace) {
  const types = stateTypes(definition);
  const first = (trace ?? []).find((entry) => types.get(entry.state) === 'Task');
  if (!first) return null;
  const mocks = emptyObjectMocks(definition);
  mocks[first.state] = Array.from({ length: MOCK_ENTRIES }, () => ({ Throw: { ...INJECTED_ERROR } }));
  return mocks;
}
