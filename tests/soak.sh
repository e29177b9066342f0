#!/usr/bin/env bash
# The soak tier (scheduled nightly in azure-pipelines.yml, not part of ./test.sh): every test with trait Category=Soak,
# project after project, with each project's wall time, the tests' own figures (detailed console output) and the
# summed line "N passed, N failed, N skipped". Results in TestResults/soak/. Extra arguments go to `dotnet test`.
#   tests/soak.sh --no-build                              the 100,000-operation bank test (and any other Soak test)
#   tests/soak/size-budgets.sh                            the 10x size plan of staking and governance (hours)
#   dotnet run -c Release --project tests/OpenLedger.Actors.ScaleBenchmarks    the 1,000,000-row attribution scale run
set -euo pipefail
exec "$(dirname "$0")/tier.sh" soak "$@"
