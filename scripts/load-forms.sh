#!/usr/bin/env bash
# Public form submissions under load, on loopback: wrk posts SKM answers, each
# with its own UUID, to one form link for DURATION seconds (60) over CONNS
# connections (16), and the run passes when the server took at least RATE
# submissions a second (2000) with a 99th-percentile latency under P99_MS
# (50), no error, and the database holding exactly as many web answers as
# were acknowledged (303). The per-address allowance is switched off
# (--kiriman-per-10-menit 0): every request comes from 127.0.0.1.
# Bounded in time; it stops the server it starts. Figures go to BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
bin=${BIN:-target/release/monev}
[ -n "${BIN:-}" ] || cargo build --release -q
RATE=${RATE:-2000}
P99_MS=${P99_MS:-50}
CONNS=${CONNS:-16}
DURATION=${DURATION:-60}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$work"' EXIT
$bin demo --out "$work/demo" >/dev/null
db="$work/demo/monev.db"
kode=$($bin tautan --db "$db" | head -n 1 | cut -f1)
count_web() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from skm where sumber = ?", ("web",)).fetchone()[0])' "$db"; }
before=$(count_web)
# The server logs each answer it commits and acknowledges (forms=info).
RUST_LOG=warn,monev_web::forms=info $bin serve --addr "127.0.0.1:$port" --db "$db" --kiriman-per-10-menit 0 >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done

cat >"$work/form.lua" <<'LUA'
-- Each request a new questionnaire with its own UUID; 303 is an acknowledgement.
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function init(args)
  n, acked, refused = 0, 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
function request()
  n = n + 1
  local body = string.format(
    "_uuid=%08x-0000-4000-8000-%012x&_situs=&jenis_kelamin=P&usia=30&pendidikan=SMA&pekerjaan=Swasta&jenis_layanan=KTP" ..
    "&u1=4&u2=3&u3=4&u4=3&u5=4&u6=3&u7=4&u8=3&u9=4", id, n)
  return wrk.format(nil, nil, nil, body)
end
function response(status, headers, body)
  if status == 303 then acked = acked + 1 else refused = refused + 1 end
end
function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acked")
    r = r + t:get("refused")
  end
  io.write(string.format("acknowledged %d\nrefused %d\n", a, r))
  io.write(string.format("p99_us %d\n", latency:percentile(99)))
  io.write(string.format("rate %.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("socket_errors %d\n", summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.status + summary.errors.timeout))
end
LUA

echo "== POST /f/$kode: $CONNS connections, 2 threads, ${DURATION} s"
out=$(wrk -t2 "-c$CONNS" "-d${DURATION}s" --latency -s "$work/form.lua" "http://127.0.0.1:$port/f/$kode")
printf '%s\n' "$out" | grep -E "Latency|Requests/sec|50%|75%|90%|99%|Non-2xx|Socket errors|acknowledged|refused"
# SIGTERM: the server finishes the requests in flight, then stops.
kill $server; wait $server 2>/dev/null || true; server=
after=$(count_web)
server_acked=$(grep -c 'form submission.*added=true' "$work/serve.log" || true)
val() { printf '%s\n' "$out" | awk -v k="$1" '$1 == k { print $2 }'; }
acked=$(val acknowledged); refused=$(val refused); errors=$(val socket_errors)
p99_ms=$(awk -v us="$(val p99_us)" 'BEGIN { printf "%.2f", us / 1000 }')
rate=$(val rate)
stored=$((after - before))
echo "stored $stored new web answers; the server acknowledged $server_acked as new, wrk read $acked acknowledgements; rate $rate/s; p99 $p99_ms ms"
fail=0
[ "$refused" = 0 ] && [ "$errors" = 0 ] || { echo "FAIL: $refused refused, $errors socket errors"; fail=1; }
# wrk ends by closing its connections mid-request: a request cut off there
# may still be committed without its acknowledgement being sent (at most one
# a connection), and wrk may not read the last acknowledgements. So: every
# answer the server acknowledged is stored, and at most CONNS more.
[ "$stored" -ge "$server_acked" ] && [ "$((stored - server_acked))" -le "$CONNS" ] \
  || { echo "FAIL: stored $stored for $server_acked acknowledged"; fail=1; }
[ "$acked" -le "$server_acked" ] && [ "$((server_acked - acked))" -le "$CONNS" ] \
  || { echo "FAIL: wrk read $acked acknowledgements, the server sent $server_acked"; fail=1; }
awk -v r="$rate" -v t="$RATE" 'BEGIN { exit !(r >= t) }' || { echo "FAIL: $rate/s under $RATE/s"; fail=1; }
awk -v p="$p99_ms" -v t="$P99_MS" 'BEGIN { exit !(p < t) }' || { echo "FAIL: p99 $p99_ms ms not under $P99_MS ms"; fail=1; }
[ $fail = 0 ] && echo "form load: passed" || { grep -m5 -i 'error' "$work/serve.log" || true; exit 1; }
