#!/usr/bin/env bash
# Interpreter benchmark: transitions per second on bench/loop.asl.json (two transitions per round)
# for sfncheck run and aws-local-stepfunctions, in one run, plus the 25,000-event history limit and
# memory at growing run lengths (flat when no trace is kept).
#
# Needs build/sfncheck (Release) and `npm ci --prefix tests/differential` (aws-local-stepfunctions).
# Writes a Markdown table to stdout and to bench/results/interpreter.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SFNCHECK=${SFNCHECK:-build/sfncheck}
ROUNDS=${ROUNDS:-50000}  # 100,001 transitions
if [[ ! -x ${SFNCHECK} ]]; then
  echo "bench/interpreter.sh: ${SFNCHECK} not found; build first (see README.md)" >&2
  exit 2
fi

# Wall seconds (best of three, nanosecond clock) and peak KB (from /usr/bin/time) of one command.
measure() {
  local best="" start end seconds kb
  for _ in 1 2 3; do
    start=$(date +%s%N)
    kb=$({ /usr/bin/time -f "%M" "$@" >/dev/null; } 2>&1 | tail -n 1)
    end=$(date +%s%N)
    seconds=$(awk -v a="${start}" -v b="${end}" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    if [[ -z ${best} ]] || awk -v s="${seconds}" -v b="${best}" 'BEGIN { exit !(s < b) }'; then best=${seconds}; fi
  done
  echo "${best} ${kb}"
}

input="{\"count\": 0, \"rounds\": ${ROUNDS}}"
read -r ours_seconds ours_kb < <(measure "${SFNCHECK}" run bench/loop.asl.json --input "${input}" --no-history-limit --no-trace)
transitions=$((ROUNDS * 2 + 1))

limited_status=$("${SFNCHECK}" run bench/loop.asl.json --input "${input}" --no-trace --format json |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const r=JSON.parse(s);console.log(`${r.status} ${r.error}: ${r.cause}`)})' || true)

memory_rows=""
for rounds in 50000 500000; do
  read -r seconds kb < <(measure "${SFNCHECK}" run bench/loop.asl.json --input "{\"count\": 0, \"rounds\": ${rounds}}" --no-history-limit --no-trace)
  memory_rows+="| $((rounds * 2 + 1)) | ${seconds} s | ${kb} KB |"$'\n'
done

als_line="aws-local-stepfunctions not installed (npm ci --prefix tests/differential)"
als_seconds=""
if [[ -d tests/differential/node_modules/aws-local-stepfunctions ]]; then
  als_json=$(node bench/interpreter-loop.mjs "${ROUNDS}")
  als_seconds=$(node -e "console.log(JSON.parse(process.argv[1]).seconds.toFixed(3))" "${als_json}")
  als_kb=$(node -e "console.log(JSON.parse(process.argv[1]).peak_rss_kb)" "${als_json}")
  als_line="${als_seconds} s, ${als_kb} KB peak"
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
rate() { awk -v t="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", t / s; else print "n/a" }'; }

report=$(cat <<EOT
# sfncheck run vs aws-local-stepfunctions

$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, node $(node --version), sfncheck at $(git rev-parse --short HEAD 2>/dev/null || echo '?').
bench/loop.asl.json, ${transitions} transitions (a Pass with States.MathAdd and a Choice per round), whole process.

| interpreter | time | transitions/s |
|---|---|---|
| sfncheck run --no-history-limit --no-trace | ${ours_seconds} s (${ours_kb} KB peak) | $(rate "${transitions}" "${ours_seconds}") |
| aws-local-stepfunctions 3.0.0 (in-process, no validation) | ${als_line} | $([[ -n ${als_seconds} ]] && rate "${transitions}" "${als_seconds}" || echo n/a) |

Ratio (aws-local-stepfunctions / sfncheck): $([[ -n ${als_seconds} ]] && ratio "${als_seconds}" "${ours_seconds}" || echo n/a)×

With the history limit on (the default), the same run ends: ${limited_status}

Memory without a trace, by run length:

| transitions | time | peak RSS |
|---|---|---|
${memory_rows}
EOT
)
mkdir -p bench/results
echo "${report}" | tee bench/results/interpreter.md
