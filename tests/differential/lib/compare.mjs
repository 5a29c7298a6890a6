// What "the two interpreters agree" means for one scenario.

import { jsonEqual } from './definition.mjs';

const show = (value) => (value === undefined ? '(none)' : JSON.stringify(value));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// Values neither interpreter can be made to share: States.UUID() is random (sfncheck's is seeded), and the
// package stamps $$.Execution.StartTime with the wall clock while sfncheck uses its virtual clock. Such strings
// compare by shape only.
function normalised(value) {
  if (typeof value === 'string') {
    if (UUID.test(value)) return '<uuid>';
    if (TIMESTAMP.test(value)) return '<timestamp>';
    return value;
  }
  if (Array.isArray(value)) return value.map(normalised);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalised(item)]));
  }
  return value;
}

// The differences between sfncheck's result `ours` and aws-local-stepfunctions' result `theirs`, as short
// strings ([] = agreement). Compared: status; the path of top-level states; on success the output (UUIDs and
// timestamps by shape only); on failure
// the error name, and the cause when the error is not a `States.*` one and sfncheck gives a cause (causes of
// the service's own errors are worded differently by each implementation, and a Fail state with an Error but
// no Cause has no cause on AWS while the package invents one).
export function differences(ours, theirs) {
  const found = [];
  if (ours.status !== theirs.status) {
    found.push(`status: sfncheck ${ours.status}${detail(ours)}, aws-local-stepfunctions ${theirs.status}${detail(theirs)}`);
  }
  if (!jsonEqual(ours.path, theirs.path)) {
    found.push(`path: sfncheck ${pathText(ours.path)}; aws-local-stepfunctions ${pathText(theirs.path)}`);
  }
  if (ours.status !== theirs.status) return found;
  if (ours.status === 'SUCCEEDED' && !jsonEqual(normalised(ours.output), normalised(theirs.output))) {
    const [pointer, a, b] = firstDifference(normalised(ours.output), normalised(theirs.output), '');
    found.push(`output at "${pointer}": sfncheck ${truncate(show(a))}, aws-local-stepfunctions ${truncate(show(b))}`);
  }
  if (ours.status === 'FAILED') {
    if (ours.error !== theirs.error) {
      found.push(`error: sfncheck ${show(ours.error)}, aws-local-stepfunctions ${show(theirs.error)}`);
    } else if (!String(ours.error).startsWith('States.') && ours.cause !== undefined && ours.cause !== theirs.cause) {
      found.push(`cause: sfncheck ${show(ours.cause)}, aws-local-stepfunctions ${show(theirs.cause)}`);
    }
  }
  return found;
}

// The JSON Pointer of the first place where `a` and `b` differ, with the two values there.
function firstDifference(a, b, pointer) {
  const bothObjects = a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b);
  if (!bothObjects || (Array.isArray(a) && a.length !== b.length)) return [pointer, a, b];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  for (const key of keys) {
    if (!jsonEqual(a[key], b[key])) return firstDifference(a[key], b[key], `${pointer}/${key}`);
  }
  return [pointer, a, b];
}

function detail(result) {
  if (result.status === 'FAILED' || result.status === 'CRASHED') return ` (${result.error}: ${truncate(result.cause)})`;
  if (result.note) return ` (${truncate(result.note)})`;
  return '';
}

function truncate(text) {
  const value = String(text ?? '');
  return value.length > 160 ? `${value.slice(0, 157)}...` : value;
}

function pathText(path) {
  const names = path ?? [];
  if (names.length <= 12) return names.join(' > ') || '(empty)';
  return `${names.slice(0, 5).join(' > ')} > ... (${names.length - 10} more) ... > ${names.slice(-5).join(' > ')}`;
}
