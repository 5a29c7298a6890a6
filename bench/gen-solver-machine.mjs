#!/usr/bin/env node
// Prints a synthetic, valid JSONPath-mode state machine of about N states, rich in Choice rules, for the solver
// benchmark (bench/solver.sh):
//
//   node bench/gen-solver-machine.mjs N [SEED]      (N >= 20, SEED a non-negative integer, default 1)
//
// The machine is a forward chain of segments of about 20 states. Every segment ends with a loop and nothing jumps
// past a segment's end, so every loop (and the Task result it writes) is on every path. Inside a segment the blocks
// are Tasks (lambda:invoke, ResultPath "$.rK"), Passes setting constants ("$.counter", "$.mode"), Choices over the
// input ($.a, $.b, $.s, $.flag, $.items) and the constants, and Task + Choice pairs where the Choice tests the
// Task's result. Loops come in three kinds: a counter loop (Pass init, Pass increment with States.MathAdd, Choice
// back-edge), a Task loop that exits on the Task's result only, and a bounded poll (counter and Task result).
// About a third of the states are Choices, with 2 to 4 rules each (NumericEquals/NumericLessThan/
// NumericGreaterThanEquals/StringEquals/BooleanEquals/IsPresent under And/Or/Not), a Default on most of them.
// About a quarter of the Choices hold a deliberately dead rule (subsumed by an earlier rule, or contradictory);
// half of the Task loops have a rule subsumed by their exit rule, and half of the counter loops a rule that only a
// loop invariant shows dead. Random rules can be dead by chance too: the planted count is a lower bound. Rules jump
// to the next block, at most three blocks ahead, or (in half of the Choices) to "Done" (Succeed) or to the Fail
// states "Failed" and "Rejected".
//
// Output depends on N and SEED only (a seeded mulberry32 PRNG), is compact JSON on stdout, and stays under AWS's
// 1 MiB definition limit up to 5,000 states. A one-line summary (states, Choice states, top-level Choice rules,
// dead rules planted) goes to stderr.

const SEGMENT = 20; // about one loop per SEGMENT states
const TERMINALS = ['Done', 'Failed', 'Rejected'];
const INIT_STATES = 2; // "Pass 0" and "Pass 0 Mode" set $.counter and $.mode, present on every path
const LOOP_SIZE = { counter: 3, taskloop: 2, poll: 4 };
const BLOCK_SIZE = { task: 1, pass: 1, choice: 1, taskchoice: 2 };
// Block mix inside a segment: choices / states = (0.2 + 0.2) / (0.2 + 0.4 + 0.15 + 0.45) = 1/3 (Passes are the
// smallest states: this keeps 5,000 states under 1 MiB).
const BLOCK_WEIGHTS = [['choice', 0.2], ['taskchoice', 0.2], ['task', 0.15], ['pass', 0.45]];
const COLORS = ['red', 'green', 'blue', 'amber'];
const MODES = ['fast', 'slow', 'safe'];
const STATUSES = ['ok', 'retry', 'failed', 'pending'];

function usage(message) {
  process.stderr.write(`${message}\nusage: node gen-solver-machine.mjs N [SEED]   (N >= 20)\n`);
  process.exit(2);
}

// mulberry32: small, seeded, good enough for a benchmark.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const args = process.argv.slice(2);
if (args.length < 1 || args.length > 2) usage('expected N and an optional SEED');
const n = Number(args[0]);
const seed = args.length > 1 ? Number(args[1]) : 1;
if (!Number.isInteger(n) || n < SEGMENT) usage(`N must be an integer >= ${SEGMENT}, got ${args[0]}`);
if (!Number.isInteger(seed) || seed < 0) usage(`SEED must be a non-negative integer, got ${args[1]}`);

const random = prng(seed * 2654435761 + n);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)); // inclusive
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
function weighted(pairs) {
  let r = random() * pairs.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, w] of pairs) {
    if ((r -= w) < 0) return value;
  }
  return pairs[pairs.length - 1][0];
}

// --- plan: segments of blocks, each segment ending with a loop ---------------------------------------------------
// A block is { kind, size, seg }; its states are numbered from the running state counter, so names are unique.
function plan() {
  const budget = n - TERMINALS.length - INIT_STATES; // the first states are the "Pass 0" constants
  const blocks = [];
  let used = 0;
  let seg = 0;
  while (used < budget) {
    const loopKind = weighted([['counter', 0.4], ['taskloop', 0.3], ['poll', 0.3]]);
    const segBudget = Math.min(SEGMENT, budget - used);
    let segUsed = 0;
    // Fill the segment up to its loop.
    while (segUsed < segBudget - LOOP_SIZE[loopKind]) {
      let kind = weighted(BLOCK_WEIGHTS);
      if (segUsed + BLOCK_SIZE[kind] > segBudget - LOOP_SIZE[loopKind]) kind = 'pass';
      blocks.push({ kind, size: BLOCK_SIZE[kind], seg });
      segUsed += BLOCK_SIZE[kind];
    }
    if (segBudget - segUsed >= LOOP_SIZE[loopKind]) {
      blocks.push({ kind: loopKind, size: LOOP_SIZE[loopKind], seg, loop: true });
      segUsed += LOOP_SIZE[loopKind];
    }
    while (segUsed < segBudget) { // too small for a loop: the tail of the last segment
      blocks.push({ kind: 'pass', size: 1, seg });
      segUsed += 1;
    }
    used += segUsed;
    seg += 1;
  }
  return blocks;
}

const blocks = plan();
let counter = 1; // number 0 is the two "Pass 0" states
for (const block of blocks) {
  block.base = counter;
  counter += block.size;
}

const names = {
  task: (i) => `Task ${i}`,
  pass: (i) => `Pass ${i}`,
  choice: (i) => `Choice ${i}`,
};
// First state of every block, then "Done".
function entryName(block) {
  switch (block.kind) {
    case 'task':
    case 'taskchoice':
    case 'taskloop':
      return names.task(block.base);
    case 'choice':
      return names.choice(block.base);
    default: // pass, counter, poll: a Pass first
      return names.pass(block.base);
  }
}
const entries = blocks.map(entryName);
entries.push('Done');

// --- the values a Choice can test -----------------------------------------------------------------------------
// kind: 'num', 'str', 'bool', or 'any' (IsPresent only). always: present on every path (no guard needed).
const INPUTS = [
  { path: '$.a', kind: 'num' },
  { path: '$.b', kind: 'num' },
  { path: '$.s', kind: 'str', values: COLORS },
  { path: '$.flag', kind: 'bool' },
  { path: '$.items', kind: 'any' },
  { path: '$.items[0].qty', kind: 'num' },
  { path: '$.counter', kind: 'num', always: true },
  { path: '$.mode', kind: 'str', values: MODES, always: true },
];
// Results of Task K (lambda:invoke: { Payload, StatusCode, ... }).
const resultPaths = (k) => [
  { path: `$.r${k}.Payload.status`, kind: 'str', values: STATUSES },
  { path: `$.r${k}.Payload.score`, kind: 'num' },
  { path: `$.r${k}.Payload.done`, kind: 'bool' },
  { path: `$.r${k}.StatusCode`, kind: 'num' },
];

function atom(v) {
  switch (v.kind) {
    case 'num': {
      const op = pick(['NumericEquals', 'NumericLessThan', 'NumericGreaterThanEquals']);
      return { Variable: v.path, [op]: int(0, 20) };
    }
    case 'str':
      return { Variable: v.path, StringEquals: pick(v.values) };
    case 'bool':
      return { Variable: v.path, BooleanEquals: chance(0.5) };
    default:
      return { Variable: v.path, IsPresent: chance(0.7) };
  }
}

// A data test on v, guarded by IsPresent 30% of the time when v may be absent.
function guarded(v) {
  const test = atom(v);
  if (v.always || v.kind === 'any' || !chance(0.3)) return test;
  return { And: [{ Variable: v.path, IsPresent: true }, test] };
}

function condition(vars) {
  const shape = weighted([['atom', 0.35], ['and', 0.25], ['or', 0.2], ['not', 0.2]]);
  switch (shape) {
    case 'and':
      return { And: [guarded(pick(vars)), atom(pick(vars.filter((v) => v.always || v.kind === 'any')))] };
    case 'or':
      return { Or: [guarded(pick(vars)), guarded(pick(vars))] };
    case 'not':
      return { Not: guarded(pick(vars)) };
    default:
      return guarded(pick(vars));
  }
}

// A pair (earlier live rule, later dead rule) on a numeric or string variable; the caller places them in order.
function deadPair(vars, targetA, targetB) {
  const nums = vars.filter((v) => v.kind === 'num');
  const strs = vars.filter((v) => v.kind === 'str');
  const pattern = weighted([['subsumed', 0.45], ['string', 0.3], ['contradiction', 0.25]]);
  if (pattern === 'string' && strs.length > 0) {
    const v = pick(strs);
    const value = pick(v.values);
    return [
      { Variable: v.path, StringEquals: value, Next: targetA },
      { And: [{ Variable: v.path, StringEquals: value }, atom(pick(nums))], Next: targetB },
    ];
  }
  const v = pick(nums);
  const c = int(0, 15);
  if (pattern === 'contradiction') {
    return [
      null, // no earlier rule needed: the dead rule contradicts itself
      { And: [{ Variable: v.path, NumericLessThan: c }, { Variable: v.path, NumericGreaterThanEquals: c + int(1, 5) }],
        Next: targetB },
    ];
  }
  return [
    { Variable: v.path, NumericGreaterThanEquals: c, Next: targetA },
    chance(0.5)
      ? { Variable: v.path, NumericGreaterThanEquals: c + int(1, 10), Next: targetB }
      : { Variable: v.path, NumericEquals: c + int(0, 10), Next: targetB },
  ];
}

let deadPlanted = 0;

// A Choice with 2 to 4 top-level rules over vars. next: the state after the block (always a target, so the chain
// stays reachable). others: forward targets inside the segment, and the terminals.
function choiceState(vars, next, others) {
  const count = weighted([[2, 0.4], [3, 0.35], [4, 0.25]]);
  const targets = [next, ...others];
  const rules = [];
  let dead = null;
  if (chance(0.25)) {
    const [live, killed] = deadPair(vars, pick(targets), pick(targets));
    dead = { live, killed };
  }
  while (rules.length + (dead ? (dead.live ? 2 : 1) : 0) < count) {
    rules.push({ ...condition(vars), Next: pick(targets) });
  }
  if (dead) {
    // live rule somewhere before the dead one
    const at = int(0, rules.length);
    if (dead.live) rules.splice(at, 0, dead.live);
    rules.splice(int(dead.live ? at + 1 : 0, rules.length), 0, dead.killed);
    deadPlanted += 1;
  }
  const state = { Type: 'Choice', Choices: rules };
  if (chance(0.85)) {
    state.Default = next;
  } else {
    // No Default (a States.NoChoiceMatched when nothing matches): the first rule that is not the planted dead one
    // goes to next, so the chain stays reachable.
    const live = rules.find((r) => r !== (dead && dead.killed));
    live.Next = next;
  }
  return state;
}

function taskState(k, next) {
  const state = {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: 'step', 'Payload.$': '$' },
    ResultPath: `$.r${k}`,
  };
  if (k % 15 === 0) {
    state.Retry = [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }];
  }
  if (k % 10 === 0) state.Catch = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }];
  state.Next = next;
  return state;
}

// --- build ----------------------------------------------------------------------------------------------------
const states = {};
states['Pass 0'] = { Type: 'Pass', Result: 0, ResultPath: '$.counter', Next: 'Pass 0 Mode' };
states['Pass 0 Mode'] = { Type: 'Pass', Result: 'fast', ResultPath: '$.mode', Next: entries[0] };

let sureResults = []; // Task numbers whose result is set on every path to the current segment
let segResults = []; // Tasks of the current segment (a result that may be absent)
let currentSeg = -1;

blocks.forEach((block, b) => {
  if (block.seg !== currentSeg) {
    currentSeg = block.seg;
    segResults = [];
  }
  const next = entries[b + 1];
  // Forward targets: up to three blocks ahead, not past the segment's loop.
  const others = [];
  for (let j = b + 2; j <= b + 3 && j < blocks.length && blocks[j].seg === block.seg; j++) others.push(entries[j]);
  if (chance(0.5)) others.push(pick(['Rejected', 'Failed', 'Done']));
  const vars = [...INPUTS];
  for (const k of sureResults.slice(-2)) vars.push(...resultPaths(k).map((v) => ({ ...v, always: true })));
  if (segResults.length > 0) vars.push(...resultPaths(pick(segResults))); // may be skipped: guarded

  const i = block.base;
  switch (block.kind) {
    case 'task':
      states[names.task(i)] = taskState(i, next);
      segResults.push(i);
      break;
    case 'pass':
      if (chance(0.5)) {
        states[names.pass(i)] = { Type: 'Pass', Result: int(0, 20), ResultPath: '$.counter', Next: next };
      } else {
        states[names.pass(i)] = { Type: 'Pass', Result: pick(MODES), ResultPath: '$.mode', Next: next };
      }
      break;
    case 'choice':
      states[names.choice(i)] = choiceState(vars, next, others);
      break;
    case 'taskchoice': {
      states[names.task(i)] = taskState(i, names.choice(i + 1));
      // The Choice right after the Task: its result is surely present there.
      const own = resultPaths(i).map((v) => ({ ...v, always: true }));
      states[names.choice(i + 1)] = choiceState([...own, ...own, ...vars], next, others);
      segResults.push(i);
      break;
    }
    case 'counter': {
      // Pass init -> Pass increment -> Choice (back to the increment while below the bound).
      const bound = int(2, 10);
      const loopVar = `$.loop${i}`;
      const inc = names.pass(i + 1);
      states[names.pass(i)] = { Type: 'Pass', Result: { n: 0 }, ResultPath: loopVar, Next: inc };
      states[inc] = {
        Type: 'Pass',
        Parameters: { 'n.$': `States.MathAdd(${loopVar}.n, 1)` },
        ResultPath: loopVar,
        Next: names.choice(i + 2),
      };
      const rules = [{ Variable: `${loopVar}.n`, NumericLessThan: bound, Next: inc }];
      if (chance(0.5)) {
        // Dead only by the loop invariant n <= bound.
        rules.push({ Variable: `${loopVar}.n`, NumericGreaterThanEquals: bound + int(1, 5), Next: 'Failed' });
        deadPlanted += 1;
      }
      states[names.choice(i + 2)] = { Type: 'Choice', Choices: rules, Default: next };
      break;
    }
    case 'taskloop': {
      // Task -> Choice (back to the Task until its result says done); exit depends on the Task result only.
      const choice = names.choice(i + 1);
      states[names.task(i)] = taskState(i, choice);
      const rules = [
        { Variable: `$.r${i}.Payload.status`, StringEquals: 'failed', Next: 'Failed' },
        { Variable: `$.r${i}.Payload.done`, BooleanEquals: false, Next: names.task(i) },
      ];
      if (chance(0.5)) {
        // Dead: the first rule already took "failed".
        rules.push({ And: [{ Variable: `$.r${i}.Payload.status`, StringEquals: 'failed' },
          { Variable: `$.r${i}.Payload.score`, NumericLessThan: int(1, 9) }], Next: 'Rejected' });
        deadPlanted += 1;
      }
      states[choice] = { Type: 'Choice', Choices: rules, Default: next };
      sureResults.push(i);
      break;
    }
    case 'poll': {
      // Pass init -> Task -> Pass increment -> Choice (back to the Task while pending and below the bound).
      const bound = int(3, 12);
      const loopVar = `$.poll${i}`;
      const task = names.task(i + 1);
      const inc = names.pass(i + 2);
      const choice = names.choice(i + 3);
      states[names.pass(i)] = { Type: 'Pass', Result: { n: 0 }, ResultPath: loopVar, Next: task };
      states[task] = taskState(i + 1, inc);
      states[inc] = {
        Type: 'Pass',
        Parameters: { 'n.$': `States.MathAdd(${loopVar}.n, 1)` },
        ResultPath: loopVar,
        Next: choice,
      };
      states[choice] = {
        Type: 'Choice',
        Choices: [
          { And: [{ Variable: `$.r${i + 1}.Payload.status`, StringEquals: 'pending' },
            { Variable: `${loopVar}.n`, NumericLessThan: bound }], Next: task },
          { Variable: `$.r${i + 1}.Payload.status`, StringEquals: 'pending', Next: 'Rejected' },
        ],
        Default: next,
      };
      sureResults.push(i + 1);
      break;
    }
    default:
      throw new Error(`unknown block kind ${block.kind}`);
  }
});
states.Done = { Type: 'Succeed' };
states.Failed = { Type: 'Fail', Error: 'Synthetic.Failed', Cause: 'A step failed.' };
states.Rejected = { Type: 'Fail', Error: 'Synthetic.Rejected', Cause: 'The input was rejected.' };

const machine = {
  Comment: `Synthetic solver benchmark machine of about ${n} states (seed ${seed}), bench/gen-solver-machine.mjs`,
  StartAt: 'Pass 0',
  States: states,
};

const choiceStates = Object.values(states).filter((s) => s.Type === 'Choice');
const choiceRules = choiceStates.reduce((sum, s) => sum + s.Choices.length, 0);
process.stdout.write(`${JSON.stringify(machine)}\n`);
process.stderr.write(`gen-solver-machine: ${Object.keys(states).length} states, ${choiceStates.length} Choice states, ` +
  `${choiceRules} Choice rules, ${deadPlanted} dead rules planted\n`);
