#!/usr/bin/env bash
# test.sh - the one command that runs the whole test suite: installs what
# is missing (including the test tools), builds, and runs `make test`
# (unit and integration tests, then the same under ASan+UBSan, the page
# checks and the API linter). .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
make -j2
make test
