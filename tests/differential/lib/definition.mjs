// Small helpers over a parsed ASL definition.

// Every state of the machine, nested ones included: {name, state, depth} (depth 0 = top level).
export function* walkStates(definition, depth = 0) {
  const states = definition?.States;
  if (!states || typeof states !== 'object') return;
  for (const [name, state] of Object.entries(states)) {
    if (!state || typeof state !== 'object') continue;
    yield { name, state, depth };
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      for (const branch of state.Branches) yield* walkStates(branch, depth + 1);
    }
    if (state.Type === 'Map') {
      for (const key of ['Iterator', 'ItemProcessor']) {
        if (state[key]) yield* walkStates(state[key], depth + 1);
      }
    }
  }
}

// Replaces `${Name}` placeholders in every string of `value` (keys included) from `substitutions`, as
// `sfncheck run` does with a test file's "substitutions".
export function substitute(value, substitutions) {
  if (!substitutions || Object.keys(substitutions).length === 0) return value;
  const replace = (text) => text.replace(/\$\{([^}]*)\}/g, (whole, name) => substitutions[name] ?? whole);
  const walk = (node) => {
    if (typeof node === 'string') return replace(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [replace(key), walk(item)]));
    }
    return node;
  };
  return walk(value);
}

// Deep merge of `overrides` into a copy of `base` (objects merge, anything else replaces).
export function deepMerge(base, overrides) {
  if (!overrides || typeof overrides !== 'object' || Array.isArray(overrides)) return base;
  const result = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = result[key];
    const bothObjects = value && typeof value === 'object' && !Array.isArray(value) &&
                        current && typeof current === 'object' && !Array.isArray(current);
    result[key] = bothObjects ? deepMerge(current, value) : value;
  }
  return result;
}

// JSON equality where numbers compare by value (1 and 1.0 are the same number) and key order does not matter.
export function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && jsonEqual(a[key], b[key]));
}
