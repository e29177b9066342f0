#!/usr/bin/env bash
# The project's test command (the README and .ci/run both call it): the fast tier of tests/tier.sh. It makes sure
# Azurite runs on 127.0.0.1 (silo-config/azurite.sh installs it with npm on first use; OPENLEDGER_AZURITE points
# elsewhere), runs every test project in Release one after another (they do not fight for the cores), prints each
# project's wall time, stops the Azurite it started, and ends with one line: "N passed, N failed, N skipped".
# Tests with trait Category=Soak (long scale runs) are left to tests/soak.sh. Extra arguments go to `dotnet test`
# (e.g. --no-build, --filter ...; a filter narrows the tier).
set -euo pipefail
exec "$(dirname "$0")/tests/tier.sh" fast "$@"
