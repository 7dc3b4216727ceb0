#!/usr/bin/env bash
# bench/monitor.sh - the monitor's performance figures (issue 5), each as a
# ratio to a reference measured in the same run on the same machine with
# Debian's own tools (installed when missing: sqlite3, nginx-light, wrk):
#
#  1. import: `koers import` of a koers-lang CSV of BENCH_ROWS observations
#     (default 10 million; one 'som' indicator with one dimension, 400
#     gemeenten x 25 years x BENCH_ROWS/10,000 items) into a fresh store,
#     including its indexes and every roll-up, against the sqlite3 CLI's
#     `.import --csv` of the same file into a bare table;
#  2. national roll-up: reading the pre-computed NL01 series from the store
#     (mon_series) against sqlite3 running the equivalent GROUP BY over
#     the bare table; and, for context, computing the whole roll-up of the
#     indicator as an import does (every region, key and period: 1.26
#     million cells at 10 million rows; rollup_indicator, rolled back)
#     against that one GROUP BY;
#  3. the series endpoint /api/v1/reeksen under `wrk -t2 -c64 --latency`
#     against nginx serving a static JSON file of the same bytes: req/s of
#     both, the ratio, p99 latency, and Koers's resident memory (VmRSS at
#     the end of the run).
#
# Prints figures, asserts nothing. Bounded: BENCH_SECONDS per wrk run
# (default 10), 127.0.0.1 only, everything in one temporary directory that
# is removed at the end (about 1.7 GB at 10 million rows). Run by
# `make bench`; alone: KOERS_BIN=bin/koers BENCH_MONITOR=build/bench_monitor
# bash bench/monitor.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BIN="${KOERS_BIN:-bin/koers}"
HELPER="${BENCH_MONITOR:-build/bench_monitor}"
ROWS="${BENCH_ROWS:-10000000}"
SECS="${BENCH_SECONDS:-10}"
CODE=bench-eerstejaars

need=()
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        "${need[@]}" >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

export KOERS_DATA="$ROOT/data" KOERS_WEB="$ROOT/web"
tmp=$(mktemp -d)
kpid=""; npid=""
cleanup() {
    [ -n "$kpid" ] && kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
    [ -n "$npid" ] && kill "$npid" 2>/dev/null && wait "$npid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{ printf "%.3f", $2 - $1 }'; }
ratio() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.3g", $1 / $2; else print "-" }'; }
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# -- data --------------------------------------------------------------
KOERS_ADMIN_PASSWORD=bench-wachtwoord-1 "$BIN" init --db "$tmp/k.db" >/dev/null
"$HELPER" setup "$ROWS" | sqlite3 "$tmp/k.db"
rows=$("$HELPER" gen "$tmp/obs.csv" "$ROWS" | awk '{ print $2 }')
bytes=$(stat -c %s "$tmp/obs.csv")
sync

# -- 1. import ---------------------------------------------------------
t0=$(now)
sqlite3 "$tmp/bare.db" ".import --csv $tmp/obs.csv bare"
t1=$(now)
ref_import=$(elapsed "$t0" "$t1")
t0=$(now)
"$BIN" import --db "$tmp/k.db" "$tmp/obs.csv" >"$tmp/import.log" 2>&1 || {
    echo "koers import failed:"; tail -20 "$tmp/import.log"; exit 1; }
t1=$(now)
koers_import=$(elapsed "$t0" "$t1")
stored=$(sqlite3 "$tmp/k.db" "SELECT count(*) FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.code = '$CODE' AND o.origin = 0")
computed=$(sqlite3 "$tmp/k.db" "SELECT count(*) FROM observation o JOIN indicator i ON i.id = o.indicator_id WHERE i.code = '$CODE' AND o.origin = 1")

# -- 2. national roll-up ----------------------------------------------
t0=$(now)
sqlite3 "$tmp/bare.db" "SELECT periode, sum(waarde) FROM bare WHERE indicator = '$CODE' GROUP BY periode ORDER BY periode" >"$tmp/groupby.txt"
t1=$(now)
ref_groupby=$(elapsed "$t0" "$t1")
out=$("$HELPER" series "$tmp/k.db" 1000)
read -r _ per_read points first <<<"$out"
out=$("$HELPER" rollup "$tmp/k.db")
read -r _ rollup_s src_rows out_rows <<<"$out"
ref_first=$(head -1 "$tmp/groupby.txt" | cut -d'|' -f2)

# -- 3. series endpoint vs nginx --------------------------------------
kport=$(free_port)
"$BIN" serve --db "$tmp/k.db" --listen "127.0.0.1:$kport" 2>"$tmp/serve.log" &
kpid=$!
for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$kport/healthz" >/dev/null && break; sleep 0.1
done
path="/api/v1/reeksen?indicator=$CODE&regio=NL01&uitsplitsing="
mkdir -p "$tmp/www"
curl -sf -o "$tmp/www/reeks.json" "http://127.0.0.1:$kport$path"
json_bytes=$(stat -c %s "$tmp/www/reeks.json")

nport=$(free_port)
mkdir -p "$tmp/nginx"
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    types { application/json json; }
    server {
        listen 127.0.0.1:$nport;
        root $tmp/www;
    }
}
EOF
# nginx started as root hands the workers to "nobody": let them read
chmod 755 "$tmp" "$tmp/www"
chmod 644 "$tmp/www/reeks.json"
"$NGINX" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" &
npid=$!
for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$nport/reeks.json" >/dev/null && break; sleep 0.1
done

# wrk output -> "req/s p99" (p99 in ms)
wrk_run() {
    wrk -t2 -c64 -d"${SECS}s" --latency "$1" 2>/dev/null | awk '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v }
            if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
            return v
        }
        /Requests\/sec/ { rps = $2 }
        $1 == "99%" { p99 = ms($2) }
        END { printf "%.0f %.3f\n", rps, p99 }'
}
out=$(wrk_run "http://127.0.0.1:$nport/reeks.json")
read -r nginx_rps nginx_p99 <<<"$out"
out=$(wrk_run "http://127.0.0.1:$kport$path")
read -r koers_rps koers_p99 <<<"$out"
rss_kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$kpid/status")
hwm_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$kpid/status")

# -- figures -----------------------------------------------------------
mb() { echo "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }
echo
echo "Monitor benchmark: $rows observations ($(echo "$bytes" | awk '{ printf "%.0f", $1 / 1048576 }') MB CSV), $(nproc) cores"
printf '%-52s %12s %12s %8s\n' "" "Koers" "reference" "ratio"
printf '%-52s %11ss %11ss %8s\n' "1. import incl. indexes + roll-ups vs sqlite3 .import" \
    "$koers_import" "$ref_import" "$(ratio "$koers_import" "$ref_import")"
printf '%-52s %11.6fs %11ss %8s\n' "2. national series, pre-computed vs sqlite3 GROUP BY" \
    "$per_read" "$ref_groupby" "$(ratio "$per_read" "$ref_groupby")"
printf '%-52s %11ss %11ss %8s\n' "   whole roll-up (all levels, keys) vs the GROUP BY" \
    "$rollup_s" "$ref_groupby" "$(ratio "$rollup_s" "$ref_groupby")"
printf '%-52s %9s r/s %8s r/s %8s\n' "3. GET /api/v1/reeksen vs nginx static file (wrk)" \
    "$koers_rps" "$nginx_rps" "$(ratio "$koers_rps" "$nginx_rps")"
printf '%-52s %10sms %10sms\n' "   p99 latency (-t2 -c64)" "$koers_p99" "$nginx_p99"
printf '%-52s %10sMB %12s\n' "   resident memory of koers serve (VmRSS at end)" \
    "$(mb "$rss_kb")" "(peak $(mb "$hwm_kb")MB)"
echo
echo "   stored: $stored imported + $computed rolled-up cells; roll-up read $src_rows rows and wrote $out_rows"
echo "   series: $points points, JSON $json_bytes bytes; NL01 first value $first (GROUP BY: $ref_first)"
echo "   ratios: time/time below 1 is faster than the reference; req/s above 1 is faster"
echo "   targets (issue 5): import ratio < 1; series >= 0.5 of nginx, p99 < 5 ms,"
echo "   RSS < 64 MB; national roll-up well under the GROUP BY"
