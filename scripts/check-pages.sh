#!/usr/bin/env bash
# check-pages.sh — page-quality checks for Koers' server-rendered HTML.
#
# Usage: scripts/check-pages.sh BASE_URL PATH...
#   e.g. scripts/check-pages.sh http://127.0.0.1:8080 / /maatregelen /login
#
# For every PATH it fetches BASE_URL+PATH with curl and
#   1. validates the HTML with `tidy -q -e` (errors fail the page, warnings
#      are listed), then
#   2. runs axe-core with the WCAG 2.1 A/AA tags (wcag2a, wcag2aa, wcag21a,
#      wcag21aa) in Debian's headless Chromium via scripts/axe-check.mjs.
# A page passes when it answers 2xx, tidy reports no errors and axe reports no
# violations. The last line is "N passed, N failed"; the exit status is
# non-zero when a page failed (1) or the tools are missing (2).
#
# Environment:
#   KOERS_COOKIE  optional "name=value" session cookie, sent by curl and set in
#                 the browser, for pages behind a login.
#   CHROMIUM      browser binary for axe (default /usr/bin/chromium).
#
# Needs: curl, tidy, node, /usr/bin/chromium (apt-get install -y curl tidy
# chromium) and node_modules (npm ci).
set -uo pipefail

die() { echo "check-pages: ERROR: $*" >&2; exit 2; }

[ $# -ge 2 ] || { echo "usage: $0 BASE_URL PATH..." >&2; exit 2; }
BASE="${1%/}"; shift

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v curl >/dev/null 2>&1 || die "curl not found (apt-get install -y curl)"
command -v tidy >/dev/null 2>&1 || die "tidy not found (apt-get install -y tidy)"
command -v node >/dev/null 2>&1 || die "node not found"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || die "${CHROMIUM:-/usr/bin/chromium} not found (apt-get install -y chromium)"
if [ ! -f "$ROOT/node_modules/axe-core/axe.min.js" ] || [ ! -d "$ROOT/node_modules/playwright-core" ]; then
  die "node_modules missing axe-core/playwright-core (run 'npm ci' in $ROOT)"
fi

if [ -n "${KOERS_COOKIE:-}" ] && [[ "$KOERS_COOKIE" != *=* ]]; then
  die "KOERS_COOKIE must look like name=value"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/koers-check.XXXXXX")" || die "mktemp failed"
trap 'rm -rf "$WORK"' EXIT

curl_args=(-sS --max-time 30 -H 'Accept: text/html')
[ -n "${KOERS_COOKIE:-}" ] && curl_args+=(-b "$KOERS_COOKIE")

# tidy options: HTML5 aware, report only; quiet and errors/warnings to stderr.
tidy_args=(-q -e --show-warnings yes --show-info no --gnu-emacs no --drop-empty-elements no)

n=0
urls=()
for path in "$@"; do
  n=$((n + 1))
  case "$path" in /*) ;; *) path="/$path" ;; esac
  url="$BASE$path"
  urls+=("$url")
  out="$WORK/$n"
  {
    code="$(curl "${curl_args[@]}" -o "$out.html" -D "$out.headers" -w '%{http_code}' "$url" 2>"$out.curlerr")"
    rc=$?
    if [ $rc -ne 0 ]; then
      echo "  fetch: FAIL: curl exit $rc: $(head -c 300 "$out.curlerr")"
      echo fail > "$out.fetch"
    elif [ "${code:0:1}" != 2 ]; then
      echo "  fetch: FAIL: HTTP status $code"
      echo fail > "$out.fetch"
    else
      ctype="$(grep -i '^content-type:' "$out.headers" | tail -n1 | tr -d '\r' | cut -d' ' -f2-)"
      echo "  fetch: HTTP $code, ${ctype:-no content-type}, $(wc -c < "$out.html") bytes"
      echo ok > "$out.fetch"
      tidy "${tidy_args[@]}" "$out.html" > /dev/null 2> "$out.tidy"
      trc=$?
      # tidy exit: 0 clean, 1 warnings, 2 errors
      nerr="$(grep -c ' - Error: ' "$out.tidy" || true)"
      nwarn="$(grep -c ' - Warning: ' "$out.tidy" || true)"
      if [ "$trc" -ge 2 ] || [ "$nerr" -gt 0 ]; then
        echo "  tidy: FAIL: $nerr error(s), $nwarn warning(s)"
        echo fail > "$out.tidystatus"
      else
        echo "  tidy: ok, $nwarn warning(s)"
        echo ok > "$out.tidystatus"
      fi
      sed -e '/^[[:space:]]*$/d' -e 's/^/    /' "$out.tidy"
    fi
  } > "$out.report"
done

# One browser for all pages that could be fetched.
axe_urls=(); axe_idx=()
for i in $(seq 1 "$n"); do
  if [ "$(cat "$WORK/$i.fetch")" = ok ]; then
    axe_urls+=("${urls[$((i - 1))]}"); axe_idx+=("$i")
  fi
done
if [ ${#axe_urls[@]} -gt 0 ]; then
  mkdir -p "$WORK/axe"
  node "$ROOT/scripts/axe-check.mjs" --out-dir "$WORK/axe" "${axe_urls[@]}" 2> "$WORK/axe.err"
  arc=$?
  if [ $arc -ge 2 ]; then
    cat "$WORK/axe.err" >&2
    die "axe-check could not run (exit $arc)"
  fi
  [ -s "$WORK/axe.err" ] && sed -e 's/^/axe-check: /' "$WORK/axe.err" >&2
  j=0
  for i in "${axe_idx[@]}"; do
    j=$((j + 1))
    if [ -f "$WORK/axe/$j.txt" ]; then
      cat "$WORK/axe/$j.txt" >> "$WORK/$i.report"
      cp "$WORK/axe/$j.status" "$WORK/$i.axestatus"
    else
      echo "  axe: FAIL: no result" >> "$WORK/$i.report"
      echo fail > "$WORK/$i.axestatus"
    fi
  done
fi

passed=0; failed=0
for i in $(seq 1 "$n"); do
  status=PASS
  [ "$(cat "$WORK/$i.fetch")" = ok ] || status=FAIL
  [ -f "$WORK/$i.tidystatus" ] && [ "$(cat "$WORK/$i.tidystatus")" = ok ] || status=FAIL
  [ -f "$WORK/$i.axestatus" ] && [ "$(cat "$WORK/$i.axestatus")" = pass ] || status=FAIL
  echo "$status ${urls[$((i - 1))]}"
  cat "$WORK/$i.report"
  if [ "$status" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
