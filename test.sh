#!/usr/bin/env bash
# Runs every Coffer test on a fresh machine: installs and starts what the tests need
# (Debian packages, PostgreSQL 15, npm packages), publishes the NativeAOT binary, then runs
# the .NET suites (SQLite and PostgreSQL), the Bitwarden SDK compatibility suite, the browser
# suite and a seconds-long smoke of the benchmarks. Any failure stops it with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

# The lock files pin every version; `npm ci` would refuse them because the registry served here lacks the
# SDK's macOS and Windows builds (optional dependencies), so they are missing from the lock.
npm_install() { npm install --no-audit --no-fund --loglevel=error; }

step "Debian packages"
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/lib/x86_64-linux-gnu/libsqlite3.a ] || need+=(libsqlite3-dev)
command -v wrk >/dev/null || need+=(wrk)
if [ ${#need[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

step "PostgreSQL 15"
as_root pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432
as_postgres psql -qtc "SELECT 1 FROM pg_roles WHERE rolname = 'coffer'" | grep -q 1 \
  || as_postgres psql -qc "CREATE ROLE coffer LOGIN SUPERUSER PASSWORD 'coffer'"
export COFFER_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=coffer;Password=coffer;Database=postgres"

step "Publish the coffer binary (NativeAOT)"
dotnet publish src/Coffer.Cli -c Release -o artifacts/bin --nologo -v quiet
export COFFER_BIN="$root/artifacts/bin/coffer"

step ".NET tests (Core, Server on SQLite and PostgreSQL, CLI binary)"
dotnet test Coffer.slnx --nologo

step "Bitwarden SDK compatibility (@bitwarden/sdk-napi, SQLite and PostgreSQL, HTTP and HTTPS)"
(cd tests/compat && npm_install && npm test)

step "Web UI in Debian's Chromium (Playwright; screenshots in artifacts/ui-screenshots)"
(cd tests/ui && npm_install && npm test)

echo
echo "All tests passed."
