#!/usr/bin/env bash
# Whole-process benchmark of `pledge calendar batch` against the peer (moment-business-time on Node.js),
# same calendar, same queries, same machine, same run. Prints a Markdown summary for docs/benchmarks.md.
#
#   bench/batch/run.sh [LINES] [PEER_LINES]      (defaults: 1000000 and 50000)
#
# Pledge is measured as a user installs it: `dotnet publish -c Release` with ReadyToRun, started once
# per run, reading the query file on stdin and writing answers to a file: start-up, parsing, computing
# and output all count. The peer walks day by day and needs minutes for a million lines, so it answers
# the first PEER_LINES of the same file; its rate does not depend on the count (no start-up to amortise
# worth speaking of at that size), and both rates are lines per second of whole-process wall time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lines=${1:-1000000}
peer_lines=${2:-50000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

calendar="$root/bench/peers/berlin-9to5.yaml"

echo "publishing pledge (Release, ReadyToRun)…" >&2
dotnet publish "$root/src/Pledge.Cli" -c Release -r linux-x64 --self-contained false \
  -p:PublishReadyToRun=true -o "$work/pledge" >/dev/null

if [ ! -d "$root/bench/peers/node_modules" ]; then
  (cd "$root/bench/peers" && npm ci --silent >/dev/null)
fi

node "$root/bench/peers/generate-queries.mjs" "$lines" 42 > "$work/queries.jsonl"
head -n "$peer_lines" "$work/queries.jsonl" > "$work/peer-queries.jsonl"

# timed IN OUT COMMAND…: runs COMMAND with stdin from IN and stdout to OUT; prints its wall seconds.
timed() {
  local in=$1 out=$2 start end
  shift 2
  start=$(date +%s.%N)
  "$@" < "$in" > "$out"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

pledge_runs=()
for run in 1 2 3 4 5; do
  s=$(timed "$work/queries.jsonl" "$work/pledge.jsonl" "$work/pledge/pledge" calendar batch --calendar "$calendar")
  pledge_runs+=("$s")
  echo "pledge run $run: $s s" >&2
done
errors=$(grep -c '"error"' "$work/pledge.jsonl" || true)
answered=$(wc -l < "$work/pledge.jsonl")

empty=$(timed /dev/null /dev/null "$work/pledge/pledge" calendar batch --calendar "$calendar")

peer=$(timed "$work/peer-queries.jsonl" "$work/peer.jsonl" node "$root/bench/peers/peer-due.mjs" --quiet)
echo "peer: $peer s for $peer_lines lines" >&2

head -n "$peer_lines" "$work/pledge.jsonl" > "$work/pledge-head.jsonl"
agreement=$(node "$root/bench/peers/compare.mjs" "$work/peer-queries.jsonl" "$work/peer.jsonl" "$work/pledge-head.jsonl" --show 3 2>&1 | head -n 1 || true)

median=$(printf '%s\n' "${pledge_runs[@]}" | sort -n | sed -n 3p)
best=$(printf '%s\n' "${pledge_runs[@]}" | sort -n | head -n 1)
pledge_rate=$(awk -v n="$lines" -v s="$median" 'BEGIN { print n / s }')
peer_rate=$(awk -v n="$peer_lines" -v s="$peer" 'BEGIN { print n / s }')
ratio=$(awk -v a="$pledge_rate" -v b="$peer_rate" 'BEGIN { print a / b }')

printf '| measure | value |\n|---|---|\n'
printf '| queries | %d due queries (`generate-queries.mjs %d 42`), %d answered, %d errors |\n' "$lines" "$lines" "$answered" "$errors"
printf '| pledge, 5 runs (s) | %s |\n' "$(printf '%.3f ' "${pledge_runs[@]}")"
printf '| pledge, median | %.3f s = **%.0f lines/s** (best %.3f s) |\n' "$median" "$pledge_rate" "$best"
printf '| pledge start-up alone (empty input) | %.3f s |\n' "$empty"
printf '| peer, first %d queries | %.2f s = **%.0f lines/s** |\n' "$peer_lines" "$peer" "$peer_rate"
printf '| ratio pledge / peer | **%.0f×** |\n' "$ratio"
printf '| answers compared | %s |\n' "$agreement"
