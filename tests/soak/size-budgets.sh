#!/usr/bin/env bash
# The 10x size plan of staking, governance, Datanets, contributors and the explorer catalog (issue 13) on Azurite: every write succeeds and the largest stored
# entity of each grain type stays under its budget (README, "Size budgets"). Long (tens of minutes): a scheduled
# soak run, not part of ./test.sh (which runs the small plan of the same tests).
#   tests/soak/size-budgets.sh            uses OPENLEDGER_AZURITE, or starts Azurite (in memory) on the default ports
#   SIZE_FILTER=Three_thousand tests/soak/size-budgets.sh    one plan (a test name's part); the plans run one at a time
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
started=""
if [ -z "${OPENLEDGER_AZURITE:-}" ]; then
  AZURITE_IN_MEMORY=1 silo-config/azurite.sh start
  started=1
fi
trap '[ -n "$started" ] && silo-config/azurite.sh stop || true' EXIT
OPENLEDGER_SIZE_SCALE=full dotnet test tests/OpenLedger.Actors.IntegrationTests -c Release \
  --filter "(FullyQualifiedName~StakingGovernanceSizeTests|FullyQualifiedName~DatanetSizeTests)&FullyQualifiedName~${SIZE_FILTER:-Size}" --logger "console;verbosity=detailed" -- xUnit.MaxParallelThreads=1
