#!/usr/bin/env bash
# bench/run.sh - throughput of the pages and API endpoints users hit most,
# measured with wrk (Debian package, installed when missing) against the
# real binary on loopback, each as a ratio to GET /healthz measured in the
# same run (the cost of the HTTP layer alone). Prints figures, asserts
# nothing: performance targets are read from these numbers, never from a
# timed test. Bounded: BENCH_SECONDS per endpoint (default 5), 2 threads,
# 32 connections, 127.0.0.1 only.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BIN="${KOERS_BIN:-bin/koers}"
SECS="${BENCH_SECONDS:-5}"
command -v wrk >/dev/null 2>&1 || {
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get install -y -qq wrk >/dev/null
}
export KOERS_DATA="$ROOT/data" KOERS_WEB="$ROOT/web"
tmp=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KOERS_ADMIN_PASSWORD=bench-wachtwoord-1 "$BIN" init --db "$tmp/k.db" >/dev/null
"$BIN" serve --db "$tmp/k.db" --listen "127.0.0.1:$port" 2>"$tmp/log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

rps() { # path -> requests per second
    wrk -t2 -c32 -d"${SECS}s" "http://127.0.0.1:$port$1" 2>/dev/null |
        awk '/Requests\/sec/ { print $2 }'
}
printf "%-36s %12s %10s\n" "endpoint" "req/s" "vs healthz"
ref=$(rps /healthz)
printf "%-36s %12.0f %10s\n" "/healthz (reference)" "$ref" "1.00"
for p in / /overleggen/koersoverleg /organisaties /gremia \
         "/rapport?van=1604&tot=1631" /api/v1/overleggen \
         /api/v1/overleggen/koersoverleg /api/v1/organisaties \
         /assets/vendor/rhc-components.css; do
    v=$(rps "$p")
    printf "%-36s %12.0f %10.2f\n" "$p" "$v" "$(echo "$v $ref" | awk '{ printf "%.4f", $1 / $2 }')"
done
