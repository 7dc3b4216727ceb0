#!/usr/bin/env bash
# install.sh - install what Koers needs on Debian 12, idempotently.
#
# Usage: scripts/install.sh [--test]
#   without flags: what building and running Koers needs;
#   --test:        also what the test suite needs (cmocka, tidy, curl,
#                  python3, Chromium for the accessibility check, clang).
# Only missing packages are installed (apt-get, as root or through sudo).
# Node.js and npm come from Debian unless a node is already on the PATH.
set -euo pipefail

RUN_PKGS=(build-essential pkg-config libmicrohttpd-dev libjansson-dev
          libsqlite3-dev libsodium-dev libcmark-dev libical-dev
          libxlsxwriter-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core
          sqlite3 ca-certificates)
TEST_PKGS=(libcmocka-dev tidy curl python3 python3-icalendar chromium
           poppler-utils)

want=("${RUN_PKGS[@]}")
[ "${1:-}" = "--test" ] && want+=("${TEST_PKGS[@]}")
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
    || want+=(nodejs npm)

missing=()
for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install: all packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
        echo "install: need root (or sudo) to install: ${missing[*]}" >&2
        exit 1
    }
    SUDO="sudo"
fi
echo "install: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
