#!/usr/bin/env bash
# lint-api.sh - lint the OpenAPI document with the NL GOV API Design Rules
# ruleset (Spectral), as the government's conformance check does.
#
# Usage: tests/lint-api.sh            lint docs/openapi.json
#        KOERS_BIN=bin/koers tests/lint-api.sh
#                                     also start the binary on a free port
#                                     and lint the document it serves at
#                                     /api/v1/openapi.json
#
# Ruleset: ../shared/conformance/adr-ruleset.yaml (relative to the repository
# root) when it exists, else the copy in tests/adr-ruleset.yaml.
# A document fails when Spectral reports any error (warnings are shown but
# do not fail). The last line is "N passed, N failed"; the exit status is
# non-zero when any document failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || exit 2

# KOERS_BIN may be relative to the caller's directory: resolve it first.
BIN="${KOERS_BIN:-}"
if [ -n "$BIN" ] && [ "${BIN#/}" = "$BIN" ] && [ "${BIN#*/}" != "$BIN" ]; then
  BIN="$PWD/$BIN"
fi

cd "$ROOT" || exit 2

passed=0
failed=0
summary() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
fail() { # message
  echo "lint-api: FAIL: $*"
  failed=$((failed + 1))
}

RULESET="$ROOT/../shared/conformance/adr-ruleset.yaml"
if [ ! -f "$RULESET" ]; then
  RULESET="$ROOT/tests/adr-ruleset.yaml"
fi
if [ ! -f "$RULESET" ]; then
  echo "lint-api: no ruleset: neither ../shared/conformance/adr-ruleset.yaml nor tests/adr-ruleset.yaml exists"
  failed=1
  summary
fi

SPECTRAL="$ROOT/node_modules/.bin/spectral"
if [ ! -x "$SPECTRAL" ]; then
  echo "lint-api: $SPECTRAL is missing; running npm ci" >&2
  if ! command -v npm >/dev/null 2>&1; then
    echo "lint-api: npm not found; install Node.js >= 20.17 and run 'npm ci'"
    failed=1
    summary
  fi
  npm ci --no-audit --no-fund --loglevel=error >&2 && touch node_modules
  if [ ! -x "$SPECTRAL" ]; then
    echo "lint-api: spectral still missing after npm ci (is @stoplight/spectral-cli in package.json?)"
    failed=1
    summary
  fi
fi

echo "lint-api: ruleset $RULESET"
echo "lint-api: $("$SPECTRAL" --version 2>/dev/null | head -n 1 | sed 's/^/spectral /')"

lint() { # file label
  local file="$1" label="$2" rc
  echo "== $label"
  "$SPECTRAL" lint --ruleset "$RULESET" --fail-severity error "$file"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "lint-api: ok: $label"
    passed=$((passed + 1))
  else
    fail "$label (spectral exit status $rc)"
  fi
}

# 1. The document in the repository (embedded into the binary at build time).
if [ -f docs/openapi.json ]; then
  lint docs/openapi.json "docs/openapi.json"
else
  fail "docs/openapi.json does not exist"
fi

# 2. The document a running binary serves.
[ -n "$BIN" ] || summary

TMP="$(mktemp -d "${TMPDIR:-/tmp}/koers-lint-api.XXXXXX")" || {
  fail "cannot create a temporary directory"; summary; }
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  SERVER_PID=""
}
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  stop_server
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

served() { # -> lints the served document, or counts a failure
  local port url code up=0
  if [ ! -x "$BIN" ]; then
    fail "served document: KOERS_BIN=$BIN is not an executable"
    return
  fi
  # The seed data and web files of this checkout, wherever the binary is
  # (for bin/koers these are the directories it finds by itself).
  [ -n "${KOERS_DATA:-}" ] || [ ! -d "$ROOT/data" ] || export KOERS_DATA="$ROOT/data"
  [ -n "${KOERS_WEB:-}" ] || [ ! -d "$ROOT/web" ] || export KOERS_WEB="$ROOT/web"
  if ! KOERS_ADMIN_PASSWORD="${KOERS_ADMIN_PASSWORD:-lint-api-wachtwoord-$$}" \
       "$BIN" init --db "$TMP/k.db" >"$TMP/init.log" 2>&1; then
    sed 's/^/  init: /' "$TMP/init.log"
    fail "served document: '$BIN init' failed"
    return
  fi
  # A free port: let the kernel pick one, then release it for the server.
  port="$(node -e 'const s=require("net").createServer();
    s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});')" \
    || { fail "served document: cannot find a free port"; return; }
  "$BIN" serve --db "$TMP/k.db" --listen "127.0.0.1:$port" \
    >"$TMP/serve.log" 2>&1 &
  SERVER_PID=$!
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null --max-time 2 "$url/healthz" 2>/dev/null; then
      up=1
      break
    fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      sed 's/^/  serve: /' "$TMP/serve.log"
      fail "served document: '$BIN serve' exited before answering /healthz"
      SERVER_PID=""
      return
    fi
    sleep 0.1
  done
  if [ "$up" != 1 ]; then
    sed 's/^/  serve: /' "$TMP/serve.log"
    stop_server
    fail "served document: $url/healthz did not answer within 10 s"
    return
  fi
  code="$(curl -sS -o "$TMP/openapi.json" -w '%{http_code}' --max-time 10 \
          "$url/api/v1/openapi.json")" || code="000"
  stop_server
  if [ "$code" != "200" ]; then
    fail "served document: GET /api/v1/openapi.json answered HTTP $code, not 200 (is the endpoint built into $BIN?)"
    return
  fi
  if ! cmp -s "$TMP/openapi.json" docs/openapi.json; then
    echo "lint-api: note: the served document differs from docs/openapi.json (binary built from another version?)"
  fi
  lint "$TMP/openapi.json" "served $url/api/v1/openapi.json ($BIN)"
}
served

summary
