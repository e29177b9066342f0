#!/usr/bin/env bash
# The tests under load (issue 20), outside ./test.sh: the explorer's browser tests and a cluster test project run
# while CPU hogs (one busy process per core by default) compete with them, so the machine is as loaded as a shared CI
# agent. They must pass: every wait in them is bounded by what it waits for, not by how fast the machine is.
#   tests/loaded.sh [dotnet test args]      e.g. --no-build
#   OPENLEDGER_HOGS=n                       busy processes beside the tests (default: the number of cores)
#   OPENLEDGER_TEST_PROJECTS="..."          projects to run (default: ExplorerTests OperationsTests; IntegrationTests too)
# Results in TestResults/loaded/; the last line is "N passed, N failed, N skipped" as for ./test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

hogs="${OPENLEDGER_HOGS:-$(nproc)}"
pids=()
stop_hogs() { for pid in ${pids[@]+"${pids[@]}"}; do kill "$pid" 2>/dev/null || true; done; }
trap stop_hogs EXIT
for _ in $(seq 1 "$hogs"); do
  sh -c 'while :; do :; done' &
  pids+=($!)
done
echo "== $hogs CPU hogs running (pids ${pids[*]}); load average before the tests: $(cut -d' ' -f1-3 /proc/loadavg)"

status=0
OPENLEDGER_TEST_PROJECTS="${OPENLEDGER_TEST_PROJECTS:-ExplorerTests OperationsTests}" OPENLEDGER_TEST_RESULTS=TestResults/loaded \
  tests/tier.sh fast "$@" || status=$?
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) ($hogs hogs)"
exit "$status"
