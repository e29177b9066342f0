#!/usr/bin/env bash
# Where one inference's CPU goes (README, "End-to-end cost per inference"): runs the end-to-end benchmark on one
# in-memory silo with the digits model, attaches dotnet-trace (a local tool: dotnet-tools.json at the repository root)
# once the timed inferences have started, samples every managed thread's stack for a fixed window, exports it as
# Speedscope and prints the busy time by area of the inference path (trace_areas.py).
#   tests/OpenLedger.Actors.EndToEndBenchmarks/profile/profile.sh             (after dotnet build -c Release of the project)
# Environment: TRACE_SECONDS (window, default 15), TRACE_INFERENCES (default 4000: the window must end before they do),
# TRACE_DIR (default /tmp/openledger-e2e-trace).
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
seconds="${TRACE_SECONDS:-15}"
inferences="${TRACE_INFERENCES:-4000}"
out="${TRACE_DIR:-/tmp/openledger-e2e-trace}"
mkdir -p "$out"
dotnet tool restore >/dev/null

dotnet tests/OpenLedger.Actors.EndToEndBenchmarks/bin/Release/net10.0/OpenLedger.Actors.EndToEndBenchmarks.dll \
  --storage memory --models digits --silos 1 --inferences "$inferences" --concurrency 32 >"$out/run.jsonl" 2>"$out/run.err" &
pid=$!
until grep -q "inferences from" "$out/run.err"; do
  kill -0 "$pid" 2>/dev/null || { cat "$out/run.err" >&2; echo "the benchmark ended before its inferences started" >&2; exit 1; }
  sleep 0.5
done
sleep 2 # past the first calls of the timed phase
dotnet tool run dotnet-trace collect -p "$pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$seconds" \
  --format Speedscope -o "$out/e2e.nettrace" >"$out/trace.log" 2>&1
wait "$pid"
cat "$out/run.jsonl"
rate=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())['inferences_per_s'])" "$out/run.jsonl")
python3 "$root/tests/OpenLedger.Actors.EndToEndBenchmarks/profile/trace_areas.py" "$out/e2e.speedscope.json" \
  "$(python3 -c "print(round($rate * $seconds))")"
