#!/usr/bin/env node
// Differential test of sfncheck's reference interpreter against aws-local-stepfunctions 3.0.0, an independent
// interpreter, on the same inputs and mocked task results (tests/differential/README.md).
//
//   node tests/differential/run.mjs [--sfncheck PATH] [--shared DIR] [--only TEXT] [--no-corpus] [--verbose]
//
// (a) every sample in samples/ without structural errors (JSONata samples excepted: aws-local-stepfunctions ignores
//     JSONata fields) runs the hand-written scenarios in tests/differential/scenarios/<sample>/*.json (sfncheck test
//     files; their `expect` must also hold in sfncheck);
// (b) small machines in tests/differential/probes/*.json, each aimed at one rule of asl-semantics.md
//     ({name, definition, input, mocks?, expect});
// (c) every machine of ../shared/corpus that both interpreters can run runs two generated scenarios: every
//     Task returns {}, and the first Task entered throws;
// (d) the tests that `sfncheck testgen` generates (default coverage: branches) for every sample and corpus
//     machine of (a) and (c) that both interpreters can run: both must end in the same state with the same
//     status (and path, error, output as for the others).
// Each disagreement is printed. Exit 1 when one is not listed in tests/conformance/INTERPRETER.md, when a
// listed one no longer disagrees, when a scenario's expectation fails in sfncheck, or when `sfncheck testgen`
// fails on a machine; 77 (skipped) when the npm package is not installed (`npm ci --prefix tests/differential`);
// 2 on bad usage.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { emptyObjectMocks, firstTaskThrowsMocks, readManifest, unsupportedFeature } from './lib/corpus.mjs';
import { differences } from './lib/compare.mjs';
import { deepMerge, substitute, walkStates } from './lib/definition.mjs';
import { readExpectedDisagreements } from './lib/expected.mjs';
import { endState, generateTests } from './lib/generated.mjs';
import { hasNoStructuralError, runSfncheck } from './lib/sfncheck.mjs';

const SKIP = 77;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const SCENARIOS_DIR = path.join(HERE, 'scenarios');
const PROBES_DIR = path.join(HERE, 'probes');
const SAMPLES_DIR = path.join(ROOT, 'samples');
const EXPECTED_FILE = path.join(ROOT, 'tests', 'conformance', 'INTERPRETER.md');
const MIN_SCENARIOS_PER_SAMPLE = 3;
// The execution input of every corpus scenario. Not `{}`: an empty input hides whether InputPath null,
// ResultPath or Parameters dropped or kept it.
const CORPUS_INPUT = { differential: 'input' };

// Context Object fields given to both interpreters: sfncheck's defaults, which the package lacks
// (it has only Execution.Input and Execution.StartTime unless given more).
const DEFAULT_CONTEXT = {
  Execution: {
    Id: 'arn:aws:states:us-east-1:123456789012:execution:sfncheck:local',
    Name: 'local',
    RoleArn: 'arn:aws:iam::123456789012:role/sfncheck',
    RedriveCount: 0,
  },
  StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:sfncheck', Name: 'sfncheck' },
  State: { Name: '', EnteredTime: '2024-01-01T00:00:00Z', RetryCount: 0 },
};

function parseArguments(argv) {
  const options = {
    sfncheck: process.env.SFNCHECK ?? path.join(ROOT, 'build', 'sfncheck'),
    shared: process.env.SFN_SHARED ?? path.join(ROOT, '..', 'shared'),
    only: null,
    corpus: true,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${argument} needs a value`);
      return argv[++i];
    };
    if (argument === '--sfncheck') options.sfncheck = path.resolve(value());
    else if (argument === '--shared') options.shared = path.resolve(value());
    else if (argument === '--only') options.only = value();
    else if (argument === '--no-corpus') options.corpus = false;
    else if (argument === '--verbose') options.verbose = true;
    else usage(`unknown argument ${argument}`);
  }
  return options;
}

function usage(message) {
  console.error(`run.mjs: ${message}`);
  console.error('usage: node tests/differential/run.mjs [--sfncheck PATH] [--shared DIR] [--only TEXT] [--no-corpus] [--verbose]');
  process.exit(2);
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const usesJsonata = (definition) =>
  definition.QueryLanguage === 'JSONata' || [...walkStates(definition)].some(({ state }) => state.QueryLanguage === 'JSONata');

// The state of one run of the test: what ran, what disagreed, and what failed.
class Session {
  constructor(options, runOracle, expected, workDir) {
    Object.assign(this, { options, runOracle, expected, workDir });
    this.problems = [];       // failures of the test other than disagreements
    this.ran = new Map();     // scenario id -> disagreed?
    this.outcomes = new Map(); // sfncheck's status -> scenarios
    this.unlisted = 0;
    this.listedSeen = 0;
  }

  wanted(id) {
    return this.options.only === null || id.includes(this.options.only);
  }

  // One scenario in both interpreters: {ours, theirs, diffs}.
  async compare(stem, definitionFile, definition, test) {
    const context = deepMerge(DEFAULT_CONTEXT, test.context);
    const ours = runSfncheck(this.options.sfncheck, definitionFile, { ...test, context }, this.workDir, stem);
    const theirs = await this.runOracle(substitute(definition, test.substitutions), test.input ?? {}, test.mocks ?? {},
                                        context);
    return { ours, theirs, diffs: differences(ours, theirs) };
  }

  record(id, diffs, ours) {
    this.outcomes.set(ours.status, (this.outcomes.get(ours.status) ?? 0) + 1);
    this.ran.set(id, diffs.length > 0);
    if (diffs.length === 0) {
      if (this.options.verbose) console.log(`agree     ${id}`);
      return;
    }
    const listed = this.expected.has(id);
    if (listed) this.listedSeen += 1;
    else this.unlisted += 1;
    console.log(`${listed ? 'expected ' : 'DISAGREE '} ${id}`);
    // A listed disagreement's details are in INTERPRETER.md; print them on request only.
    if (!listed || this.options.verbose) for (const diff of diffs) console.log(`            ${diff}`);
  }

  // A hand-written scenario's `expect` must hold in sfncheck too.
  checkExpectation(id, test, ours) {
    if (!test.expect) return;
    if (!ours.expectation) {
      this.problems.push(`${id}: sfncheck could not run it: ${ours.note ?? ours.status}`);
    } else if (!ours.expectation.met) {
      this.problems.push(`${id}: sfncheck misses the scenario's expectation: ${ours.expectation.mismatches.join('; ')}`);
    }
  }

  // Every listed disagreement must still be one (corpus rows only when the corpus ran).
  checkListStillTrue(corpusRan) {
    for (const id of this.expected.keys()) {
      if (!this.wanted(id)) continue;
      if (this.ran.has(id)) {
        if (!this.ran.get(id)) this.problems.push(`${id} is listed in INTERPRETER.md but the interpreters now agree: remove its row`);
      } else if (!(id.startsWith('corpus/') || id.startsWith('generated/corpus/')) || corpusRan) {
        this.problems.push(`${id} is listed in INTERPRETER.md but was not run: remove or rename its row`);
      }
    }
  }
}

// (a) The samples, with the hand-written scenarios in scenarios/<sample>/. Returns {count, machines}: the number
// of scenarios run, and the samples that (d) runs generated tests of ({name, definitionFile, definition}; those
// without structural errors, JSONata or what aws-local-stepfunctions does not execute).
async function runSamples(session) {
  let count = 0;
  const machines = [];
  const sampleNames = new Set();
  for (const file of readdirSync(SAMPLES_DIR).filter((name) => name.endsWith('.json')).sort()) {
    const sample = file.replace(/\.asl\.json$|\.json$/, '');
    sampleNames.add(sample);
    const definitionFile = path.join(SAMPLES_DIR, file);
    const definition = readJson(definitionFile);
    const scenarioDir = path.join(SCENARIOS_DIR, sample);
    const hasScenarios = existsSync(scenarioDir);
    let refusal = null;
    if (!hasNoStructuralError(session.options.sfncheck, definitionFile)) refusal = 'structural errors in `sfncheck check --fail-on error`';
    else if (usesJsonata(definition)) refusal = 'JSONata, which aws-local-stepfunctions does not execute (oracle-notes.md)';
    if (refusal) {
      console.log(`sample    ${file}: skipped (${refusal})`);
      if (hasScenarios) session.problems.push(`scenarios exist for ${file}, which is skipped (${refusal})`);
      continue;
    }
    const scenarioFiles = hasScenarios ? readdirSync(scenarioDir).filter((name) => name.endsWith('.json')).sort() : [];
    if (scenarioFiles.length < MIN_SCENARIOS_PER_SAMPLE) {
      session.problems.push(`sample ${file} needs at least ${MIN_SCENARIOS_PER_SAMPLE} scenarios in ${path.relative(ROOT, scenarioDir)}/`);
    }
    console.log(`sample    ${file}: ${scenarioFiles.length} scenarios`);
    const unsupported = unsupportedFeature(definition);
    if (unsupported) console.log(`            no generated tests: not run by aws-local-stepfunctions: ${unsupported}`);
    else machines.push({ name: sample, definitionFile, definition });
    for (const scenarioFile of scenarioFiles) {
      const id = `samples/${sample}/${scenarioFile.replace(/\.json$/, '')}`;
      if (!session.wanted(id)) continue;
      const test = readJson(path.join(scenarioDir, scenarioFile));
      const { ours, diffs } = await session.compare(`${sample}--${scenarioFile}`, definitionFile, definition, test);
      count += 1;
      session.checkExpectation(id, test, ours);
      session.record(id, diffs, ours);
    }
  }
  for (const entry of readdirSync(SCENARIOS_DIR)) {
    if (!sampleNames.has(entry)) session.problems.push(`scenarios/${entry}/ names no sample in samples/`);
  }
  return { count, machines };
}

// (b) The probes: one small machine each, with its scenario. Returns the number run.
async function runProbes(session) {
  let count = 0;
  for (const file of readdirSync(PROBES_DIR).filter((name) => name.endsWith('.json')).sort()) {
    const id = `probes/${file.replace(/\.json$/, '')}`;
    if (!session.wanted(id)) continue;
    const { definition, ...test } = readJson(path.join(PROBES_DIR, file));
    const definitionFile = path.join(session.workDir, `probe--${file}`);
    writeFileSync(definitionFile, JSON.stringify(definition, null, 2));
    const { ours, diffs } = await session.compare(`probe--${file}`, definitionFile, definition, test);
    count += 1;
    session.checkExpectation(id, test, ours);
    session.record(id, diffs, ours);
  }
  console.log(`probes    ${count} machines`);
  return count;
}

// Why a corpus machine is left out, or null when both interpreters can run it.
function corpusExclusion(session, row, definitionFile) {
  if (row.duplicate_of) return { reason: 'duplicate of another corpus file' };
  if (row.jsonata !== 'no') return { reason: 'JSONata' };
  let definition;
  try {
    definition = readJson(definitionFile);
  } catch {
    return { reason: 'not plain JSON' };
  }
  if (!definition || typeof definition !== 'object' || !definition.States) return { reason: 'no States' };
  const unsupported = unsupportedFeature(definition);
  if (unsupported) return { reason: `not run by aws-local-stepfunctions: ${unsupported.replace(/".*"/, '...')}` };
  if (!hasNoStructuralError(session.options.sfncheck, definitionFile)) return { reason: 'structural errors (sfncheck check)' };
  return { definition };
}

// Whether `--only` leaves anything of corpus file `file` to run: its ids are `corpus/<file>#<variant>` and
// `generated/corpus/<file>/<test>`.
function corpusFileWanted(session, file) {
  const only = session.options.only;
  if (only === null) return true;
  return [`corpus/${file}`, `generated/corpus/${file}`].some((base) => base.includes(only) || only.startsWith(base));
}

// (c) The shared corpus with generated mocks. Returns {ran, machines, scenarios, compared}; `compared` lists the
// machines compared ({name, definitionFile, definition}), for (d).
async function runCorpus(session) {
  const corpusDir = path.join(session.options.shared, 'corpus');
  const result = { ran: false, machines: 0, scenarios: 0, compared: [] };
  if (!session.options.corpus) {
    console.log('corpus    skipped (--no-corpus)');
    return result;
  }
  if (!existsSync(path.join(corpusDir, 'MANIFEST.tsv'))) {
    console.log(`corpus    skipped: ${corpusDir}/MANIFEST.tsv not found (the shared corpus sits beside the repository)`);
    return result;
  }
  result.ran = true;
  const skipped = new Map();
  const rows = readManifest(corpusDir);
  for (const row of rows) {
    const base = `corpus/${row.file}`;
    if (!corpusFileWanted(session, row.file)) continue;
    const definitionFile = path.join(corpusDir, row.file);
    const { reason, definition } = corpusExclusion(session, row, definitionFile);
    if (reason) {
      skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
      continue;
    }
    const compareVariant = async (variant, mocks) => {
      const id = `${base}#${variant}`;
      const compared = await session.compare(`corpus-${variant}`, definitionFile, definition,
                                             { name: variant, input: CORPUS_INPUT, mocks });
      return { id, ...compared };
    };
    const first = await compareVariant('tasks-return-empty-object', emptyObjectMocks(definition));
    const refusal = first.ours.status === 'UNUSABLE' ? 'refused by sfncheck run'
                  : first.theirs.status === 'REFUSED' ? 'refused by aws-local-stepfunctions' : null;
    if (refusal) {
      skipped.set(refusal, (skipped.get(refusal) ?? 0) + 1);
      continue;
    }
    const runs = [first];
    const throwing = firstTaskThrowsMocks(definition, first.ours.trace);
    if (throwing) runs.push(await compareVariant('first-task-throws', throwing));
    result.machines += 1;
    result.compared.push({ name: base, definitionFile, definition });
    for (const { id, ours, diffs } of runs) {
      result.scenarios += 1;
      if (session.wanted(id)) session.record(id, diffs, ours);
    }
  }
  console.log(`corpus    ${rows.length} files: ${result.machines} machines compared in ${result.scenarios} scenarios; skipped:`);
  for (const [reason, count] of [...skipped.entries()].sort((a, b) => b[1] - a[1])) console.log(`            ${count} ${reason}`);
  return result;
}

// (d) The tests `sfncheck testgen` generates for `machines` ({name, definitionFile, definition}; name is the sample
// or `corpus/<file>`), each run in both interpreters exactly like a hand-written scenario. Both must end in the
// same top-level state with the same status; path, error and output compare as for (a)-(c). Ids:
// `generated/<name>/<test file without .json>`. Returns {machines, tests}.
async function runGenerated(session, machines) {
  const result = { machines: 0, tests: 0 };
  let stems = 0;
  for (const { name, definitionFile, definition } of machines) {
    const base = `generated/${name}`;
    const { tests, note } = generateTests(session.options.sfncheck, definitionFile);
    if (note) session.problems.push(`${base}: ${note}`);
    let ran = 0;
    for (const { file, test } of tests) {
      const id = `${base}/${file}`;
      if (!session.wanted(id)) continue;
      stems += 1;
      const { ours, theirs, diffs } = await session.compare(`generated-${stems}`, definitionFile, definition, test);
      if (endState(ours) !== endState(theirs)) {
        diffs.unshift(`end state: sfncheck ${endState(ours)}, aws-local-stepfunctions ${endState(theirs)}`);
      }
      ran += 1;
      session.checkExpectation(id, test, ours);
      session.record(id, diffs, ours);
    }
    if (ran > 0) result.machines += 1;
    result.tests += ran;
    if (!name.startsWith('corpus/')) console.log(`generated ${name}: ${ran} of ${tests.length} tests`);
  }
  console.log(`generated ${result.tests} tests over ${result.machines} machines`);
  return result;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (!existsSync(path.join(HERE, 'node_modules', 'aws-local-stepfunctions', 'package.json'))) {
    console.log('SKIPPED: aws-local-stepfunctions is not installed; run `npm ci --prefix tests/differential` first.');
    return SKIP;
  }
  if (!existsSync(options.sfncheck)) usage(`no sfncheck binary at ${options.sfncheck} (give --sfncheck PATH)`);
  const { runOracle } = await import('./lib/oracle.mjs');
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'sfncheck-differential-'));
  const session = new Session(options, runOracle, readExpectedDisagreements(EXPECTED_FILE), workDir);
  try {
    const samples = await runSamples(session);
    const probes = await runProbes(session);
    const corpus = await runCorpus(session);
    const generated = await runGenerated(session, [...samples.machines, ...corpus.compared]);
    session.checkListStillTrue(corpus.ran);

    const outcomeText = [...session.outcomes.entries()].map(([status, count]) => `${count} ${status}`).join(', ');
    console.log(`\noutcomes in sfncheck: ${outcomeText}`);
    console.log(`summary: ${samples.count} sample scenarios, ${probes} probes, ${corpus.scenarios} corpus scenarios over ` +
                `${corpus.machines} machines, ${generated.tests} generated tests over ${generated.machines} machines; ` +
                `${session.listedSeen} listed disagreements, ${session.unlisted} unlisted, ` +
                `${session.problems.length} other problems`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  for (const problem of session.problems) console.log(`FAIL: ${problem}`);
  if (session.unlisted > 0) console.log(`FAIL: ${session.unlisted} disagreement(s) not listed in tests/conformance/INTERPRETER.md`);
  return session.unlisted > 0 || session.problems.length > 0 ? 1 : 0;
}

// Exit explicitly: an aborted run of the package leaves its task-timeout timers pending.
main().then((code) => process.exit(code), (error) => {
  console.error(error?.stack ?? String(error));
  process.exit(2);
});
