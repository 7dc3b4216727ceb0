#!/usr/bin/env bash
# check-pages.sh - start the real binary on a temporary store and run the
# page checks (tidy HTML validation + axe-core WCAG 2.1 AA in headless
# Chromium, scripts/check-pages.sh) on every page, public pages anonymously
# and the pages behind a login with the administrator's session cookie.
# Ends with the "N passed, N failed" line of the checker.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${KOERS_BIN:-bin/koers}"
export KOERS_DATA="$ROOT/data" KOERS_WEB="$ROOT/web"
tmp=$(mktemp -d)
pw="pagina-controle-123"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
KOERS_ADMIN_PASSWORD=$pw "$BIN" init --db "$tmp/k.db" >/dev/null || exit 1
# a planned year, so the meeting pages have content
"$BIN" plan 2027 --db "$tmp/k.db" --opslaan >/dev/null || exit 1
# the open data, so the monitor's charts, maps and tables have content
"$BIN" import --db "$tmp/k.db" data/open >/dev/null || exit 1
"$BIN" serve --db "$tmp/k.db" --listen "127.0.0.1:$port" >"$tmp/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 100); do
    curl -sf "$base/healthz" >/dev/null && break
    sleep 0.1
done

public=(/ /overleggen /overleggen/koersoverleg /overleggen/kerngroep-p1
        /overleggen/dg-overleg /overleggen/ser /rollen /rollen/netwerkmanager
        /rollen/boegbeeld /organisaties /organisaties/ezk
        /organisaties/aanvalsplan-ict /personen /gremia /risicos
        /risicos/6 /dekking
        /gremia/1 /gremia/13 "/versnippering?datum=2024-01-01"
        /implementatieplan /indicatoren "/rapport?van=1604&tot=1631"
        /implementatieplan/4.1 /begroting "/begroting?jaar=2025"
        /rechten /toegankelijkheid /over /inloggen /vergaderingen
        "/vergaderingen?jaar=2027" /vergaderingen/4 "/jaarplan?jaar=2028"
        "/cyclus?jaar=2027" /inzet /knelpunten /knelpuntroute /initiatieven
        /doelen /pijlers/P1/doelen /uitvoeringsacties /verzoeken
        /consultaties /ser-verzoeken
        /monitor /monitor/indicatoren/hbo-eerstejaars-techniek
        "/monitor/indicatoren/hbo-eerstejaars-techniek?kaart=arbeidsmarktregio&uitsplitsing=geslacht%3Dvrouw&regio=PV25"
        /monitor/indicatoren/hbo-aandeel-vrouwen-techniek
        /monitor/indicatoren/cbs-productie-industrie
        /monitor/indicatoren/cbs-wmo-clienten
        /monitor/regios/NL01 /monitor/regios/PV25 /monitor/regios/GM0363
        "/evaluatie?van=2027-01-01&tot=2028-12-31")
bash scripts/check-pages.sh "$base" "${public[@]}"
rc1=$?

# log in through the form to check the pages behind the login
jar="$tmp/jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$base/inloggen" |
       sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
     --data-urlencode "naam=beheerder" --data-urlencode "wachtwoord=$pw" \
     "$base/inloggen"
sid=$(awk '$6 == "koers_sessie" { print $7 }' "$jar")
[ -n "$sid" ] || { echo "check-pages: login failed"; echo "0 passed, 1 failed"; exit 1; }
KOERS_COOKIE="koers_sessie=$sid" bash scripts/check-pages.sh "$base" \
    /beheer /beheer/gebruikers/nieuw /beheer/gebruikers/1 \
    /overleggen/koersoverleg /organisaties/nieuw \
    /organisaties/ezk/wijzigen /personen/nieuw /secretariaat /mijn-agenda \
    /vergaderingen/nieuw /vergaderingen/4 "/jaarplan?jaar=2028" /cyclus \
    /knelpunten/nieuw /initiatieven/nieuw /inbox /doelen/nieuw \
    /verzoeken/nieuw /consultaties/nieuw /ser-verzoeken/nieuw \
    /monitor/indicatoren/hbo-eerstejaars-techniek /monitor/import \
    /risicos/6 \
    /implementatieplan/4.1 /begroting "/begroting/wijzigen?jaar=2025&categorie=ptvt" \
    /gremia/nieuw /gremia/import /gremia/1 /gremia/1/wijzigen \
    "/evaluatie?van=2027-01-01&tot=2028-12-31"
rc2=$?
[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]
