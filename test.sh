#!/usr/bin/env bash
# Restores, builds and runs every test of the solution, then prints one line: "N passed, N failed".
# Before the tests it installs what they need when it is missing (Debian's postgresql and chromium) and starts a
# throw-away PostgreSQL on 127.0.0.1, reached through PLEDGE_TEST_POSTGRES, stopped and deleted on exit.
# Usage: ./test.sh            (CI calls exactly this through .ci/run)
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=$(mktemp -d)
pg=""
pgbin=""

# Runs a PostgreSQL program as the postgres user (as root), or as ourselves otherwise.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cleanup() {
  if [ -n "$pg" ]; then
    if [ -f "$pg/data/postmaster.pid" ]; then
      as_postgres "$pgbin/pg_ctl" -D "$pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg"
  fi
  rm -rf "$results"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== services"
started=$SECONDS

# Debian packages the tests need, installed only when missing.
missing=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing ${missing[*]}: install them (apt-get install ${missing[*]}) or run ./test.sh as root" >&2
    exit 1
  fi
  echo "installing ${missing[*]}"
  log=$(mktemp)
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    exit 1
  fi
  rm -f "$log"
fi

# A throw-away PostgreSQL on a free loopback port, its data, socket and log in a folder the postgres user owns.
# fsync is off: the cluster is deleted when the run ends, so durability buys nothing and costs time.
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg=$(mktemp -d -t pledge-postgres.XXXXXX)
password=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$pg"
fi
chmod 700 "$pg"
if [ "$(id -u)" -eq 0 ]; then
  install -d -o postgres -g postgres -m 700 "$pg/data"
  install -d -o postgres -g postgres -m 755 "$pg/run"
  install -o postgres -g postgres -m 600 /dev/null "$pg/pwfile"
else
  install -d -m 700 "$pg/data"
  install -d -m 755 "$pg/run"
  install -m 600 /dev/null "$pg/pwfile"
fi
printf '%s\n' "$password" >"$pg/pwfile"
if ! as_postgres "$pgbin/initdb" -D "$pg/data" -U postgres --pwfile="$pg/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pg/run/initdb.log" 2>&1; then
  cat "$pg/run/initdb.log" >&2
  exit 1
fi
rm -f "$pg/pwfile"

# A port that nothing listens on; if another process takes it before the server does, try another.
port=""
for _ in 1 2 3 4 5; do
  candidate=$((20000 + RANDOM % 40000))
  if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    continue
  fi
  if as_postgres "$pgbin/pg_ctl" -D "$pg/data" -l "$pg/run/server.log" -w -t 30 \
    -o "-p $candidate -c listen_addresses=127.0.0.1 -k $pg/run -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null 2>&1; then
    port=$candidate
    break
  fi
done
if [ -z "$port" ]; then
  echo "the throw-away PostgreSQL did not start:" >&2
  cat "$pg/run/server.log" >&2 || true
  exit 1
fi
export PLEDGE_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, chromium $(command -v chromium) ($((SECONDS - started)) s)"

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
