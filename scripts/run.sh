#!/usr/bin/env bash
# run.sh - the one command to get Koers running on a fresh Debian 12:
# installs what is missing, builds, creates the store seeded from the
# report (once; koers.db in the repository root, or $KOERS_DB), imports
# the open data of data/open into its monitor (an existing store of an
# older version is migrated, keeping a backup), and serves Koers at
# http://127.0.0.1:8080 (or $KOERS_LISTEN).
# The administrator's password comes from KOERS_ADMIN_PASSWORD, or is
# generated and printed once when the store is created.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
make -j2
DB="${KOERS_DB:-koers.db}"
if [ ! -f "$DB" ]; then
    bin/koers init --db "$DB"
    # a new store starts with the real open data of data/open in the
    # monitor (DUO and CBS files; see docs/monitor.md)
    bin/koers import --db "$DB" data/open
else
    # a store made by an older Koers is brought to the current schema
    # (with a backup beside it); a current one is left alone
    bin/koers migreer --db "$DB"
fi
LISTEN="${KOERS_LISTEN:-127.0.0.1:8080}"
echo "Koers draait op http://$LISTEN (stoppen met Ctrl-C)"
exec bin/koers serve --db "$DB" --listen "$LISTEN"
