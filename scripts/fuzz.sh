#!/usr/bin/env bash
# Every fuzz target (fuzz/, cargo-fuzz on stable with `-s none`) for
# SECONDS_EACH seconds (default 10), seeded from the repository's fixtures:
# the reference package, the pyxform XLSForms, the document fixtures, a
# REFI-QDA project. A crash
# stops the run and leaves the input in fuzz/artifacts/TARGET/; make it a
# regression test before fixing. .ci/run calls this with its budget.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-10}
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz@0.13.2
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target/fuzz}
corpus=target/fuzz-corpus
mkdir -p "$corpus"
seed() { # seed TARGET FILE [PREFIX-BYTE]
  local dir="$corpus/$1"; mkdir -p "$dir"
  local out="$dir/seed-$(basename "$2")${3:+-$3}"
  if [ -n "${3:-}" ]; then { printf "\\x$3"; cat "$2"; } > "$out"; else cp "$2" "$out"; fi
}
paket=crates/cli/tests/fixtures/paket-koma
i=0
for f in program instansi asn pelatihan peserta skm layanan anggaran indikator kinerja reaksi reaksi_item; do
  seed paket_csv "$paket/$f.csv" "$(printf '%02x' $i)"
  i=$((i + 1))
done
(cd "$paket" && rm -f "$OLDPWD/$corpus/paket.zip" && zip -q -r "$OLDPWD/$corpus/paket.zip" . ) 2>/dev/null \
  && seed paket_arsip "$corpus/paket.zip" 00 || true
for f in crates/ingest/tests/fixtures/pyxform/*.xlsx; do
  seed xlsform "$f"
  seed paket_arsip "$f" 01
done
for f in crates/cli/tests/fixtures/kobo/*.csv; do seed kobo "$f"; done
seed paket_arsip crates/cli/tests/fixtures/paket.xlsx 01
seed dokumen crates/dokumen/tests/fixtures/sk.txt 00
seed dokumen crates/dokumen/tests/fixtures/notulen.docx 01
seed dokumen crates/dokumen/tests/fixtures/laporan.pdf 02
seed qda crates/qda/tests/fixtures/atlas-style.qdpx 00
python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("project.qde"))' \
  crates/qda/tests/fixtures/atlas-style.qdpx > "$corpus/project.qde"
seed qda "$corpus/project.qde" 02
mkdir -p "$corpus/nip" "$corpus/angka_tanggal"
printf '198503122010011001' > "$corpus/nip/seed-1"
printf '19850312 201001 1 001' > "$corpus/nip/seed-2"
printf '1.234,5' > "$corpus/angka_tanggal/seed-1"
printf '2025-07-01' > "$corpus/angka_tanggal/seed-2"
printf '2025-07-01 08:30:00' > "$corpus/angka_tanggal/seed-3"

echo "== building the fuzz targets (sanitizer coverage, no sanitizer: stable Rust)"
(cd fuzz && cargo fuzz build -s none -O 2>&1 | tail -n 3)
# Two targets at a time (one per core), each with its own log.
run_one() { # run_one TARGET: exit status of the run, the log in target/fuzz-TARGET.log
  local t=$1 log=target/fuzz-$1.log
  # A crash, a leak past 2 GB or one input running over 10 s fails the run.
  (cd fuzz && cargo fuzz run -s none -O "$t" "../$corpus/$t" -- \
      -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
      -print_final_stats=1) >"$log" 2>&1
}
report_one() { # report_one TARGET STATUS
  local t=$1 status=$2 log=target/fuzz-$1.log
  echo "== fuzz $t, ${SECONDS_EACH} s"
  grep -E '^(Done |stat::new_units_added|==[0-9]+== ERROR|SUMMARY|thread .* panicked)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 40 "$log" >&2
    echo "fuzz $t failed (exit $status): the input is in fuzz/artifacts/$t/; make it a regression test" >&2
    exit 1
  fi
}
set -- paket_csv paket_arsip xlsform kobo nip angka_tanggal dokumen qda
while [ $# -gt 0 ]; do
  a=$1; shift
  b=${1:-}; [ $# -gt 0 ] && shift
  sa=0; sb=0
  run_one "$a" & pa=$!
  if [ -n "$b" ]; then run_one "$b" & pb=$!; fi
  wait "$pa" || sa=$?
  if [ -n "$b" ]; then wait "$pb" || sb=$?; fi
  report_one "$a" "$sa"
  if [ -n "$b" ]; then report_one "$b" "$sb"; fi
done
echo "fuzz: every target ran ${SECONDS_EACH} s without a crash"
