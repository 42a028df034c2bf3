#!/usr/bin/env bash
# Every test: the whole workspace on SQLite, then again with every test
# database (store, CLI, web tests) on PostgreSQL. PostgreSQL is started here
# when it is installed but not running (Debian's pg_ctlcluster, as root) and
# a role `monev` that may create databases is made; each test creates its own
# database and drops it afterwards (monev_store::testing::TestDb).
# MONEV_TEST_POSTGRES=postgres://user:pass@host:port names another server.
# MONEV_REQUIRE_POSTGRES=1 (set by .ci/run) makes a missing PostgreSQL an error.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target

start_postgres() {
  command -v pg_lsclusters >/dev/null || return 1
  local version cluster
  read -r version cluster _ < <(pg_lsclusters -h | head -n 1) || return 1
  [ -n "${version:-}" ] || return 1
  pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 && break
    sleep 1
  done
  pg_isready -q -h 127.0.0.1 || return 1
  runuser -u postgres -- psql -qAt -c "DO \$\$BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'monev') THEN
        CREATE ROLE monev LOGIN CREATEDB PASSWORD 'monev';
      END IF;
    END\$\$;" >/dev/null 2>&1 || return 1
  export MONEV_TEST_POSTGRES=postgres://monev:monev@127.0.0.1:5432
}

if [ -z "${MONEV_TEST_POSTGRES:-}" ] && ! start_postgres; then
  if [ "${MONEV_REQUIRE_POSTGRES:-0}" = 1 ]; then
    echo "PostgreSQL could not be started (run as root on a machine with PostgreSQL installed)" >&2
    exit 1
  fi
  echo "note: no PostgreSQL; the database tests run on SQLite only" >&2
fi
pg_url=${MONEV_TEST_POSTGRES:-}

echo "== tests on SQLite (the whole workspace)"
MONEV_TEST_POSTGRES= cargo test --workspace 2>&1 | tee target/tests-sqlite.log

if [ -n "$pg_url" ]; then
  # The whole workspace again (the pure crates' tests take seconds): a
  # narrower `-p` selection would unify features differently and rebuild
  # Typst for minutes.
  echo "== the workspace again, every database on PostgreSQL"
  MONEV_TEST_POSTGRES=$pg_url cargo test --workspace 2>&1 | tee target/tests-postgres.log
fi

# One closing line for the whole suite (cargo test ends on a doc-test line).
cat target/tests-sqlite.log ${pg_url:+target/tests-postgres.log} |
  awk '/^test result:/ { p += $4; f += $6 } END { printf "tests: %d passed, %d failed\n", p, f }'
