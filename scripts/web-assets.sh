#!/usr/bin/env bash
# web-assets.sh — copy the NL Design System CSS that Koers serves from
# node_modules/ into web/vendor/, so the server serves everything locally and
# nothing is fetched at run time.
#
# Usage: scripts/web-assets.sh
#
# - Runs `npm ci` only when node_modules/ is missing or older than
#   package-lock.json (or when one of the needed files is missing).
# - Idempotent: files are only rewritten when their content changed.
# - Exits non-zero with a message on any failure.
#
# Output (see docs/frontend.md for the link order):
#   web/vendor/rhc-design-tokens.css  @rijkshuisstijl-community/design-tokens dist/index.css (.rhc-theme)
#   web/vendor/rhc-components.css     @rijkshuisstijl-community/components-css dist/index.css
#   web/vendor/LICENSES/*             licence texts of the copied packages
#   web/vendor/VERSIONS               package versions the files came from
#
# No font files are copied: the Rijksoverheid fonts are not free and the theme's
# Fira Sans is not shipped either; web/koers.css sets a system font stack.
set -euo pipefail

die() { echo "web-assets: ERROR: $*" >&2; exit 1; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || die "cannot find repository root"
cd "$ROOT"

[ -f package.json ] || die "package.json not found in $ROOT"
[ -f package-lock.json ] || die "package-lock.json not found in $ROOT (run 'npm install' once and commit the lock file)"
command -v node >/dev/null 2>&1 || die "node not found (apt-get install nodejs npm, or use node >= 20.17)"
command -v npm >/dev/null 2>&1 || die "npm not found"

TOKENS_PKG=node_modules/@rijkshuisstijl-community/design-tokens
COMPONENTS_PKG=node_modules/@rijkshuisstijl-community/components-css

# Source file -> destination file (relative to repository root).
SOURCES=(
  "$TOKENS_PKG/dist/index.css"
  "$COMPONENTS_PKG/dist/index.css"
)
DESTS=(
  "web/vendor/rhc-design-tokens.css"
  "web/vendor/rhc-components.css"
)

need_ci=0
if [ ! -d node_modules ]; then
  need_ci=1; why="node_modules/ is missing"
elif [ package-lock.json -nt node_modules ] && \
     { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  need_ci=1; why="node_modules/ is older than package-lock.json"
else
  for src in "${SOURCES[@]}"; do
    if [ ! -f "$src" ]; then need_ci=1; why="$src is missing"; break; fi
  done
fi

if [ "$need_ci" = 1 ]; then
  echo "web-assets: $why; running npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error || die "npm ci failed"
  # npm ci may leave the node_modules directory mtime unchanged; mark it fresh.
  touch node_modules
fi

mkdir -p web/vendor/LICENSES || die "cannot create web/vendor"

changed=0
copy_if_changed() { # src dst
  local src="$1" dst="$2"
  [ -s "$src" ] || die "$src is missing or empty (is the package version in package.json right?)"
  if [ -f "$dst" ] && cmp -s "$src" "$dst"; then
    return 0
  fi
  cp "$src" "$dst.tmp.$$" || die "cannot copy $src"
  mv -f "$dst.tmp.$$" "$dst" || die "cannot write $dst"
  echo "web-assets: updated $dst"
  changed=1
}

for i in "${!SOURCES[@]}"; do
  copy_if_changed "${SOURCES[$i]}" "${DESTS[$i]}"
done

# Sanity checks: the theme class and a few component classes Koers relies on.
grep -q '\.rhc-theme' web/vendor/rhc-design-tokens.css || die "rhc-design-tokens.css has no .rhc-theme selector"
for cls in utrecht-table nl-heading--level-1 nl-skip-link rhc-nav-bar utrecht-alert--error utrecht-form-field-error-message; do
  grep -q "\.$cls" web/vendor/rhc-components.css || die "rhc-components.css has no .$cls (package changed?)"
done
# The vendored CSS must not pull anything from elsewhere at run time.
if grep -Eo '@import|url\((["'"'"']?)(https?:)?//' web/vendor/*.css | grep -q .; then
  die "vendored CSS references external resources (@import or remote url())"
fi

# Licence texts and versions, so the served files keep their provenance.
copy_if_changed "$TOKENS_PKG/LICENSE.md" "web/vendor/LICENSES/rijkshuisstijl-community-design-tokens.md"
copy_if_changed "$COMPONENTS_PKG/LICENSE.md" "web/vendor/LICENSES/rijkshuisstijl-community-components-css.md"
versions="$(node -e '
  const p = (n) => require(process.cwd() + "/node_modules/" + n + "/package.json").version;
  for (const n of ["@rijkshuisstijl-community/design-tokens", "@rijkshuisstijl-community/components-css"])
    console.log(n + "@" + p(n));
')" || die "cannot read package versions"
if [ ! -f web/vendor/VERSIONS ] || [ "$(cat web/vendor/VERSIONS)" != "$versions" ]; then
  printf '%s\n' "$versions" > web/vendor/VERSIONS || die "cannot write web/vendor/VERSIONS"
  echo "web-assets: updated web/vendor/VERSIONS"
  changed=1
fi

[ "$changed" = 1 ] || echo "web-assets: web/vendor/ is up to date"
exit 0
