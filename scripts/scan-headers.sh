#!/usr/bin/env bash
# An outside look at the running server's response headers: starts
# `monev serve` on a free loopback port (plain HTTP, then as if behind TLS)
# and checks every response, seen with curl, against the security policy:
# a Content-Security-Policy with no 'unsafe-inline'/'unsafe-eval' and
# frame-ancestors 'none', X-Content-Type-Options nosniff, Referrer-Policy,
# X-Frame-Options DENY, HSTS only when served over TLS, and no Server header.
#   scripts/scan-headers.sh [BINARY] [DATABASE]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/monev}
db=${2:-target/ci-demo/monev.db}
[ -x "$bin" ] || { echo "no binary $bin" >&2; exit 1; }
[ -f "$db" ] || { echo "no database $db (run the demo first)" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
fail=0
pid=

stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=; }
trap stop EXIT

# scan MODE EXTRA-ARGS...: MODE is "http" or "tls".
scan() {
  local mode=$1; shift
  local port; port=$(free_port)
  "$bin" serve --addr "127.0.0.1:$port" --db "$db" "$@" >target/scan-headers-serve.log 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
    sleep 0.1
  done
  local base="http://127.0.0.1:$port"
  # Public pages, a stylesheet, a login failure, an API refusal, a missing page.
  local requests=(
    "GET /healthz" "GET /masuk" "GET /" "GET /static/monev.css" "GET /static/kualitatif.js"
    "GET /api/v1/evaluasi" "GET /api/openapi.json" "GET /tidak-ada" "GET /f/tidak-ada"
    "POST /masuk"
  )
  for r in "${requests[@]}"; do
    local method=${r%% *} path=${r#* }
    local head
    if [ "$method" = POST ]; then
      head=$(curl -sS -D - -o /dev/null -X POST --data 'username=x&password=y' "$base$path")
    else
      head=$(curl -sS -D - -o /dev/null "$base$path")
    fi
    head=$(printf '%s' "$head" | tr -d '\r')
    local status; status=$(printf '%s\n' "$head" | head -n 1 | cut -d' ' -f2)
    get() { printf '%s\n' "$head" | grep -i "^$1:" | head -n 1 | cut -d' ' -f2- || true; }
    local csp; csp=$(get content-security-policy)
    local problems=()
    [ -n "$csp" ] || problems+=("no Content-Security-Policy")
    case "$csp" in *unsafe-inline*|*unsafe-eval*) problems+=("CSP allows unsafe-inline/eval: $csp");; esac
    case "$csp" in *"frame-ancestors 'none'"*) ;; *) problems+=("CSP lacks frame-ancestors 'none'");; esac
    case "$csp" in *"default-src 'self'"*) ;; *) problems+=("CSP lacks default-src 'self'");; esac
    [ "$(get x-content-type-options)" = nosniff ] || problems+=("X-Content-Type-Options is not nosniff")
    [ -n "$(get referrer-policy)" ] || problems+=("no Referrer-Policy")
    [ "$(get x-frame-options)" = DENY ] || problems+=("X-Frame-Options is not DENY")
    [ -z "$(get server)" ] || problems+=("Server header: $(get server)")
    local hsts; hsts=$(get strict-transport-security)
    if [ "$mode" = tls ]; then
      case "$hsts" in max-age=*) ;; *) problems+=("no HSTS behind TLS");; esac
    else
      [ -z "$hsts" ] || problems+=("HSTS over plain HTTP: $hsts")
    fi
    if [ ${#problems[@]} -eq 0 ]; then
      printf 'ok   %-4s %-5s %-22s %s\n' "$mode" "$method" "$path" "$status"
    else
      fail=1
      for p in "${problems[@]}"; do printf 'FAIL %-4s %-5s %-22s %s: %s\n' "$mode" "$method" "$path" "$status" "$p"; done
    fi
  done
  stop
}

scan http
scan tls --public-url https://monev.example.go.id
if [ $fail -ne 0 ]; then
  echo "header scan: the policy does not hold" >&2
  exit 1
fi
echo "header scan: every response carries the policy"
