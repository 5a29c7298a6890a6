#!/usr/bin/env node
// Writes a synthetic, valid JSONPath-mode state machine of exactly N states (nested states included) to OUT.
//
//   node bench/gen-machine.mjs N OUT
//
// The machine is one forward chain of blocks ending in a Succeed ("Done"), with a Fail ("Failed") that every
// Catch goes to: Tasks with Retry and Catch and bare Tasks with Parameters, Passes with a Result, Choices with
// three IsPresent-guarded rules that jump one or two blocks ahead, Waits, counter loops (Pass init, Pass
// increment with States.MathAdd, Choice back-edge) near the start and about every 500 states, and a two-branch
// Parallel about every 100 states. Output depends on N only; it is compact JSON, and up to 5,000 states it stays
// under AWS's 1 MiB definition limit.
import { writeFileSync } from 'node:fs';

const PARALLEL_EVERY = 100;
const LOOP_EVERY = 500;
const BLOCK_SIZE = { task: 1, call: 1, pass: 1, choice: 1, wait: 1, loop: 3, parallel: 5 };
// 'task' has Retry and Catch, 'call' is a bare Task; the mix keeps 5,000 states under AWS's 1 MiB definition limit.
const CYCLE = ['task', 'pass', 'choice', 'call', 'wait', 'pass', 'task', 'pass'];
const TERMINALS = 2; // "Done" (Succeed) and "Failed" (Fail)

function usage(message) {
  process.stderr.write(`${message}\nusage: node gen-machine.mjs N OUT   (N >= 3)\n`);
  process.exit(2);
}

// Chooses the blocks so that their states add up to exactly n - TERMINALS.
function planBlocks(n) {
  const blocks = [];
  let used = 0;
  let cycleIndex = 0;
  const budget = n - TERMINALS;
  while (used < budget) {
    const remaining = budget - used;
    let kind;
    if (Math.floor((used + BLOCK_SIZE.parallel) / PARALLEL_EVERY) > Math.floor(used / PARALLEL_EVERY) &&
        remaining >= BLOCK_SIZE.parallel + 1) {
      kind = 'parallel';
    } else if ((used === 4 || Math.floor((used + BLOCK_SIZE.loop) / LOOP_EVERY) > Math.floor(used / LOOP_EVERY)) &&
               remaining >= BLOCK_SIZE.loop + 1) {
      kind = 'loop';
    } else {
      kind = CYCLE[cycleIndex++ % CYCLE.length];
      // A Choice needs a block after it to jump to; keep the last block a Task.
      if (kind === 'choice' && remaining < 2) kind = 'task';
    }
    blocks.push(kind);
    used += BLOCK_SIZE[kind];
  }
  return blocks;
}

const pad = (i) => String(i).padStart(5, '0');

const lambdaRetry = (jitter) => [
  { ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2,
    ...(jitter ? { MaxDelaySeconds: 30, JitterStrategy: 'FULL' } : {}) },
];

const catchAll = () => [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }];

function taskState(i, next, withHandlers) {
  const state = {
    Type: 'Task',
    Resource: `arn:aws:lambda:us-east-1:123456789012:function:step-${i % 97}`,
    ResultPath: '$.last',
  };
  if (withHandlers) {
    Object.assign(state, { Retry: lambdaRetry(false), Catch: catchAll() });
  } else {
    state.Parameters = { 'id.$': '$.id', step: i };
  }
  state.Next = next;
  return state;
}

function choiceState(i, next, skip) {
  return {
    Type: 'Choice',
    Choices: [
      {
        And: [
          { Variable: '$.score', IsPresent: true },
          { Variable: '$.score', NumericGreaterThan: i % 50 },
        ],
        Next: skip,
      },
      {
        And: [
          { Variable: '$.tag', IsPresent: true },
          { Variable: '$.tag', StringMatches: `tag-${i % 11}-*` },
        ],
        Next: next,
      },
      {
        Not: { Variable: '$.flag', IsPresent: true },
        Next: skip,
      },
    ],
    Default: next,
  };
}

function generate(n) {
  const blocks = planBlocks(n);
  // Name of the first state of every block, then "Done".
  const firstNames = [];
  let counter = 0;
  const names = blocks.map((kind) => {
    const base = counter;
    counter += BLOCK_SIZE[kind];
    return { kind, base };
  });
  for (const { kind, base } of names) {
    firstNames.push(kind === 'loop' ? `S${pad(base)} Loop Init` : `S${pad(base)} ${kind[0].toUpperCase()}${kind.slice(1)}`);
  }
  firstNames.push('Done');

  const states = {};
  names.forEach(({ kind, base }, b) => {
    const name = firstNames[b];
    const next = firstNames[b + 1];
    const skip = firstNames[Math.min(b + 2, firstNames.length - 1)];
    switch (kind) {
      case 'task':
      case 'call':
        states[name] = taskState(base, next, kind === 'task');
        break;
      case 'pass':
        states[name] = { Type: 'Pass', Result: { step: base }, ResultPath: '$.pass', Next: next };
        break;
      case 'wait':
        states[name] = { Type: 'Wait', Seconds: 1 + (base % 3), Next: next };
        break;
      case 'choice':
        states[name] = choiceState(base, next, skip);
        break;
      case 'loop': {
        const inc = `S${pad(base + 1)} Loop Increment`;
        const check = `S${pad(base + 2)} Loop Check`;
        states[name] = { Type: 'Pass', Result: { n: 0 }, ResultPath: '$.loop', Next: inc };
        states[inc] = {
          Type: 'Pass',
          Parameters: { 'n.$': 'States.MathAdd($.loop.n, 1)' },
          ResultPath: '$.loop',
          Next: check,
        };
        states[check] = {
          Type: 'Choice',
          Choices: [{ Variable: '$.loop.n', NumericLessThan: 3, Next: inc }],
          Default: next,
        };
        break;
      }
      case 'parallel': {
        const branch = (k) => {
          const prepare = `S${pad(base + 1 + 2 * k)} Branch ${k} Prepare`;
          const work = `S${pad(base + 2 + 2 * k)} Branch ${k} Work`;
          return {
            StartAt: prepare,
            States: {
              [prepare]: { Type: 'Pass', Parameters: { 'id.$': '$.id', branch: k }, Next: work },
              [work]: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: {
                  FunctionName: `arn:aws:lambda:us-east-1:123456789012:function:branch-${k}`,
                  'Payload.$': '$',
                },
                OutputPath: '$.Payload',
                TimeoutSeconds: 60,
                Retry: lambdaRetry(true),
                End: true,
              },
            },
          };
        };
        states[name] = {
          Type: 'Parallel',
          Branches: [branch(0), branch(1)],
          ResultPath: '$.parallel',
          Catch: catchAll(),
          Next: next,
        };
        break;
      }
      default:
        throw new Error(`unknown block kind ${kind}`);
    }
  });
  states.Done = { Type: 'Succeed' };
  states.Failed = { Type: 'Fail', ErrorPath: '$.error.Error', Cause: 'A synthetic step failed.' };

  return {
    Comment: `Synthetic machine of ${n} states generated by bench/gen-machine.mjs`,
    StartAt: firstNames[0],
    States: states,
  };
}

function countStates(scope) {
  let count = 0;
  for (const state of Object.values(scope.States)) {
    count += 1;
    for (const branch of state.Branches ?? []) count += countStates(branch);
  }
  return count;
}

const [nArg, out] = process.argv.slice(2);
if (nArg === undefined || out === undefined) usage('missing arguments');
const n = Number(nArg);
if (!Number.isInteger(n) || n < 3) usage(`N must be an integer >= 3, got ${nArg}`);

const machine = generate(n);
const actual = countStates(machine);
if (actual !== n) throw new Error(`internal error: generated ${actual} states instead of ${n}`);
// Compact, as deployment tools emit it: AWS counts every byte of the definition against its 1 MiB limit.
const text = `${JSON.stringify(machine)}\n`;
if (Buffer.byteLength(text) > 1024 * 1024) {
  process.stderr.write(`gen-machine.mjs: note: ${Buffer.byteLength(text)} bytes, above AWS's 1 MiB definition limit\n`);
}
writeFileSync(out, text);
