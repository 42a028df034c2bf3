#!/usr/bin/env bash
# Load on loopback: the dashboard, data pages and the JSON API, with wrk
# (Debian package). Bounded in time; it stops the server it starts. The
# figures go into BENCHMARKS.md. SKALA multiplies the demo's SKM and queue
# rows (100 = 411 400 questionnaires and 3 million tickets), CONNS the
# concurrent connections (200), DURATION each run's length (20), PATHS the
# pages measured.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -q
bin=target/release/monev
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
SKALA=${SKALA:-1}
CONNS=${CONNS:-200}
SECONDS_EACH=${DURATION:-20}
PATHS=${PATHS:-"/ /asn /api/v1/evaluasi /api/v1/pemantauan"}
$bin demo --out "$work/demo" --skala "$SKALA" >/dev/null
MONEV_PASSWORD=rahasia-panjang-123 $bin user add beban --role evaluator --db "$work/demo/monev.db" >/dev/null
RUST_LOG=warn $bin serve --addr "127.0.0.1:$port" --db "$work/demo/monev.db" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
jar="$work/cookies"
csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/masuk" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -b "$jar" -c "$jar" -o /dev/null -d "username=beban&password=rahasia-panjang-123&csrf=$csrf&ke=/" "http://127.0.0.1:$port/masuk"
session=$(awk '$6 == "monev_sesi" { print $7 }' "$jar")
# The first view evaluates (and caches per data version); later ones read the cache.
curl -s -o /dev/null -w "first dashboard view (evaluation, ${SKALA}x): %{time_total} s\n" \
  -H "Cookie: monev_sesi=$session" "http://127.0.0.1:$port/"
for path in $PATHS; do
  echo "== GET $path, ${SKALA}x, $CONNS connections, 2 threads, ${SECONDS_EACH} s"
  wrk -t2 "-c$CONNS" "-d${SECONDS_EACH}s" --latency -H "Cookie: monev_sesi=$session" "http://127.0.0.1:$port$path" \
    | grep -E "Latency|Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
done
