#!/usr/bin/env bash
# check-css-classes.sh — verify that every class name documented in
# docs/frontend.md and used in docs/sample-page.html exists in the CSS we
# serve (web/vendor/*.css from scripts/web-assets.sh, and web/koers.css).
# Run after upgrading the NL Design System packages.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
css=(web/vendor/rhc-design-tokens.css web/vendor/rhc-components.css web/koers.css)
for f in "${css[@]}"; do
  [ -s "$f" ] || { echo "check-css-classes: $f missing; run scripts/web-assets.sh" >&2; exit 2; }
done

classes="$(
  {
    # class="..." attributes in the sample page and in the document
    grep -ohE 'class="[^"]*"' docs/sample-page.html docs/frontend.md | sed -E 's/^class="//; s/"$//' | tr ' ' '\n'
    # class names written alone in backticks in the document, e.g. `koers-badge--ok`
    # shellcheck disable=SC2016 # the backticks are literal
    grep -oE '`(utrecht|nl|rhc|koers)-[a-z0-9_-]+`' docs/frontend.md | tr -d '`'
  } | grep -E '^(utrecht|nl|rhc|koers)-' | sort -u
)"

all_css="$(cat "${css[@]}")"
missing=0; n=0
for c in $classes; do
  n=$((n + 1))
  if ! grep -qE "\.${c}([^a-zA-Z0-9_-]|$)" <<<"$all_css"; then
    echo "missing: .$c"; missing=$((missing + 1))
  fi
done
echo "$((n - missing)) passed, $missing failed"
[ "$missing" -eq 0 ]
