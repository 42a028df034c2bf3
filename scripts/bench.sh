#!/usr/bin/env bash
# The benchmarks of issues 8 and 19, in one run, side by side:
#   1. SHAPES (default "242x99": about 1 M SKM questionnaires and 3 M queue
#      tickets; "SKMxTICKETS" multiples of the demo's 4 129 and 30 200) — on
#      the same package: reading the bytes (cat), `monev evaluate --data`
#      (everything, evaluasi.json), the DuckDB script of the core aggregates
#      (reference/duckdb_core.py), the pandas/scipy/statsmodels script
#      (reference/evaluasi_ref.py); `monev import` into SQLite and
#      `monev evaluate --db` on it (and on PostgreSQL when
#      MONEV_TEST_POSTGRES names a server): wall time, peak memory, ratios.
#   2. SCALES (default "1 10 100"), the demo times s: the same figures per
#      scale, to show how cost grows with rows.
#   3. STORE_SHAPES (default none; "2422x662" is 10 M SKM questionnaires and
#      20 M tickets, 2.3 GB of CSV, about 15 minutes): the store at that size,
#      once each: `monev import` and `monev evaluate --db` on SQLite (and on
#      PostgreSQL with MONEV_TEST_POSTGRES), then `monev serve` on the SQLite
#      file: the first dashboard view (the evaluation computed) and wrk's
#      latency over WRK_SECONDS (30) with 10 viewers (p50, p99).
# Every figure is the best of RUNS runs (default 3). Prints Markdown tables for
# BENCHMARKS.md, and the machine it ran on. DuckDB and pandas columns show
# "–" when the Python package is missing (pip install -r reference/requirements.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=${SCALES:-"1 10 100"}
SHAPES=${SHAPES:-"242x99"}
RUNS=${RUNS:-3}
work=target/bench
mkdir -p "$work"

cargo build --release -q
monev=target/release/monev

# best wall seconds and peak KB of a command over $RUNS runs: "seconds kb"
timing=$work/time.txt
measure() {
  local best_s="" best_kb="" i s kb
  for i in $(seq 1 "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$timing" "$@" >/dev/null 2>&1
    read -r s kb <"$timing"
    if [ -z "$best_s" ] || awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; fi
    if [ -z "$best_kb" ] || [ "$kb" -lt "$best_kb" ]; then best_kb=$kb; fi
  done
  echo "$best_s $best_kb"
}

rows_in() { # data rows of every CSV in a package folder
  local n=0 f
  for f in "$1"/*.csv; do n=$((n + $(wc -l <"$f") - 1)); done
  echo "$n"
}

have() { python3 -c "import $1" 2>/dev/null; }

# A new database NAME with monev's schema (created outside any timing).
fresh_pg_db() {
  drop_db "$1"
  psql "$MONEV_TEST_POSTGRES/postgres" -qAtc "CREATE DATABASE $1" >/dev/null
  # The schema is created on first open.
  "$monev" import "$work/none" --db "$MONEV_TEST_POSTGRES/$1" >/dev/null 2>&1 || true
}

# Drops a bench database; retried, since an autovacuum worker (which the
# bench role may not terminate) can hold it for a moment after an import.
drop_db() {
  local i
  for i in $(seq 1 20); do
    psql "$MONEV_TEST_POSTGRES/postgres" -qAtc "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "cannot drop database $1" >&2
  return 1
}

package() { # package DIR SKM_SCALE TICKET_SCALE
  if [ ! -f "$1/paket/skm.csv" ]; then
    rm -rf "$1"
    $monev demo --out "$1" --skala-skm "$2" --skala-tiket "$3" --paket-saja >/dev/null
  fi
}

fmt() { awk -v s="$1" -v kb="$2" 'BEGIN { if (s == "") print "–"; else printf "%.2f s, %.0f MB", s, kb / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "–"; else printf "%.1f×", a / b }'; }

# One package through every tool; prints one table row.
row() { # row LABEL DIR
  local label=$1 dir=$2 pkg=$2/paket
  local skm tickets rows mb
  skm=$(($(wc -l <"$pkg/skm.csv") - 1))
  tickets=$(($(wc -l <"$pkg/layanan.csv") - 1))
  rows=$(rows_in "$pkg")
  mb=$(du -sm "$pkg" | cut -f1)

  local c_s c_kb m_s m_kb d_s="" d_kb="" p_s="" p_kb=""
  read -r c_s c_kb < <(measure sh -c "cat '$pkg'/*.csv > /dev/null")
  read -r m_s m_kb < <(measure "$monev" evaluate --data "$pkg" --format json --out "$dir/eval")
  if have duckdb; then
    read -r d_s d_kb < <(measure sh -c "python3 reference/duckdb_core.py '$pkg' > '$dir/duckdb.json'")
  fi
  if have statsmodels; then
    read -r p_s p_kb < <(measure sh -c "python3 reference/evaluasi_ref.py '$pkg' > '$dir/ref.json'")
  fi

  # Imports into a new SQLite file (best of RUNS), then evaluate --db on it.
  local db=$dir/bench.db best="" i t
  for i in $(seq 1 "$RUNS"); do
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -f "%e" -o "$timing" "$monev" import "$pkg" --db "$db" >/dev/null 2>&1
    t=$(cat "$timing")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  local sqlite_rate q_s q_kb
  sqlite_rate=$(awk "BEGIN{printf \"%.0f\", $rows / $best}")
  read -r q_s q_kb < <(measure "$monev" evaluate --db "$db" --format json --out "$dir/eval-db")

  local pg_rate="–" g_s="" g_kb=""
  if [ -n "${MONEV_TEST_POSTGRES:-}" ]; then
    best=""
    local name="monev_bench_$$"
    for i in $(seq 1 "$RUNS"); do
      fresh_pg_db "$name"
      /usr/bin/time -f "%e" -o "$timing" "$monev" import "$pkg" --db "$MONEV_TEST_POSTGRES/$name" >/dev/null 2>&1
      t=$(cat "$timing")
      if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    done
    pg_rate="$(awk "BEGIN{printf \"%.0f\", $rows / $best}") rows/s"
    read -r g_s g_kb < <(measure "$monev" evaluate --db "$MONEV_TEST_POSTGRES/$name" --format json --out "$dir/eval-pg")
    drop_db "$name"
  fi

  echo "| $label | $skm | $tickets | $mb MB | $(fmt "$c_s" "$c_kb") | $(fmt "$m_s" "$m_kb") | $(fmt "$d_s" "$d_kb") | $(fmt "$p_s" "$p_kb") | $(ratio "$m_s" "$c_s") | $(ratio "$d_s" "$m_s") | $(ratio "$p_s" "$m_s") | $(ratio "$p_kb" "$m_kb") | $sqlite_rate rows/s | $(fmt "$q_s" "$q_kb") | $pg_rate | $(fmt "$g_s" "$g_kb") |"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "monev $($monev --version 2>/dev/null | awk '{print $2}'), Python $(python3 -c 'import sys; print(sys.version.split()[0])')$(have duckdb && python3 -c 'import duckdb; print(", DuckDB", duckdb.__version__)')$(have statsmodels && python3 -c 'import pandas, scipy, statsmodels; print(f", pandas {pandas.__version__}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")')"
echo
echo "| package | SKM rows | queue tickets | CSV | cat (bytes) | monev evaluate --data | DuckDB core aggregates | pandas/scipy script | monev ÷ cat | DuckDB ÷ monev | pandas ÷ monev | pandas memory ÷ monev | SQLite import | monev evaluate --db (SQLite) | PostgreSQL import | monev evaluate --db (PostgreSQL) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for shape in $SHAPES; do
  a=${shape%x*}
  b=${shape#*x}
  package "$work/shape-$shape" "$a" "$b"
  row "SKM ${a}×, tickets ${b}×" "$work/shape-$shape"
done
for s in $SCALES; do
  package "$work/s$s" "$s" "$s"
  row "demo ${s}×" "$work/s$s"
done

# The store at a size no CSV tool holds in memory: one run each.
store_row() { # store_row LABEL DIR
  local label=$1 dir=$2 pkg=$2/paket
  local skm tickets rows db=$2/store.db t
  skm=$(($(wc -l <"$pkg/skm.csv") - 1))
  tickets=$(($(wc -l <"$pkg/layanan.csv") - 1))
  rows=$(rows_in "$pkg")
  rm -f "$db" "$db-wal" "$db-shm"
  /usr/bin/time -f "%e" -o "$timing" "$monev" import "$pkg" --db "$db" >/dev/null 2>&1
  t=$(cat "$timing")
  local sqlite_import q_s q_kb
  sqlite_import="$t s, $(awk "BEGIN{printf \"%.0f\", $rows / $t}") rows/s"
  read -r q_s q_kb < <(RUNS=1 measure "$monev" evaluate --db "$db" --format json --out "$dir/eval-db")

  local pg_import="–" g_s="" g_kb=""
  if [ -n "${MONEV_TEST_POSTGRES:-}" ]; then
    local name="monev_bench_store_$$"
    fresh_pg_db "$name"
    /usr/bin/time -f "%e" -o "$timing" "$monev" import "$pkg" --db "$MONEV_TEST_POSTGRES/$name" >/dev/null 2>&1
    t=$(cat "$timing")
    pg_import="$t s, $(awk "BEGIN{printf \"%.0f\", $rows / $t}") rows/s"
    read -r g_s g_kb < <(RUNS=1 measure "$monev" evaluate --db "$MONEV_TEST_POSTGRES/$name" --format json --out "$dir/eval-pg")
    drop_db "$name"
  fi

  # The dashboard on the SQLite file: an evaluator signs in; the first view
  # computes the evaluation, later views are served from it.
  local port first p50="–" p99="–"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  MONEV_PASSWORD=rahasia-panjang-123 "$monev" user add bangku --role evaluator --db "$db" >/dev/null
  RUST_LOG=warn "$monev" serve --addr "127.0.0.1:$port" --db "$db" >"$dir/serve.log" 2>&1 &
  local server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  local jar=$dir/cookies csrf session
  csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/masuk" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
  curl -s -b "$jar" -c "$jar" -o /dev/null -d "username=bangku&password=rahasia-panjang-123&csrf=$csrf&ke=/" "http://127.0.0.1:$port/masuk"
  session=$(awk '$6 == "monev_sesi" { print $7 }' "$jar")
  first=$(curl -s -o /dev/null -w "%{time_total}" -H "Cookie: monev_sesi=$session" "http://127.0.0.1:$port/")
  if command -v wrk >/dev/null; then
    local out
    out=$(wrk -t2 -c10 "-d${WRK_SECONDS:-30}s" --timeout 30s --latency -H "Cookie: monev_sesi=$session" "http://127.0.0.1:$port/")
    ms() { printf '%s\n' "$out" | awk -v q="$1" '$1 == q { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; printf "%.1f ms", v }'; }
    p50=$(ms 50%)
    p99=$(ms 99%)
    printf '%s\n' "$out" | grep -qE "Non-2xx|Socket errors" && p99="$p99 (with errors)"
  fi
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true

  echo "| $label | $skm | $tickets | $(du -sm "$pkg" | cut -f1) MB | $sqlite_import | $(du -sm "$db" | cut -f1) MB | $(fmt "$q_s" "$q_kb") | $pg_import | $(fmt "$g_s" "$g_kb") | $first s | $p50 | $p99 |"
}

if [ -n "${STORE_SHAPES:-}" ]; then
  command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || true
  echo
  echo "| store | SKM rows | queue tickets | CSV | SQLite import | SQLite file | monev evaluate --db (SQLite) | PostgreSQL import | monev evaluate --db (PostgreSQL) | first dashboard view | dashboard p50 | dashboard p99 |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for shape in $STORE_SHAPES; do
    a=${shape%x*}
    b=${shape#*x}
    package "$work/store-$shape" "$a" "$b"
    store_row "SKM ${a}×, tickets ${b}×" "$work/store-$shape"
  done
fi
