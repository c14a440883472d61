#!/usr/bin/env bash
# Runs every Coffer test on a fresh machine: installs and starts what the tests need
# (Debian packages, PostgreSQL 15, npm packages), publishes the NativeAOT binary, then runs
# the .NET suites (SQLite and PostgreSQL), the Bitwarden SDK compatibility suite, the browser
# suite and a seconds-long smoke of the benchmarks. Any failure stops it with a non-zero exit.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

step() { printf '\n==> %s\n' "$*"; }

# The lock files pin every version; `npm ci` would refuse them because the registry served here lacks the
# SDK's macOS and Windows builds (optional dependencies), so they are missing from the lock.
npm_install() { npm install --no-audit --no-fund --loglevel=error; }

step "Debian packages"
scripts/install-packages.sh chromium libsqlite3-dev wrk

step "PostgreSQL 15"
source scripts/start-postgres.sh

step "Publish the coffer binary (NativeAOT)"
dotnet publish src/Coffer.Cli -c Release -o artifacts/bin --nologo -v quiet
export COFFER_BIN="$root/artifacts/bin/coffer"

step ".NET tests (Core, Server on SQLite and PostgreSQL, CLI binary)"
dotnet test Coffer.slnx --nologo

step "Bitwarden SDK compatibility (@bitwarden/sdk-napi, SQLite and PostgreSQL, HTTP and HTTPS)"
(cd tests/compat && npm_install && npm test)

step "Web UI in Debian's Chromium (Playwright; screenshots in artifacts/ui-screenshots)"
(cd tests/ui && npm_install && npm test)

step "Benchmark smoke (bench/run --smoke: every scenario for a moment, so the harness cannot rot)"
bench/run --smoke

echo
echo "All tests passed."
