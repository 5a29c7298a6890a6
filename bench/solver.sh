#!/usr/bin/env bash
# Solver benchmark: times `sfncheck check --format json` (whole process, best of three, nanosecond clock) on
# Choice-heavy machines from bench/gen-solver-machine.mjs, and reports the time per Choice rule, the Choice rules
# the analysis left undecided (summary.solver.undecided_choice_rules of the JSON report; "n/a" when the report has
# no summary.solver) and the findings at warning or above.
#
# Needs build/sfncheck (Release) and node. Builds nothing. The machines, the JSON reports and the table go to
# bench/results/ (solver-N.asl.json, solver-N.report.json, solver.md); the table also goes to stdout. Exit code 0,
# or 1 when sfncheck timed out or exited above 1 on a machine (the table says which), 2 for a usage error.
#
# Environment: SFNCHECK (binary, default ./build/sfncheck), SIZES (default "100 1000 5000"), SEED (generator
# seed, default 1), BENCH_TIMEOUT (seconds allowed per call, default 600).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SFNCHECK=${SFNCHECK:-./build/sfncheck}
SIZES=${SIZES:-"100 1000 5000"}
SEED=${SEED:-1}
CALL_TIMEOUT=${BENCH_TIMEOUT:-600}
RESULTS=bench/results

die() {
  echo "bench/solver.sh: $*" >&2
  exit 2
}

[[ -x ${SFNCHECK} ]] || die "${SFNCHECK} not found; build first (see README.md) or point SFNCHECK at a binary"
command -v node >/dev/null 2>&1 || die "node is not installed"
[[ ${SEED} =~ ^[0-9]+$ ]] || die "SEED must be a non-negative integer"
read -r -a sizes <<<"${SIZES}"
((${#sizes[@]} > 0)) || die "SIZES is empty"
for size in "${sizes[@]}"; do
  if ! [[ ${size} =~ ^[0-9]+$ ]] || ((size < 20)); then die "SIZES must hold integers >= 20, got '${size}'"; fi
done
mkdir -p "${RESULTS}"

# Top-level rules of every Choice's Choices array, nested scopes (Parallel branches, Map processors) included.
count_choice_rules() {
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
    console.log(rules);' "$1"
}

# From a JSON report: "<undecided> <solver's choice_rules> <findings at warning or above>", "n/a" for what is absent.
read_report() {
  # shellcheck disable=SC2016 # the ${...} are JavaScript's
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const s = r.summary || {};
    const solver = s.solver || {};
    const num = (v) => (typeof v === "number" ? String(v) : "n/a");
    let findings;
    if (typeof s.errors === "number" && typeof s.warnings === "number") findings = s.errors + s.warnings;
    else findings = (r.findings || []).filter((f) => f.severity === "error" || f.severity === "warning").length;
    console.log(`${num(solver.undecided_choice_rules)} ${num(solver.choice_rules)} ${findings}`);' "$1"
}

# Best wall-clock nanoseconds of three runs of `sfncheck check --format json FILE`; the last report goes to REPORT.
# Prints "<best ns> <exit code of the last run>"; exit code 124 means the call timed out.
measure() {
  local file=$1 report=$2 best="" start end elapsed rc
  for _ in 1 2 3; do
    rc=0
    start=$(date +%s%N)
    timeout "${CALL_TIMEOUT}" "${SFNCHECK}" check --format json "${file}" >"${report}" 2>"${report}.stderr" || rc=$?
    end=$(date +%s%N)
    elapsed=$((end - start))
    if [[ -z ${best} ]] || ((elapsed < best)); then best=${elapsed}; fi
    ((rc <= 1)) || break # findings (1) are expected; anything else is reported once
  done
  echo "${best} ${rc}"
}

seconds() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }
per_rule_ms() { awk -v ns="$1" -v r="$2" 'BEGIN { if (r > 0) printf "%.3f", ns / 1e6 / r; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
# with_commas TEXT -> TEXT with thousands separators in every run of digits
with_commas() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|[^0-9]\)/\1,\2\3/' -e 'ta' <<<"$1"; }

rows=""
notes=()
failed=0
declare -A time_ns=() rule_count=()
for size in "${sizes[@]}"; do
  machine=${RESULTS}/solver-${size}.asl.json
  report=${RESULTS}/solver-${size}.report.json
  summary=$(node bench/gen-solver-machine.mjs "${size}" "${SEED}" 2>&1 >"${machine}")
  rules=$(count_choice_rules "${machine}")
  bytes=$(wc -c <"${machine}")
  summary=${summary#gen-solver-machine: }
  echo "${machine}: ${summary}, ${bytes} bytes; timing ..." >&2
  notes+=("${machine} (seed ${SEED}, $(with_commas "${bytes}") bytes): ${summary}.")

  read -r best rc < <(measure "${machine}" "${report}")
  if ((rc == 124)); then
    rows+="| $(with_commas "${size}") | $(with_commas "${rules}") | timeout (> ${CALL_TIMEOUT} s) | n/a | n/a | n/a |"$'\n'
    notes+=("sfncheck timed out after ${CALL_TIMEOUT} s on ${machine}.")
    failed=1
    continue
  fi
  if ((rc > 1)); then
    rows+="| $(with_commas "${size}") | $(with_commas "${rules}") | exit ${rc} | n/a | n/a | n/a |"$'\n'
    notes+=("sfncheck exited ${rc} on ${machine}: $(head -c 300 "${report}.stderr" | tr '\n' ' ')")
    failed=1
    continue
  fi
  rm -f "${report}.stderr"
  read -r undecided solver_rules findings < <(read_report "${report}")
  rules_cell=${rules}
  if [[ ${solver_rules} != n/a && ${solver_rules} != "${rules}" ]]; then
    rules_cell="${rules} (solver: ${solver_rules})"
  fi
  undecided_cell=${undecided}
  if [[ ${undecided} != n/a && ${solver_rules} != n/a ]]; then
    undecided_cell=$(with_commas "${undecided} of ${solver_rules}")
  fi
  time_ns[${size}]=${best}
  rule_count[${size}]=${rules}
  rows+="| $(with_commas "${size}") | $(with_commas "${rules_cell}") | $(seconds "${best}") | $(per_rule_ms "${best}" "${rules}") |"
  rows+=" ${undecided_cell} | ${findings} |"$'\n'
done

if [[ -n ${time_ns[1000]:-} && -n ${time_ns[5000]:-} ]]; then
  growth="growth 1,000 -> 5,000 states: $(ratio "${time_ns[5000]}" "${time_ns[1000]}")x time for"
  growth+=" $(ratio "${rule_count[5000]}" "${rule_count[1000]}")x Choice rules"
else
  growth="growth 1,000 -> 5,000 states: n/a (needs both sizes in SIZES, measured)"
fi

sfn_version=$("${SFNCHECK}" --version 2>/dev/null | head -n 1 || true)
report=$(cat <<EOT
# sfncheck check on Choice-heavy machines (solver)

$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, ${sfn_version:-sfncheck} at $(git rev-parse --short HEAD 2>/dev/null || echo '?').
\`sfncheck check --format json\` on bench/gen-solver-machine.mjs output, whole process, best of three.

| states | Choice rules | time (s) | time per Choice rule (ms) | undecided Choice rules | findings at warning or above |
|---|---|---|---|---|---|
${rows}
${growth}

$(printf -- '- %s\n' "${notes[@]}")
EOT
)
echo "${report}" | tee "${RESULTS}/solver.md"
exit "${failed}"
