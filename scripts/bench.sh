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
      psql "$MONEV_TEST_POSTGRES/postgres" -qAtc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
      psql "$MONEV_TEST_POSTGRES/postgres" -qAtc "CREATE DATABASE $name" >/dev/null
      # The schema is created on first open, outside the timed import.
      "$monev" import "$work/none" --db "$MONEV_TEST_POSTGRES/$name" >/dev/null 2>&1 || true
      /usr/bin/time -f "%e" -o "$timing" "$monev" import "$pkg" --db "$MONEV_TEST_POSTGRES/$name" >/dev/null 2>&1
      t=$(cat "$timing")
      if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    done
    pg_rate="$(awk "BEGIN{printf \"%.0f\", $rows / $best}") rows/s"
    read -r g_s g_kb < <(measure "$monev" evaluate --db "$MONEV_TEST_POSTGRES/$name" --format json --out "$dir/eval-pg")
    psql "$MONEV_TEST_POSTGRES/postgres" -qAtc "DROP DATABASE $name WITH (FORCE)" >/dev/null
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
