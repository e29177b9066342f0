#!/usr/bin/env bash
# Runs one tier of the test suite: every test project (each csproj under tests/ with <IsTestProject>true</IsTestProject>,
# the unit tests first), ONE AFTER ANOTHER so that they do not fight for the cores, each project's wall time printed,
# then one line summed over all trx files: "N passed, N failed, N skipped". Exits non-zero when a test failed.
#   tests/tier.sh fast [dotnet test args]   ./test.sh: everything except tests with trait Category=Soak
#   tests/tier.sh soak [dotnet test args]   tests/soak.sh: only tests with trait Category=Soak (long scale runs)
# Extra arguments go to every `dotnet test` (e.g. --no-build, --collect ...); a --filter is combined with the tier's.
# OPENLEDGER_TEST_PROJECTS (names, e.g. "ExplorerTests OperationsTests") runs only those projects; OPENLEDGER_TEST_RESULTS
# moves the results folder (tests/loaded.sh uses both).
# Azurite: OPENLEDGER_AZURITE (a connection string) when set, else the default ports (silo-config/azurite.sh starts
# it there on a fresh data folder if nothing listens, and stops it at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

tier="${1:?usage: tests/tier.sh fast|soak [dotnet test args]}"; shift
case "$tier" in
  fast) tier_filter="Category!=Soak"; results=TestResults; verbosity=normal ;;
  soak) tier_filter="Category=Soak"; results=TestResults/soak; verbosity=detailed ;; # detailed: the runs print their figures
  *) echo "tests/tier.sh: unknown tier '$tier' (fast or soak)" >&2; exit 2 ;;
esac

# A --filter of the caller narrows the tier (it never widens a fast run to soak tests).
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) tier_filter="($2)&$tier_filter"; shift 2 ;;
    --filter=*) tier_filter="(${1#--filter=})&$tier_filter"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

started=""
if [ -z "${OPENLEDGER_AZURITE:-}" ]; then
  if ! silo-config/azurite.sh status; then
    export AZURITE_DATA; AZURITE_DATA=$(mktemp -d)
    silo-config/azurite.sh start
    started=yes
  fi
  export OPENLEDGER_AZURITE="UseDevelopmentStorage=true"
fi
cleanup() { if [ -n "$started" ]; then silo-config/azurite.sh stop; rm -rf "$AZURITE_DATA"; fi; }
trap cleanup EXIT

projects=$(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj | awk '{ print (/UnitTests/ ? 0 : 1) " " $0 }' | sort | cut -d' ' -f2-)
if [ -n "${OPENLEDGER_TEST_PROJECTS:-}" ]; then
  projects=$(for project in $projects; do for name in $OPENLEDGER_TEST_PROJECTS; do
    case "$(basename "$project" .csproj)" in *"$name") echo "$project" ;; esac; done; done)
  [ -n "$projects" ] || { echo "tests/tier.sh: no test project matches '$OPENLEDGER_TEST_PROJECTS'" >&2; exit 2; }
fi
results="${OPENLEDGER_TEST_RESULTS:-$results}"
rm -rf "$results"
mkdir -p "$results"
status=0
timings=()
total_start=$SECONDS
for project in $projects; do
  name=$(basename "$project" .csproj)
  echo "== $name ($tier tier, filter: $tier_filter)"
  start=$SECONDS
  dotnet test "$project" -c Release --filter "$tier_filter" --logger "trx;LogFileName=$name.trx" \
    --logger "console;verbosity=$verbosity" --results-directory "$results" ${args[@]+"${args[@]}"} || status=$?
  elapsed=$((SECONDS - start))
  timings+=("$(printf '%-40s %3dm%02ds' "$name" $((elapsed / 60)) $((elapsed % 60)))")
  echo "== $name: $((elapsed / 60))m$((elapsed % 60))s"
done

echo "== wall time per project ($tier tier; load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\n' "${timings[@]}"
total=$((SECONDS - total_start))
printf '%-40s %3dm%02ds\n' "total" $((total / 60)) $((total % 60))

if ls "$results"/*.trx >/dev/null 2>&1; then
  grep -ho '<Counters [^>]*' "$results"/*.trx | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); sum[kv[1]] += kv[2] } }
    END { printf "%d passed, %d failed, %d skipped\n", sum["passed"], sum["failed"], sum["total"] - sum["executed"] }'
else
  echo "tests/tier.sh: no test results were written" >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
