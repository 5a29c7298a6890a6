#!/usr/bin/env bash
# Times `sfncheck check` against asl-validator 4.0.0 and writes a Markdown table to stdout and to
# bench/results/latest.md. Builds nothing: it needs build/sfncheck (or $SFNCHECK) and bench/node_modules
# (`npm ci` in bench/). See bench/README.md.
#
# Environment: SFNCHECK (binary, default build/sfncheck), SHARED (default ../shared beside the repository),
# BENCH_REPS (repetitions per synthetic size, default 5), BENCH_TIMEOUT (seconds allowed per call, default 600).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "${BENCH_DIR}/.." && pwd)
SFNCHECK=${SFNCHECK:-${ROOT}/build/sfncheck}
SHARED=${SHARED:-${ROOT}/../shared}
SHARED=$(realpath -m "${SHARED}")
CORPUS=${SHARED}/corpus
MANIFEST=${CORPUS}/MANIFEST.tsv
REPS=${BENCH_REPS:-5}
CALL_TIMEOUT=${BENCH_TIMEOUT:-600}
SIZES=(10 1000 5000)
ASL_CLI=${BENCH_DIR}/node_modules/.bin/asl-validator
RESULTS=${BENCH_DIR}/results/latest.md

die() {
  echo "bench/run.sh: $*" >&2
  exit 2
}

[[ -x ${SFNCHECK} ]] || die "no sfncheck binary at ${SFNCHECK}. Build it first:
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build
or point SFNCHECK at one."
command -v node >/dev/null 2>&1 || die "node is not installed"
[[ -x ${ASL_CLI} ]] || die "asl-validator is not installed in bench/node_modules; run: (cd bench && npm ci)"
[[ ${REPS} =~ ^[1-9][0-9]*$ ]] || die "BENCH_REPS must be a positive integer"

WORK=$(mktemp -d)
trap 'rm -rf "${WORK}"' EXIT

now_ns() { date +%s%N; }

# seconds NANOSECONDS -> "1.234"
seconds() { awk -v ns="$1" 'BEGIN { printf "%.3f", ns / 1e9 }'; }
# millis NANOSECONDS -> "12.3"
millis() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'; }
# ratio A B -> "A/B" with one decimal, or "n/a"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f×", a / b; else printf "n/a" }'; }
# median of the arguments (integers)
median() {
  local sorted
  mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
  local count=${#sorted[@]}
  if ((count % 2 == 1)); then
    echo "${sorted[count / 2]}"
  else
    echo $(((sorted[count / 2 - 1] + sorted[count / 2]) / 2))
  fi
}

# run_sfncheck FILE... -> exit code of sfncheck (output discarded); 124 means it timed out
run_sfncheck() {
  local rc=0
  # The structural rules only: asl-validator checks the schema, so like is compared with like
  # (bench/solver.sh times the Z3 analysis).
  timeout "${CALL_TIMEOUT}" "${SFNCHECK}" check --no-solver "$@" >/dev/null 2>&1 || rc=$?
  echo "${rc}"
}

run_asl_cli() {
  timeout "${CALL_TIMEOUT}" node "${ASL_CLI}" --silent --json-path "$1" >/dev/null 2>&1 || true
}

rows=()
notes=()
add_row() { rows+=("| $1 | $2 | $3 | $4 |"); }

# --- corpus --------------------------------------------------------------------------------------------------
if [[ -f ${MANIFEST} ]]; then
  awk -F'\t' -v dir="${CORPUS}" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "file") c = i; next }
                                  c && $c ~ /\.json$/ { print dir "/" $c }' "${MANIFEST}" >"${WORK}/corpus.list"
  mapfile -t corpus_files <"${WORK}/corpus.list"
  n_files=${#corpus_files[@]}
  ((n_files > 0)) || die "no JSON files listed in ${MANIFEST}"
  echo "corpus: ${n_files} files from ${MANIFEST}" >&2

  # (1) one process per file, as a CI job calling each tool on each file would.
  echo "corpus, one process per file: sfncheck ..." >&2
  declare -A exit_counts=()
  internal_errors=()
  start=$(now_ns)
  for file in "${corpus_files[@]}"; do
    rc=$(run_sfncheck "${file}")
    exit_counts[${rc}]=$((${exit_counts[${rc}]:-0} + 1))
    if ((rc >= 3)); then internal_errors+=("${file} (exit ${rc})"); fi
  done
  sfn_per_file=$(($(now_ns) - start))
  echo "corpus, one process per file: asl-validator CLI ..." >&2
  start=$(now_ns)
  for file in "${corpus_files[@]}"; do
    run_asl_cli "${file}"
  done
  asl_per_file=$(($(now_ns) - start))
  add_row "corpus, one process per file (${n_files} files), total" "$(seconds "${sfn_per_file}") s" \
    "$(seconds "${asl_per_file}") s" "$(ratio "${asl_per_file}" "${sfn_per_file}")"

  codes=""
  for rc in $(printf '%s\n' "${!exit_counts[@]}" | sort -n); do codes+="${codes:+, }exit ${rc}: ${exit_counts[${rc}]}"; done
  notes+=("sfncheck exit codes over the corpus, one file per process: ${codes}.")
  if ((${#internal_errors[@]} > 0)); then
    notes+=("sfncheck exited 3 or more (internal error, signal or timeout) on ${#internal_errors[@]} corpus file(s): $(printf '%s; ' "${internal_errors[@]:0:10}")")
  fi

  # (2) one process over all files.
  echo "corpus, one process for all files ..." >&2
  start=$(now_ns)
  rc=$(run_sfncheck "${corpus_files[@]}")
  sfn_all=$(($(now_ns) - start))
  notes+=("sfncheck over all corpus files in one process exited ${rc}.")
  start=$(now_ns)
  summary=$(node "${BENCH_DIR}/asl-validator-all.mjs" --list "${WORK}/corpus.list")
  asl_all=$(($(now_ns) - start))
  notes+=("asl-validator in one process over the corpus: ${summary}.")
  add_row "corpus, one process for all ${n_files} files" "$(seconds "${sfn_all}") s" \
    "$(seconds "${asl_all}") s (library, in-process)" "$(ratio "${asl_all}" "${sfn_all}")"
else
  echo "bench/run.sh: ${MANIFEST} not found; skipping the corpus measurements" >&2
  notes+=("Corpus measurements skipped: ${MANIFEST} not found.")
fi

# --- synthetic machines ----------------------------------------------------------------------------------------
mkdir -p "$(dirname "${RESULTS}")"
declare -A sfn_median=()
for size in "${SIZES[@]}"; do
  machine=${WORK}/synthetic-${size}.asl.json
  node "${BENCH_DIR}/gen-machine.mjs" "${size}" "${machine}"
  verdict=$(node "${BENCH_DIR}/asl-validator-all.mjs" "${machine}")
  [[ ${verdict} == *"valid=1 "* ]] || notes+=("asl-validator does not accept the synthetic ${size}-state machine: ${verdict}.")
  echo "synthetic ${size} states, ${REPS} repetitions ..." >&2
  sfn_times=()
  asl_times=()
  for ((rep = 0; rep < REPS; rep++)); do
    start=$(now_ns)
    rc=$(run_sfncheck "${machine}")
    sfn_times+=($(($(now_ns) - start)))
    if ((rc > 1)); then
      cp "${machine}" "${BENCH_DIR}/results/failed-synthetic-${size}.asl.json"
      die "sfncheck exited ${rc} on the synthetic ${size}-state machine (kept as bench/results/failed-synthetic-${size}.asl.json)"
    fi
    start=$(now_ns)
    run_asl_cli "${machine}"
    asl_times+=($(($(now_ns) - start)))
  done
  sfn_median[${size}]=$(median "${sfn_times[@]}")
  asl_med=$(median "${asl_times[@]}")
  add_row "synthetic ${size} states, median of ${REPS} (one process per call)" "$(millis "${sfn_median[${size}]}") ms" \
    "$(millis "${asl_med}") ms" "$(ratio "${asl_med}" "${sfn_median[${size}]}")"
done
growth=$(ratio "${sfn_median[5000]}" "${sfn_median[1000]}")

# --- report ----------------------------------------------------------------------------------------------------
sfn_version=$("${SFNCHECK}" --version 2>/dev/null | head -n 1 || true)
sfn_version=${sfn_version#sfncheck }
git_rev=$(git -C "${ROOT}" rev-parse --short HEAD 2>/dev/null || echo "no commit")
asl_version=$(node -p "require('${BENCH_DIR}/node_modules/asl-validator/package.json').version")
{
  echo "# sfncheck vs asl-validator"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, node $(node --version), asl-validator ${asl_version}," \
    "sfncheck ${sfn_version:-(no --version)} at ${git_rev}. Wall-clock times including process start."
  echo
  echo "| measurement | sfncheck | asl-validator | ratio (asl-validator / sfncheck) |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "sfncheck growth from 1,000 to 5,000 states (median time ratio; linear would be about 5×): ${growth}"
  if ((${#notes[@]} > 0)); then
    echo
    printf -- '- %s\n' "${notes[@]}"
  fi
} >"${WORK}/report.md"

mkdir -p "$(dirname "${RESULTS}")"
cp "${WORK}/report.md" "${RESULTS}"
cat "${RESULTS}"
