// Runs bench/loop.asl.json in aws-local-stepfunctions for ROUNDS rounds and prints one JSON line:
// {"transitions", "seconds", "status", "peak_rss_kb"}. Used by bench/interpreter.sh.
// Usage: node bench/interpreter-loop.mjs ROUNDS
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The package (and its Node 20 polyfill) comes from the differential test's install:
// `npm ci --prefix tests/differential`.
const { StateMachine } = await import('../tests/differential/lib/package.mjs');

const here = path.dirname(fileURLToPath(import.meta.url));

const rounds = Number(process.argv[2] ?? 50000);
const definition = JSON.parse(readFileSync(path.join(here, 'loop.asl.json'), 'utf8'));
const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
const started = process.hrtime.bigint();
const execution = machine.run({ count: 0, rounds });
let status = 'SUCCEEDED';
try {
  await execution.result;
} catch (error) {
  status = `FAILED ${error?.name ?? ''}`;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ transitions: rounds * 2 + 1, seconds, status,
                             peak_rss_kb: Math.round(process.resourceUsage().maxRSS) }));
