#!/usr/bin/env python3
"""Where one inference's CPU goes: reads a dotnet-trace Speedscope export (dotnet-sampled-thread-time, evented
profiles, one per thread) and prints, per area of the inference path, the share of the busy thread time whose stack
passes through it (inclusive: an area's time includes what it calls, so shares overlap and do not sum to 100 %).
Time whose innermost frame is a wait (a thread parked in a semaphore, epoll, a sleep, a blocking socket wait) is idle,
not CPU, and is left out. Usage: trace_areas.py TRACE.speedscope.json [inferences-in-window]"""
import json
import re
import sys

# Area → pattern on frame names (checked in this order; a stack counts once per area).
AREAS = [
    ("Orleans messaging (send, receive, dispatch, sockets)", r"Orleans\.Runtime\.Messaging|Orleans\.Networking|Orleans\.Runtime\.(InsideRuntimeClient|OutsideRuntimeClient|Dispatcher|MessageCenter|GatewayClient)|Orleans\.Connections|System\.Net\.Sockets|System\.IO\.Pipelines"),
    ("Orleans serialization (copy, encode, decode)", r"Orleans\.Serialization"),
    ("grain activation and scheduling", r"Orleans\.Runtime\.(ActivationData|Catalog|Scheduler|WorkItemGroup|GrainDirectory|ActivationDirectory|Placement)|Orleans\.Runtime\.GrainDirectory"),
    ("grain state writes (storage providers)", r"Orleans\.Storage|MemoryGrainStorage|AzureTableGrainStorage|StateStorageBridge|WriteStateAsync|OpenLedger\.Actors\.Grains\.Storage\.(?!ModelArtifact)"),
    ("reminders (register, drop)", r"Reminder"),
    ("attribution scan (index, batcher, kernel)", r"OpenLedger\.Actors\.Domain\.Attribution|OpenLedger\.Actors\.Grains\.Attribution\.AttributionGrain\.(Attribute|Score|Scan)"),
    ("attribution totals (per-contribution deltas)", r"AttributionTotals|TotalsLog|DeltaPage"),
    ("ledger (reserve, post, journal, group commit)", r"OpenLedger\.Actors\.(Grains|Domain)\.Ledger"),
    ("fee split", r"OpenLedger\.Actors\.Domain\.Economics"),
    ("transparency log (receipt publication)", r"Transparency"),
    ("explorer recording", r"OpenLedger\.Actors\.(Grains|Domain)\.Explorer"),
    ("inference grain (steps, outbox)", r"OpenLedger\.Actors\.Grains\.Sessions"),
    ("hashing (SHA-256, content hashes)", r"SHA256|Sha256|ContentHash|HashAlgorithm"),
    ("call filters (internal-call guard, telemetry)", r"OpenLedger\.Actors\.Grains\.(Security|Telemetry)|IncomingGrainCallFilter|OutgoingGrainCallFilter"),
    ("OpenTelemetry / diagnostics", r"System\.Diagnostics\.(Activity|Metrics)|OpenTelemetry"),
    ("benchmark driver (client side)", r"OpenLedger\.Actors\.EndToEndBenchmarks"),
]
IDLE = re.compile(r"WaitHandle|Monitor\.Wait|LowLevelLifoSemaphore|LowLevelMonitor|SemaphoreSlim\.Wait|Thread\.Sleep|WaitForSocketEvents|SocketAsyncEngine\.EventLoop|epoll|ManualResetEventSlim\.Wait|Interop\+Sys\.(Read|Poll)|WaitOneNoCheck|WaitCore|BlockingCollection|TimerQueue\.TimerThread|Thread\.StartCore|PortableThreadPool\.GateThread|WaitSubsystem")


def main():
    path = sys.argv[1]
    inferences = int(sys.argv[2]) if len(sys.argv) > 2 else None
    data = json.load(open(path))
    names = [f["name"] for f in data["shared"]["frames"]]
    area_of = [[i for i, (_, pattern) in enumerate(AREAS) if re.search(pattern, name)] for name in names]
    idle_frame = [bool(IDLE.search(name)) for name in names]
    busy = 0.0
    idle = 0.0
    per_area = [0.0] * len(AREAS)
    top = {}
    for profile in data["profiles"]:
        if profile.get("type") != "evented":
            continue
        stack = []
        last = None
        for event in profile["events"]:
            at = event["at"]
            if last is not None and stack and at > last:
                span = at - last
                if any(idle_frame[f] for f in stack[-3:]):
                    idle += span
                else:
                    busy += span
                    seen = set()
                    for f in stack:
                        for a in area_of[f]:
                            seen.add(a)
                    for a in seen:
                        per_area[a] += span
                    leaf = names[stack[-1]]
                    top[leaf] = top.get(leaf, 0.0) + span
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    unit = data["profiles"][0].get("unit", "milliseconds")
    print(f"busy thread time {busy:.0f} {unit} (idle, left out: {idle:.0f} {unit})")
    if inferences:
        print(f"busy thread time per inference: {busy / inferences:.2f} {unit} ({inferences} inferences in the window)")
    print("inclusive share of busy time by area:")
    for a in sorted(range(len(AREAS)), key=lambda a: -per_area[a]):
        print(f"  {100 * per_area[a] / busy:5.1f} %  {AREAS[a][0]}")
    print("top exclusive frames (innermost) by busy time:")
    for name, span in sorted(top.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {100 * span / busy:5.1f} %  {name[:150]}")


main()
