#!/usr/bin/env bash
# Test generation benchmark: times `sfncheck testgen MACHINE -o FRESH_DIR --coverage branches` (whole process, one
# run, nanosecond clock; CPU time and peak RSS from /usr/bin/time when it is installed) on the Choice-heavy machines of
# bench/solver.sh (bench/gen-solver-machine.mjs, same sizes and seed), and reports the goals, their verdicts and the
# number of tests from coverage.json's summary, next to the number of top-level paths of the machine: the tests
# follow the goals, the paths explode. For the time split, `sfncheck check --format json` (the Z3 analysis) is timed
# on the same machine too, once.
#
# Paths column: the top-level paths from StartAt to a state that ends the execution (Succeed, Fail, End), through
# Next, Choices[].Next, Default and Catch[].Next, each loop taken 0 times (back edges of a depth-first walk dropped,
# so no state twice). That is the number of `path:` goals `--coverage paths --loop-bound 0` would list without its
# cap, and a lower bound for any loop bound. Counted exactly (BigInt), printed as ~M.Me+E when it has 16 digits or more.
#
# Needs build/sfncheck (Release) and node. Builds nothing. The machines, each coverage.json and the table go to
# bench/results/ (testgen-N.asl.json, testgen-N.coverage.json, testgen.md); the table also goes to stdout. The tests
# themselves are written to a temporary folder, counted, and removed. Exit code 0, or 1 when sfncheck timed out or
# exited above 1 on a machine (the table says which), 2 for a usage error.
#
# Environment: SFNCHECK (binary, default ./build/sfncheck), SIZES (default "100 1000 5000"), SEED (generator seed,
# default 1), COVERAGE (default branches), WITH_CHECK (1: also time `sfncheck check`, the default; 0: skip it),
# BENCH_TIMEOUT (seconds allowed per call, default 600).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SFNCHECK=${SFNCHECK:-./build/sfncheck}
SIZES=${SIZES:-"100 1000 5000"}
SEED=${SEED:-1}
COVERAGE=${COVERAGE:-branches}
WITH_CHECK=${WITH_CHECK:-1}
CALL_TIMEOUT=${BENCH_TIMEOUT:-600}
RESULTS=bench/results

die() {
  echo "bench/testgen.sh: $*" >&2
  exit 2
}

[[ -x ${SFNCHECK} ]] || die "${SFNCHECK} not found; build first (see README.md) or point SFNCHECK at a binary"
command -v node >/dev/null 2>&1 || die "node is not installed"
[[ ${SEED} =~ ^[0-9]+$ ]] || die "SEED must be a non-negative integer"
[[ ${WITH_CHECK} =~ ^[01]$ ]] || die "WITH_CHECK must be 0 or 1"
read -r -a sizes <<<"${SIZES}"
((${#sizes[@]} > 0)) || die "SIZES is empty"
for size in "${sizes[@]}"; do
  if ! [[ ${size} =~ ^[0-9]+$ ]] || ((size < 20)); then die "SIZES must hold integers >= 20, got '${size}'"; fi
done
mkdir -p "${RESULTS}"

# GNU time's -o/-f, for the peak RSS and the CPU time; without it these columns are left out.
have_time=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -o /dev/null -f '%M' true >/dev/null 2>&1; then have_time=1; fi

# "<top-level Choice rules> <top-level paths, loops taken 0 times>" of a machine (see the header).
machine_stats() {
  # shellcheck disable=SC2016 # the ${...} are JavaScript's
  node -e '
    const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    let rules = 0;
    const scope = (s) => {
      for (const st of Object.values((s && s.States) || {})) {
        if (!st || typeof st !== "object") continue;
        if (st.Type === "Choice" && Array.isArray(st.Choices)) rules += st.Choices.length;
        for (const b of st.Branches || []) scope(b);
        if (st.Iterator) scope(st.Iterator);
        if (st.ItemProcessor) scope(st.ItemProcessor);
      }
    };
    scope(m);

    const states = m.States || {};
    const successors = (st) => {
      const out = [];
      if (typeof st.Next === "string") out.push(st.Next);
      for (const r of st.Choices || []) if (r && typeof r.Next === "string") out.push(r.Next);
      if (typeof st.Default === "string") out.push(st.Default);
      for (const c of st.Catch || []) if (c && typeof c.Next === "string") out.push(c.Next);
      return [...new Set(out)].filter((n) => Object.prototype.hasOwnProperty.call(states, n));
    };
    const isEnd = (st) => st.Type === "Succeed" || st.Type === "Fail" || st.End === true;
    // Iterative depth-first walk: an edge to a state on the stack is a back edge (a loop) and is dropped; the paths
    // of a state are counted once all its successors are done (post-order), so the count is memoized.
    const paths = new Map(); // state -> BigInt, once finished
    const onStack = new Set();
    const stack = [];
    const enter = (name) => {
      onStack.add(name);
      stack.push({ name, next: successors(states[name]), i: 0, sum: isEnd(states[name]) ? 1n : 0n });
    };
    if (Object.prototype.hasOwnProperty.call(states, m.StartAt)) enter(m.StartAt);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.i < top.next.length) {
        const n = top.next[top.i++];
        if (onStack.has(n)) continue; // back edge
        if (paths.has(n)) top.sum += paths.get(n);
        else { top.i--; enter(n); }
        continue;
      }
      stack.pop();
      onStack.delete(top.name);
      paths.set(top.name, top.sum);
      if (stack.length > 0) { stack[stack.length - 1].sum += top.sum; stack[stack.length - 1].i++; }
    }
    const count = paths.get(m.StartAt) ?? 0n;
    const digits = count.toString();
    const shown = digits.length < 16
      ? digits
      : `~${digits[0]}.${digits[1]}e+${digits.length - 1}`;
    console.log(`${rules} ${shown}`);' "$1"
}

# From coverage.json: "<goals> <covered> <impossible> <unknown> <tests> <loop_bound>", "n/a" for what is absent.
read_summary() {
  node -e '
    const s = (JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).summary) || {};
    const num = (v) => (typeof v === "number" ? String(v) : "n/a");
    console.log(["goals", "covered", "impossible", "unknown", "tests", "loop_bound"].map((k) => num(s[k])).join(" "));' "$1"
}

# Notes from coverage.json: the goals by kind and verdict, the reasons of unknown goals (grouped, most frequent
# first, at most five) and the summary's limits. One note a line.
coverage_notes() {
  # shellcheck disable=SC2016 # the ${...} are JavaScript's
  node -e '
    const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const goals = c.goals || [];
    const byKind = new Map();
    for (const g of goals) {
      const k = byKind.get(g.kind) || {};
      k[g.status] = (k[g.status] || 0) + 1;
      byKind.set(g.kind, k);
    }
    const kinds = [...byKind].map(([kind, v]) => `${kind} ${Object.entries(v).map(([s, n]) => `${n} ${s}`).join(", ")}`);
    console.log(`goals by kind: ${kinds.join("; ") || "none"}`);
    const reasons = new Map();
    for (const g of goals) {
      if (g.status !== "unknown") continue;
      // Group by the reason with the names and numbers taken out.
      const key = String(g.reason || "(no reason)").replace(/"[^"]*"/g, "\"…\"").replace(/[0-9]+/g, "N").slice(0, 160);
      reasons.set(key, (reasons.get(key) || 0) + 1);
    }
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`unknown (${n}): ${reason}`);
    for (const limit of (c.summary && c.summary.limits) || []) console.log(`limit: ${limit}`);' "$1"
}

# Runs a command with the timeout, its stdout to $OUT_FILE and stderr to $ERR_FILE. Prints "<ns> <exit code> <peak KB
# or n/a> <CPU seconds, user + system, or n/a>"; exit code 124 means the call timed out.
timed() {
  local start end rc=0 kb=n/a cpu=n/a rss_file
  rss_file=$(mktemp)
  start=$(date +%s%N)
  if ((have_time)); then
    timeout "${CALL_TIMEOUT}" /usr/bin/time -o "${rss_file}" -f '%M %U %S' "$@" >"${OUT_FILE}" 2>"${ERR_FILE}" || rc=$?
  else
    timeout "${CALL_TIMEOUT}" "$@" >"${OUT_FILE}" 2>"${ERR_FILE}" || rc=$?
  fi
  end=$(date +%s%N)
  if ((have_time)) && ((rc != 124)); then
    read -r kb user sys < <(tail -n 1 "${rss_file}") || true
    if [[ ${kb} =~ ^[0-9]+$ && ${user:-} =~ ^[0-9.]+$ && ${sys:-} =~ ^[0-9.]+$ ]]; then
      cpu=$(awk -v u="${user}" -v s="${sys}" 'BEGIN { printf "%.2f", u + s }')
    else
      kb=n/a
    fi
  fi
  rm -f "${rss_file}"
  echo "$((end - start)) ${rc} ${kb} ${cpu}"
}

seconds() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }
megabytes() { if [[ $1 == n/a ]]; then echo n/a; else awk -v kb="$1" 'BEGIN { printf "%.0f", kb / 1024 }'; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
# with_commas TEXT -> TEXT with thousands separators in every run of digits (not after a "." or "e+")
with_commas() { sed -e ':a' -e 's/\(^\|[^.+0-9]\)\([0-9]\+\)\([0-9]\{3\}\)\($\|[^0-9]\)/\1\2,\3\4/' -e 'ta' <<<"$1"; }

rss_header=""
rss_rule=""
if ((have_time)); then
  rss_header=" testgen CPU (s) | testgen peak RSS (MB) |"
  rss_rule="---|---|"
fi
check_header=""
check_rule=""
if ((WITH_CHECK)); then
  check_header=" \`check\` alone (s) | testgen - check (s) |"
  check_rule="---|---|"
  ((have_time)) && check_header+=" \`check\` CPU (s) |" && check_rule+="---|"
fi

rows=""
notes=()
failed=0
loop_bound=n/a
declare -A time_ns=() goal_count=() test_count=()
work=$(mktemp -d)
trap 'rm -rf "${work}"' EXIT
for size in "${sizes[@]}"; do
  machine=${RESULTS}/testgen-${size}.asl.json
  coverage=${RESULTS}/testgen-${size}.coverage.json
  rm -f "${coverage}"
  summary=$(node bench/gen-solver-machine.mjs "${size}" "${SEED}" 2>&1 >"${machine}")
  read -r rules paths < <(machine_stats "${machine}")
  bytes=$(wc -c <"${machine}")
  summary=${summary#gen-solver-machine: }
  notes+=("${machine} (seed ${SEED}, $(with_commas "${bytes}") bytes): ${summary}.")

  out_dir=${work}/tests-${size} # new: testgen wants a new or empty folder
  echo "${machine}: ${summary}, ${bytes} bytes; sfncheck testgen --coverage ${COVERAGE} ..." >&2
  read -r ns rc kb cpu < <(OUT_FILE=${work}/testgen.out ERR_FILE=${work}/testgen.err \
    timed "${SFNCHECK}" testgen "${machine}" -o "${out_dir}" --coverage "${COVERAGE}")
  head_cells="| $(with_commas "${size}") | $(with_commas "${rules}") |"
  if ((rc == 124)); then
    rows+="${head_cells} timeout (> ${CALL_TIMEOUT} s) | | | | | $(with_commas "${paths}") | |"$'\n'
    notes+=("sfncheck testgen timed out after ${CALL_TIMEOUT} s on ${machine}.")
    failed=1
    continue
  fi
  if ((rc > 1)) || [[ ! -f ${out_dir}/coverage.json ]]; then
    rows+="${head_cells} exit ${rc} | | | | | $(with_commas "${paths}") | |"$'\n'
    notes+=("sfncheck testgen exited ${rc} on ${machine}: $(head -c 300 "${work}/testgen.err" | tr '\n' ' ')")
    failed=1
    continue
  fi
  cp "${out_dir}/coverage.json" "${coverage}"
  read -r goals covered impossible unknown tests loop_bound < <(read_summary "${coverage}")
  files=$(find "${out_dir}" -maxdepth 1 -name '*.json' ! -name coverage.json | wc -l)
  tests_cell=$(with_commas "${tests}")
  [[ ${files} == "${tests}" ]] || tests_cell+=" (${files} files)"
  testgen_line=$(head -n 1 "${work}/testgen.out")
  notes+=("${coverage}: ${testgen_line//"${out_dir}"/NEW_DIR}")
  while IFS= read -r note; do notes+=("  - ${note}"); done < <(coverage_notes "${coverage}")
  rm -rf "${out_dir}"
  time_ns[${size}]=${ns}
  goal_count[${size}]=${goals}
  test_count[${size}]=${tests}

  row="${head_cells} $(with_commas "${goals}") | $(with_commas "${covered}") | $(with_commas "${impossible}") |"
  row+=" $(with_commas "${unknown}") | ${tests_cell} | $(with_commas "${paths}") | $(seconds "${ns}") |"
  ((have_time)) && row+=" ${cpu} | $(megabytes "${kb}") |"
  if ((WITH_CHECK)); then
    echo "${machine}: sfncheck check --format json ..." >&2
    read -r check_ns check_rc _ check_cpu < <(OUT_FILE=/dev/null ERR_FILE=${work}/check.err \
      timed "${SFNCHECK}" check --format json "${machine}")
    if ((check_rc == 124)); then
      row+=" timeout (> ${CALL_TIMEOUT} s) | n/a |"
      ((have_time)) && row+=" n/a |"
    elif ((check_rc > 1)); then
      row+=" exit ${check_rc} | n/a |"
      ((have_time)) && row+=" n/a |"
      notes+=("sfncheck check exited ${check_rc} on ${machine}: $(head -c 300 "${work}/check.err" | tr '\n' ' ')")
    else
      row+=" $(seconds "${check_ns}") | $(seconds "$((ns - check_ns))") |"
      ((have_time)) && row+=" ${check_cpu} |"
    fi
  fi
  rows+="${row}"$'\n'
done

if [[ -n ${time_ns[1000]:-} && -n ${time_ns[5000]:-} ]]; then
  growth="growth 1,000 -> 5,000 states: $(ratio "${time_ns[5000]}" "${time_ns[1000]}")x time,"
  growth+=" $(ratio "${goal_count[5000]}" "${goal_count[1000]}")x goals, $(ratio "${test_count[5000]}" "${test_count[1000]}")x tests"
else
  growth="growth 1,000 -> 5,000 states: n/a (needs both sizes in SIZES, measured)"
fi

sfn_version=$("${SFNCHECK}" --version 2>/dev/null | head -n 1 || true)
load=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || echo '?')
report=$(cat <<EOT
# sfncheck testgen on Choice-heavy machines

$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores (load average at the end: ${load}), ${sfn_version:-sfncheck} at $(git rev-parse --short HEAD 2>/dev/null || echo '?').
\`sfncheck testgen MACHINE -o NEW_DIR --coverage ${COVERAGE}\` (loop bound ${loop_bound}) on bench/gen-solver-machine.mjs
output (the machines of bench/solver.sh), whole process, one run. Goals and verdicts from coverage.json's summary.
Paths: top-level paths from StartAt to an end, each loop taken 0 times (a lower bound at any loop bound).
The solver's witness search stops at a wall-clock safety net (a limit below says so): on a busy machine, the
largest machine can get fewer tests and more unknown goals.
$( ((WITH_CHECK)) && echo "\`check\` alone: \`sfncheck check --format json\` on the same machine (the Z3 analysis), one run." )

| states | Choice rules | goals | covered | impossible | unknown | tests | top-level paths | testgen time (s) |${rss_header}${check_header}
|---|---|---|---|---|---|---|---|---|${rss_rule}${check_rule}
${rows}
${growth}

$(for note in "${notes[@]}"; do [[ ${note} == "  - "* ]] && echo "${note}" || echo "- ${note}"; done)
EOT
)
echo "${report}" | tee "${RESULTS}/testgen.md"
exit "${failed}"
