#!/usr/bin/env bash
# The dashboard while a survey runs, on loopback: a poster sends public SKM
# answers at RATE a second (50), each with its own UUID, while wrk has CONNS
# viewers (10) load the dashboard for DURATION seconds (60), at SKALA times
# the demo's rows (10). Passes when the dashboard's p99 stays under P99_MS
# (300) with no error and every answer is acknowledged (303). Then the SKM
# exports at that size: the server's peak memory while it writes
# /formulir/skm.csv and /formulir/skm.xlsx, and what it holds after.
# Bounded in time; it stops the server it starts. Figures go to
# BENCHMARKS.md. BIN names a built binary (else a release build).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
bin=${BIN:-target/release/monev}
[ -n "${BIN:-}" ] || cargo build --release -q
SKALA=${SKALA:-10}
RATE=${RATE:-50}
CONNS=${CONNS:-10}
DURATION=${DURATION:-60}
P99_MS=${P99_MS:-300}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
$bin demo --out "$work/demo" --skala "$SKALA" >/dev/null
db="$work/demo/monev.db"
kode=$($bin tautan --db "$db" | head -n 1 | cut -f1)
skm_rows=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from skm").fetchone()[0])' "$db")
MONEV_PASSWORD=rahasia-panjang-123 $bin user add beban --role evaluator --db "$db" >/dev/null
RUST_LOG=warn $bin serve --addr "127.0.0.1:$port" --db "$db" --kiriman-per-10-menit 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
jar="$work/cookies"
csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/masuk" | grep -o 'name="csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -s -b "$jar" -c "$jar" -o /dev/null -d "username=beban&password=rahasia-panjang-123&csrf=$csrf&ke=/" "http://127.0.0.1:$port/masuk"
session=$(awk '$6 == "monev_sesi" { print $7 }' "$jar")
echo "== ${SKALA}x demo: $skm_rows SKM questionnaires"
curl -s -o /dev/null -w "first dashboard view (the evaluation computed): %{time_total} s\n" \
  -H "Cookie: monev_sesi=$session" "http://127.0.0.1:$port/"

# The survey: RATE answers a second, paced, over one keep-alive connection.
cat >"$work/poster.py" <<'PY'
import http.client, sys, time, uuid
port, kode, rate, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
sent = acked = 0
start = time.monotonic()
lat = []
while time.monotonic() - start < seconds:
    body = f"_uuid={uuid.uuid4()}&_situs=&jenis_kelamin=P&usia=30&pendidikan=SMA&pekerjaan=Swasta&jenis_layanan=KTP" + "".join(f"&u{u}=4" for u in range(1, 10))
    t0 = time.monotonic()
    conn.request("POST", f"/f/{kode}", body, {"Content-Type": "application/x-www-form-urlencoded"})
    r = conn.getresponse(); r.read()
    lat.append(time.monotonic() - t0)
    sent += 1
    acked += r.status == 303
    wait = start + sent / rate - time.monotonic()
    if wait > 0:
        time.sleep(wait)
lat.sort()
print(f"posted {sent} answers ({sent / seconds:.1f}/s), acknowledged {acked}, p99 {lat[int(len(lat) * 0.99) - 1] * 1000:.1f} ms")
sys.exit(0 if acked == sent else 1)
PY
python3 "$work/poster.py" "$port" "$kode" "$RATE" "$DURATION" >"$work/poster.out" &
poster=$!
echo "== GET / while $RATE answers/s arrive: $CONNS viewers, ${DURATION} s"
out=$(wrk -t2 "-c$CONNS" "-d${DURATION}s" --timeout 30s --latency -H "Cookie: monev_sesi=$session" "http://127.0.0.1:$port/")
printf '%s\n' "$out" | grep -E "Latency|Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
fail=0
wait $poster || fail=1
cat "$work/poster.out"
p99_ms=$(printf '%s\n' "$out" | awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; print v }')
printf '%s\n' "$out" | grep -qE "Non-2xx|Socket errors" && { echo "FAIL: errors"; fail=1; }
awk -v p="$p99_ms" -v t="$P99_MS" 'BEGIN { exit !(p < t) }' || { echo "FAIL: p99 $p99_ms ms not under $P99_MS ms"; fail=1; }
echo "dashboard p99 during the survey: $p99_ms ms (target < $P99_MS ms)"

# The exports at this size: the server's peak resident memory while each is
# written (VmHWM, reset before each), and what it holds after.
mem() { awk -v k="$1:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
for path in /formulir/skm.csv /formulir/skm.xlsx; do
  echo 5 >"/proc/$server/clear_refs"
  before=$(mem VmRSS)
  t=$(curl -s -o "$work/export" -w "%{time_total}" -H "Cookie: monev_sesi=$session" "http://127.0.0.1:$port$path")
  sleep 1
  echo "GET $path: $(du -m "$work/export" | cut -f1) MB in $t s; server resident $before MB before, peak $(mem VmHWM) MB, $(mem VmRSS) MB after"
done
[ $fail = 0 ] && echo "survey load: passed" || exit 1
