// Runs a state machine in aws-local-stepfunctions (the second opinion) with the same mocked task results that
// sfncheck gets, and reduces the run to what both interpreters can report: status, top-level path, output or
// error and cause.

import { walkStates } from './definition.mjs';
import { StateMachine } from './package.mjs';


// A run is stopped (and reported as LIMIT) after this many entered states: sfncheck stops at AWS's 25,000
// history events, which is fewer states than this, so a machine that never ends is LIMIT in both.
const MAX_ENTERED_STATES = 30000;
// Wall-clock guard for one run; mocked tasks answer at once and Wait/Retry pauses are overridden to 0 ms.
const RUN_TIMEOUT_MS = 20000;

function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// The error a mocked Throw raises. The package matches Retry/Catch against `name` and reports `message` as
// the Cause. A Throw without a Cause gets an undefined `message` (not Error's default ""), so that the package's
// error output has no Cause either, as sfncheck's and AWS's have none (asl-semantics.md §6.3).
function mockError(thrown) {
  const error = new Error(thrown.Cause ?? '');
  error.name = thrown.Error;
  if (thrown.Cause === undefined) Object.defineProperty(error, 'message', { value: undefined });
  return error;
}

// The package's constructor validates with its bundled asl-validator, which compiles its schemas anew each time
// (1-2 s per machine here) and wrongly rejects some valid machines (placeholder Resources). Validity is
// sfncheck's question, asked before a machine gets here, so validation is off.
function buildMachine(definition) {
  return new StateMachine(clone(definition), { validationOptions: { noValidate: true } });
}

// Runs `definition` on `input` with `mocks` ({state name: [{Return} | {Throw}]}, one entry per invocation) and
// the Context Object fields `context`. Resolves to {status, path, output?, error?, cause?, note?} where status
// is SUCCEEDED, FAILED, TIMED_OUT, or one of the harness's own outcomes: MOCKS_EXHAUSTED (a task was invoked
// more often than it has mock entries), LIMIT (too many states), HUNG (wall-clock guard), REFUSED (the package
// would not start the run).
export async function runOracle(definition, input, mocks, context) {
  const topLevel = new Set(Object.keys(definition.States ?? {}));
  const taskNames = [];
  const waitNames = [];
  const retryNames = [];
  for (const { name, state } of walkStates(definition)) {
    if (state.Type === 'Task') taskNames.push(name);
    if (state.Type === 'Wait') waitNames.push(name);
    if (Array.isArray(state.Retry)) retryNames.push(name);
  }

  let stopReason = null;
  let execution = null;
  const stop = (reason) => {
    if (stopReason) return;
    stopReason = reason;
    // The handler that notices may run inside run() itself, before `execution` exists.
    setImmediate(() => execution?.abort());
  };

  const invocations = new Map();
  const taskResourceLocalHandlers = {};
  for (const name of taskNames) {
    taskResourceLocalHandlers[name] = () => {
      const index = invocations.get(name) ?? 0;
      invocations.set(name, index + 1);
      const entry = mocks[name]?.[index];
      if (!entry) {
        stop(`MOCKS_EXHAUSTED: no mock for invocation ${index} of '${name}'`);
        return new Promise(() => {});  // never settles; the run is aborted instead
      }
      if (entry.Throw) throw mockError(entry.Throw);
      return clone(entry.Return);
    };
  }
  const zero = (names) => Object.fromEntries(names.map((name) => [name, 0]));

  const path = [];
  let entered = 0;
  let failedEvent = null;
  let timedOut = false;
  try {
    execution = buildMachine(definition).run(clone(input), {
      overrides: {
        taskResourceLocalHandlers,
        waitTimeOverrides: zero(waitNames),
        retryIntervalOverrides: zero(retryNames),
      },
      context: clone(context),
      noThrowOnAbort: true,
    });
  } catch (error) {
    return { status: 'REFUSED', path, note: `${error?.name ?? 'Error'}: ${error?.message ?? error}` };
  }
  const consumeEvents = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') {
        entered += 1;
        // State names are unique in a valid machine, so a top-level name is a top-level state; Map
        // iterations tag their events with `index`.
        if (event.index === undefined && topLevel.has(event.state.name)) path.push(event.state.name);
        if (entered > MAX_ENTERED_STATES) stop(`LIMIT: more than ${MAX_ENTERED_STATES} states entered`);
      } else if (event.type === 'ExecutionFailed') {
        failedEvent = event;
      } else if (event.type === 'ExecutionTimeout') {
        timedOut = true;
      }
    }
  })();
  const guard = setTimeout(() => stop(`HUNG: no end after ${RUN_TIMEOUT_MS} ms`), RUN_TIMEOUT_MS);
  let output;
  let thrown = null;
  try {
    output = await execution.result;
  } catch (error) {
    thrown = error;
  } finally {
    clearTimeout(guard);
  }
  // The event log closes when the run ends (or is aborted); the timer only guards against a log left open.
  let drainTimer;
  await Promise.race([consumeEvents, new Promise((resolve) => { drainTimer = setTimeout(resolve, 1000); })]);
  clearTimeout(drainTimer);

  if (stopReason) {
    return { status: stopReason.split(':')[0], path, note: stopReason };
  }
  if (timedOut || thrown?.name === 'ExecutionTimeoutError') {
    return { status: 'TIMED_OUT', path, error: 'States.Timeout' };
  }
  if (thrown) {
    const error = failedEvent?.Error ?? thrown.name;
    const cause = failedEvent ? failedEvent.Cause : thrown.message;
    return { status: 'FAILED', path, error, cause: typeof cause === 'string' ? cause : JSON.stringify(cause) };
  }
  // As JSON, like AWS's: a key whose value is undefined (a Cause the mocked error did not have) is no key.
  return { status: 'SUCCEEDED', path, output: clone(output) };
}
