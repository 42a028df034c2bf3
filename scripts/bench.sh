#!/usr/bin/env bash
# Measures monev's import and evaluation on the demo at scale 1 and 30
# (scale 30: 124 650 SKM questionnaires, 907 590 queue tickets).
# Wall time and peak memory by GNU time; the figures go into BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/monev
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() { /usr/bin/time -f "%e s wall, %M KB peak RSS" "$@" 2>&1 >/dev/null | tail -1; }
for scale in 1 30; do
  $bin demo --out "$work/d$scale" --skala "$scale" >/dev/null
  echo "scale $scale: $(wc -l < "$work/d$scale/paket/skm.csv") skm lines, $(wc -l < "$work/d$scale/paket/layanan.csv") layanan lines"
  echo "  import (new SQLite file)   $(measure $bin import "$work/d$scale/paket" --db "$work/m$scale.db")"
  echo "  import again (same data)   $(measure $bin import "$work/d$scale/paket" --db "$work/m$scale.db")"
  echo "  evaluate --db              $(measure $bin evaluate --db "$work/m$scale.db" --out "$work/e$scale")"
  echo "  evaluate --data            $(measure $bin evaluate --data "$work/d$scale/paket" --out "$work/f$scale")"
  echo "  skm --by instansi          $(measure $bin skm "$work/d$scale/paket/skm.csv" --by instansi)"
done
