#!/usr/bin/env bash
# run-all.sh - the whole test suite, as `make test` runs it:
#   1. unit tests (cmocka)            2. integration tests (real binary)
#   3. both again under ASan + UBSan  4. page checks (tidy + axe WCAG AA)
#   5. API linter (NL GOV ADR ruleset)
# Every runner prints its own closing line; this script sums them into
# one final "N passed, N failed" line and fails when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
pass=0
fail=0

# Run a step, show its output, and add its counts to the totals. A step
# that fails without reporting a failed test counts as one failure.
step() {
    local name=$1 out rc p=0 f=0
    shift
    echo "=== $name"
    out=$("$@" 2>&1)
    rc=$?
    echo "$out"
    while read -r a b; do p=$((p + a)); f=$((f + b)); done < <(
        echo "$out" | sed -n -E \
            -e 's/^([0-9]+) passed, ([0-9]+) failed.*/\1 \2/p' \
            -e 's/^\[  PASSED  \] ([0-9]+) test.*/\1 0/p' \
            -e 's/^\[  FAILED  \] ([0-9]+) test.*/0 \1/p')
    if [ $rc -ne 0 ] && [ $f -eq 0 ]; then
        f=1
        echo "=== $name FAILED (exit $rc)"
    fi
    pass=$((pass + p))
    fail=$((fail + f))
}

step "build" make -j2 all
step "unit tests" make unit
step "integration tests" make integration
step "sanitizer build" make -j2 SANITIZE=1 build-san/koers
step "unit tests (ASan+UBSan)" make SANITIZE=1 unit
step "integration tests (ASan+UBSan)" make SANITIZE=1 integration
step "page checks (tidy, axe)" make check-pages
step "API linter (NL GOV ADR)" make lint-api
echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
