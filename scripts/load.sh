#!/usr/bin/env bash
# Load on loopback: the dashboard and a data page at demo scale, 200
# concurrent connections, with wrk (Debian package). Bounded in time; it
# stops the server it starts. The figures go into README.md (Performance).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release -q
bin=target/release/monev
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
$bin demo --out "$work/demo" >/dev/null
MONEV_PASSWORD=rahasia-panjang-123 $bin user add beban --role evaluator --db "$work/demo/monev.db" >/dev/null
RUST_LOG=warn $bin serve --addr "127.0.0.1:$port" --db "$work/demo/monev.db" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
jar="$work/cookies"
csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/masuk" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -b "$jar" -c "$jar" -o /dev/null -d "username=beban&password=rahasia-panjang-123&csrf=$csrf&ke=/" "http://127.0.0.1:$port/masuk"
session=$(awk '$6 == "monev_sesi" { print $7 }' "$jar")
curl -s -o /dev/null -H "Cookie: monev_sesi=$session" "http://127.0.0.1:$port/"   # warm the evaluation cache
for path in / /asn "/api/v1/evaluasi"; do
  echo "== GET $path, 200 connections, 2 threads, 20 s"
  wrk -t2 -c200 -d20s --latency -H "Cookie: monev_sesi=$session" "http://127.0.0.1:$port$path" \
    | grep -E "Latency|Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
done
