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
# 10,000 meetings spread over 2000-2039 (about 250 a year), each with its
# members invited, a third with an agenda item, past ones without minutes:
# the secretaris overview must stay fast with a store of that size.
sqlite3 "$tmp/k.db" <<'SQL'
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 9999)
INSERT INTO meeting(uid, body_id, kind, title, starts_at, ends_at)
SELECT 'bench-' || n || '@koers', 1 + n % 5, 'overleg', 'Vergadering ' || n,
       strftime('%Y-%m-%dT10:00', '2000-01-03', '+' || (n * 146 / 100) || ' days'),
       strftime('%Y-%m-%dT12:00', '2000-01-03', '+' || (n * 146 / 100) || ' days')
FROM i;
INSERT INTO meeting_invitee(meeting_id, organisation_id, kind, seat_id)
SELECT m.id, ms.organisation_id, 'lid', ms.seat_id FROM meeting m
JOIN membership ms ON ms.body_id = m.body_id AND ms.until IS NULL;
INSERT INTO agenda_item(body_id, meeting_id, ord, title, source, status)
SELECT body_id, id, 1, 'Punt', 'handmatig', 'geagendeerd' FROM meeting
WHERE id % 3 = 0;
SQL
# 100,000 knelpunten (spread over states, regions and pillars) and, under
# one goal with four objectives, 100,000 goal actions: the list pages must
# stay fast at that size.
sqlite3 "$tmp/k.db" <<'SQL'
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 99999)
INSERT INTO knelpunt(title, description, origin, region_code, state,
                     public, raised_at, state_since)
SELECT 'Knelpunt ' || n, 'Een regeling belemmert zij-instroom (' || n || ').',
       CASE n % 3 WHEN 0 THEN 'regelgeving' WHEN 1 THEN 'financiering'
                  ELSE 'beleid' END,
       printf('PV%02d', 20 + n % 12),
       CASE n % 6 WHEN 0 THEN 'gemeld' WHEN 1 THEN 'bovenregionaal'
                  WHEN 2 THEN 'kerngroep-p1' WHEN 3 THEN 'koersoverleg'
                  WHEN 4 THEN 'dg-overleg' ELSE 'opgelost' END,
       n % 6 = 5,
       strftime('%Y-%m-%dT%H:%M:%SZ', '2020-01-01', '+' || (n / 40) || ' days'),
       strftime('%Y-%m-%dT%H:%M:%SZ', '2020-01-01', '+' || (n / 40) || ' days')
FROM i;
INSERT INTO knelpunt_pillar(knelpunt_id, pillar_code)
SELECT id, 'P' || (1 + id % 3) FROM knelpunt;
INSERT INTO ambition(ord, title) SELECT 99, 'Bench' WHERE NOT EXISTS
  (SELECT 1 FROM ambition);
INSERT INTO goal(ambition_id, title) SELECT min(id), 'Bench-doel' FROM ambition;
INSERT INTO objective(goal_id, pillar_code, title)
SELECT (SELECT max(id) FROM goal), code, 'Doelstelling ' || code FROM pillar;
WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 99999)
INSERT INTO goal_action(objective_id, title, deadline, status, progress)
SELECT (SELECT min(id) FROM objective) + n % 4, 'Actie ' || n,
       strftime('%Y-%m-%d', '2024-01-01', '+' || (n % 1500) || ' days'),
       CASE n % 4 WHEN 0 THEN 'gepland' WHEN 1 THEN 'lopend'
                  WHEN 2 THEN 'afgerond' ELSE 'gestopt' END, n % 101
FROM i;
INSERT INTO goal_action_owner(action_id, organisation_id)
SELECT a.id, 1 + a.id % 40 FROM goal_action a;
SQL
KOERS_PASSWORD=bench-secretaris-1 "$BIN" user add --db "$tmp/k.db" --name sec --role secretaris >/dev/null
"$BIN" serve --db "$tmp/k.db" --listen "127.0.0.1:$port" 2>"$tmp/log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

rps() { # path [cookie] -> requests per second
    wrk -t2 -c32 -d"${SECS}s" ${2:+-H "Cookie: $2"} \
        "http://127.0.0.1:$port$1" 2>/dev/null |
        awk '/Requests\/sec/ { print $2 }'
}
jar="$tmp/jar"
csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/inloggen" |
       sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
     --data-urlencode naam=sec --data-urlencode wachtwoord=bench-secretaris-1 \
     "http://127.0.0.1:$port/inloggen"
sid=$(awk '$6 == "koers_sessie" { print $7 }' "$jar")
printf "%-36s %12s %10s\n" "endpoint" "req/s" "vs healthz"
ref=$(rps /healthz)
printf "%-36s %12.0f %10s\n" "/healthz (reference)" "$ref" "1.00"
for p in / /overleggen/koersoverleg /organisaties /gremia \
         "/rapport?van=1604&tot=1631" /api/v1/overleggen \
         /api/v1/overleggen/koersoverleg /api/v1/organisaties \
         /assets/vendor/rhc-components.css /vergaderingen \
         "/api/v1/vergaderingen?van=2026-01-01&tot=2026-12-31" \
         /knelpunten "/knelpunten?pagina=2000" \
         "/api/v1/knelpunten?toestand=dg-overleg&pagina=500" \
         "/api/v1/uitvoeringsacties?pagina=3000" \
         "/api/v1/uitvoeringsacties?teLaat=true"; do
    v=$(rps "$p")
    printf "%-36s %12.0f %10.2f\n" "$p" "$v" "$(echo "$v $ref" | awk '{ printf "%.4f", $1 / $2 }')"
done
v=$(rps /inbox "koers_sessie=$sid")
printf "%-36s %12.0f %10.2f\n" "/inbox (secretaris)" "$v" "$(echo "$v $ref" | awk '{ printf "%.4f", $1 / $2 }')"
v=$(rps /secretariaat "koers_sessie=$sid")
printf "%-36s %12.0f %10.2f\n" "/secretariaat (10,000 meetings)" "$v" "$(echo "$v $ref" | awk '{ printf "%.4f", $1 / $2 }')"
