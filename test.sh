#!/usr/bin/env bash
# Restores, builds and runs every test of the solution, then prints one line: "N passed, N failed".
# Usage: ./test.sh            (CI calls exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "== restore and build"
dotnet restore Pledge.sln
dotnet build Pledge.sln -c Release --no-restore

echo "== tests"
status=0
# One run per test project, each with its own result file (names from timestamps could collide).
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" || status=$?
done

# dotnet test prints no plain total: add up the counters of every result file.
passed=0
failed=0
files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

if [ "$files" -eq 0 ] || [ "$passed" -eq 0 ]; then
  echo "no test results were produced" >&2
  status=1
fi

echo "${passed} passed, ${failed} failed"
if [ "$failed" -ne 0 ]; then
  status=1
fi
exit "$status"
