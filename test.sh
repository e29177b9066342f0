#!/usr/bin/env bash
# The project's test command (the README and .ci/run both call it): makes sure Azurite runs on 127.0.0.1
# (silo-config/azurite.sh installs it with npm on first use), runs every test project in Release, stops
# the Azurite it started, and ends with one line: "N passed, N failed, N skipped".
# Extra arguments go to `dotnet test` (e.g. --no-build, --filter ...).
set -euo pipefail
cd "$(dirname "$0")"

started=""
if ! silo-config/azurite.sh status; then
  export AZURITE_DATA; AZURITE_DATA=$(mktemp -d)
  silo-config/azurite.sh start
  started=yes
fi
cleanup() { if [ -n "$started" ]; then silo-config/azurite.sh stop; rm -rf "$AZURITE_DATA"; fi; }
trap cleanup EXIT

export OPENLEDGER_AZURITE="UseDevelopmentStorage=true"
results=TestResults
rm -rf "$results"
status=0
dotnet test OpenLedger.Actors.sln -c Release --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?

if ls "$results"/*.trx >/dev/null 2>&1; then
  grep -ho '<Counters [^>]*' "$results"/*.trx | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); sum[kv[1]] += kv[2] } }
    END { printf "%d passed, %d failed, %d skipped\n", sum["passed"], sum["failed"], sum["total"] - sum["executed"] }'
else
  echo "test.sh: no test results were written" >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
