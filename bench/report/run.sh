#!/usr/bin/env bash
# Whole-process benchmark of `pledge report` against `pledge events check` on the same events file, run back to
# back, alternating, so both see the same load on a shared machine (issue 3: the report may take at most twice
# the time the same process needs to read and parse the file). Prints one line per run and the min and median
# of the per-run ratio report / check, with peak memory (maximum resident set, MiB) from /usr/bin/time, and the
# same ratio in CPU time (user + system, all threads), which a busy machine disturbs less than wall time.
#
#   bench/report/run.sh PLEDGE_DIR TICKETS.jsonl [RUNS]     (RUNS defaults to 8)
#
# PLEDGE_DIR holds a published CLI (docs/benchmarks.md has the publish and generate commands); name several,
# separated by commas, to alternate builds within each run (e.g. this work and the code before it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
builds=$1
tickets=$2
runs=${3:-8}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# timed NAME COMMAND…: runs COMMAND; prints "seconds KiB cpu-seconds" (wall time, maximum resident set, user + system time).
timed() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M %U %S" -o "$work/$name.time" "$@" > /dev/null 2> "$work/$name.err"
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$work/$name.time"
}

IFS=, read -ra dirs <<< "$builds"
for run in $(seq 1 "$runs"); do
  for dir in "${dirs[@]}"; do
    read -r check check_kib check_cpu < <(timed check "$dir/pledge" events check "$tickets")
    read -r report report_kib report_cpu < <(timed report "$dir/pledge" report --repo "$root/samples/beverage-supplier" --events "$tickets" \
      --period 2026-11 --at 2026-12-05T00:00:00+01:00 --format csv -o "$work/report.csv")
    awk -v d="$dir" -v r="$run" -v c="$check" -v p="$report" -v ck="$check_kib" -v pk="$report_kib" -v cc="$check_cpu" -v pc="$report_cpu" \
      'BEGIN { printf "%s run %d: check %.2f s, report %.2f s, ratio %.2f, peak %d / %d MiB, load %s, cpu %.2f / %.2f s ratio %.2f\n", d, r, c, p, p / c, ck / 1024, pk / 1024, "'"$(cut -d' ' -f1 /proc/loadavg)"'", cc, pc, pc / cc }'
  done
done | tee "$work/runs.txt"

for dir in "${dirs[@]}"; do
  grep -F "$dir run " "$work/runs.txt" | awk -v d="$dir" '
    { check[NR] = $5; report[NR] = $8; ratio[NR] = $11; ck = $13; pk = $15; cpu[NR] = $25 }
    function median(a, n,   i, j, t, b) {
      for (i = 1; i <= n; i++) b[i] = a[i]
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (b[j] < b[i]) { t = b[i]; b[i] = b[j]; b[j] = t }
      return n % 2 ? b[(n + 1) / 2] : (b[n / 2] + b[n / 2 + 1]) / 2
    }
    function minimum(a, n,   i, m) { m = a[1]; for (i = 2; i <= n; i++) if (a[i] < m) m = a[i]; return m }
    END {
      printf "%s: %d runs; check min %.2f / median %.2f s; report min %.2f / median %.2f s; ratio best %.2f / median %.2f; peak %d / %d MiB (last run: check / report); cpu ratio best %.2f / median %.2f\n",
        d, NR, minimum(check, NR), median(check, NR), minimum(report, NR), median(report, NR), minimum(ratio, NR), median(ratio, NR), ck, pk, minimum(cpu, NR), median(cpu, NR)
    }'
done
