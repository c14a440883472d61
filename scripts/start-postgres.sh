#!/usr/bin/env bash
# Starts this machine's PostgreSQL 15 and makes sure the `coffer` role exists; sourced by ./test.sh and
# bench/run, it exports COFFER_TEST_POSTGRES, the connection string the tests and benchmarks use.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

as_root pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5432
as_postgres psql -qtc "SELECT 1 FROM pg_roles WHERE rolname = 'coffer'" | grep -q 1 \
  || as_postgres psql -qc "CREATE ROLE coffer LOGIN SUPERUSER PASSWORD 'coffer'"
export COFFER_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=coffer;Password=coffer;Database=postgres"
