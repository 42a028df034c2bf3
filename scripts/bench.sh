#!/usr/bin/env bash
# The benchmark of issue 8, in one run: for each scale factor of the demo
# package (SCALES, default "1 10 100"; the demo has 4 129 SKM questionnaires
# and 30 200 queue tickets at 1×), it measures
#   - `monev evaluate --data` (straight from the CSV files, evaluasi.json only)
#     against the committed pandas/scipy/statsmodels reference script
#     (reference/evaluasi_ref.py) on the same files: wall time and peak memory,
#     and their ratios;
#   - `monev import` into a new SQLite file, and into a new PostgreSQL
#     database when MONEV_TEST_POSTGRES names a server: rows per second.
# Every figure is the best of RUNS runs (default 3). Prints a Markdown table
# for BENCHMARKS.md, and the machine it ran on.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALES=${SCALES:-"1 10 100"}
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

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "monev $($monev --version 2>/dev/null | awk '{print $2}'), $(python3 -c 'import pandas, scipy, statsmodels, sys; print(f"Python {sys.version.split()[0]}, pandas {pandas.__version__}, scipy {scipy.__version__}, statsmodels {statsmodels.__version__}")')"
echo
echo "| scale | SKM rows | queue tickets | monev evaluate --data | pandas/scipy script | time ratio | memory ratio | SQLite import | PostgreSQL import |"
echo "|---|---|---|---|---|---|---|---|---|"
for s in $SCALES; do
  dir=$work/s$s
  if [ ! -f "$dir/paket/skm.csv" ]; then
    rm -rf "$dir"
    $monev demo --out "$dir" --skala "$s" >/dev/null
  fi
  pkg=$dir/paket
  skm=$(($(wc -l <"$pkg/skm.csv") - 1))
  tickets=$(($(wc -l <"$pkg/layanan.csv") - 1))
  rows=$(rows_in "$pkg")

  read -r m_s m_kb < <(measure "$monev" evaluate --data "$pkg" --format json --out "$dir/eval")
  read -r p_s p_kb < <(measure sh -c "python3 reference/evaluasi_ref.py '$pkg' > '$dir/ref.json'")

  db=$dir/bench.db
  best=""
  for i in $(seq 1 "$RUNS"); do
    rm -f "$db" "$db-wal" "$db-shm"
    /usr/bin/time -f "%e" -o "$timing" "$monev" import "$pkg" --db "$db" >/dev/null 2>&1
    t=$(cat "$timing")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  sqlite_rate=$(awk "BEGIN{printf \"%.0f\", $rows / $best}")

  pg_rate="–"
  if [ -n "${MONEV_TEST_POSTGRES:-}" ]; then
    best=""
    for i in $(seq 1 "$RUNS"); do
      name="monev_bench_$$_$i"
      psql "$MONEV_TEST_POSTGRES/postgres" -qAtc "CREATE DATABASE $name" >/dev/null
      # The schema is created on first open, outside the timed import.
      "$monev" import "$work/none" --db "$MONEV_TEST_POSTGRES/$name" >/dev/null 2>&1 || true
      /usr/bin/time -f "%e" -o "$timing" "$monev" import "$pkg" --db "$MONEV_TEST_POSTGRES/$name" >/dev/null 2>&1
      t=$(cat "$timing")
      psql "$MONEV_TEST_POSTGRES/postgres" -qAtc "DROP DATABASE $name WITH (FORCE)" >/dev/null
      if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    done
    pg_rate=$(awk "BEGIN{printf \"%.0f\", $rows / $best}")
  fi

  awk -v s="$s" -v skm="$skm" -v tk="$tickets" -v ms="$m_s" -v mk="$m_kb" -v ps="$p_s" -v pk="$p_kb" \
      -v sq="$sqlite_rate" -v pg="$pg_rate" 'BEGIN {
    printf "| %s× | %d | %d | %.2f s, %.0f MB | %.2f s, %.0f MB | %.1f× faster | %.1f× less | %s rows/s | %s%s |\n",
      s, skm, tk, ms, mk / 1024, ps, pk / 1024, ps / ms, pk / mk, sq, pg, (pg == "–" ? "" : " rows/s")
  }'
done
