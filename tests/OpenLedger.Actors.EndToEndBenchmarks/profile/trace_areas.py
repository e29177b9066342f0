#!/usr/bin/env python3
"""Where one inference's CPU goes: reads a dotnet-trace Speedscope export (profile dotnet-sampled-thread-time: evented
stacks, one profile per thread) and prints the busy time by area of the inference path, two ways:
  - by innermost area: each busy moment goes to the area of the innermost frame that belongs to one (a ledger call into
    the serializer counts as serialization); the areas partition the busy time, "other" is .NET itself (allocation,
    collections, tasks) under no area's frame;
  - inclusive, for areas that do not wrap whole grain turns: the share of busy time with the area anywhere on the stack.
Busy = the sampled stack's innermost pseudo-frame is CPU_TIME (running managed code); UNMANAGED_CODE_TIME (waits, epoll,
native calls) is left out, so native work (socket sends, GC) is not counted. A frame's area is decided by its method
name alone (module and generic arguments stripped). Usage: trace_areas.py TRACE.speedscope.json [inferences-in-window]"""
import json
import re
import sys

AREAS = [
    ("attribution scan (index, batcher, kernel, Hessian solve)", r"^OpenLedger\.Actors\.Domain\.(Attribution|Numerics)|^OpenLedger\.Actors\.Grains\.Attribution\.(AttributionGrain|LoadedAttributionIndex|ShardedAttributionIndex)"),
    ("attribution totals and recorded-id pages", r"^OpenLedger\.Actors\.Grains\.Attribution\.AttributionTotals|TotalsLog|RecordedIdPages"),
    ("ledger (reserve, post, journal, group commit)", r"^OpenLedger\.Actors\.(Grains|Domain)\.Ledger"),
    ("fee split", r"^OpenLedger\.Actors\.Domain\.Economics"),
    ("transparency log (receipt digest, publication)", r"^OpenLedger\.Actors\.(Grains|Domain|Abstractions)\.Transparency"),
    ("explorer recording", r"^OpenLedger\.Actors\.(Grains|Domain)\.Explorer"),
    ("inference and session grains (steps, outbox)", r"^OpenLedger\.Actors\.Grains\.Sessions"),
    ("other OpenLedger code", r"^OpenLedger\.Actors\.(Grains|Domain|Abstractions)\."),
    ("call filters (internal-call guard, telemetry)", r"^OpenLedger\.Actors\.Grains\.(Security|Telemetry)\."),
    ("hashing (SHA-256)", r"SHA256|Sha256|HashAlgorithm|HashProvider"),
    ("grain state JSON serialization (JsonGrainStorageSerializer)", r"JsonGrainStorageSerializer|^Newtonsoft\.Json"),
    ("grain state writes (storage providers)", r"^Orleans\.Storage\.|^Orleans\.Core\.StateStorageBridge|MemoryStorageGrain|AzureTable|^OpenLedger\.Actors\.Grains\.Storage\."),
    ("reminders (register, drop)", r"Reminder"),
    ("Orleans serialization (copy, encode, decode)", r"^Orleans\.Serialization\.|Codec|Copier"),
    ("Orleans messaging (send, receive, sockets)", r"^Orleans\.Runtime\.Messaging\.|^Orleans\.Networking|^Orleans\.Runtime\.(InsideRuntimeClient|OutsideRuntimeClient|MessageCenter|Gateway|CallbackData)|^System\.Net\.Sockets|^System\.IO\.Pipelines"),
    ("grain activation (catalog, directory, placement)", r"^Orleans\.Runtime\.(Catalog|ActivationData\.(Activate|Create|OnActivate|Initialize)|GrainDirectory|Placement|ActivationDirectory)|^Orleans\.Runtime\.GrainDirectory"),
    ("Orleans runtime, other (scheduler, turns, invocation)", r"^Orleans\."),
    ("benchmark driver (client side)", r"^OpenLedger\.Actors\.EndToEndBenchmarks\."),
]
# Areas that wrap whole grain turns (every call passes through them) say nothing inclusively.
NOT_INCLUSIVE = {"other OpenLedger code", "call filters (internal-call guard, telemetry)", "Orleans runtime, other (scheduler, turns, invocation)",
                 "benchmark driver (client side)", "Orleans messaging (send, receive, sockets)", "inference and session grains (steps, outbox)"}


def method(name):
    """The method's full name: no module prefix, no generic arguments or parameters."""
    return re.split(r"[\[(]", name.split("!", 1)[-1])[0]


def area_of(name):
    text = method(name)
    # The OpenLedger catch-all only when no specific OpenLedger area matches; the call filters before it.
    for index, (label, pattern) in enumerate(AREAS):
        if label == "other OpenLedger code" and re.search(AREAS[index + 1][1], text):
            return index + 1
        if re.search(pattern, text):
            return index
    return None


def main():
    path = sys.argv[1]
    inferences = int(sys.argv[2]) if len(sys.argv) > 2 else None
    data = json.load(open(path))
    names = [f["name"] for f in data["shared"]["frames"]]
    areas = [area_of(name) for name in names]
    busy = 0.0
    innermost = [0.0] * (len(AREAS) + 1)  # last: other
    inclusive = [0.0] * len(AREAS)
    for profile in data["profiles"]:
        if profile.get("type") != "evented":
            continue
        stack = []
        last = None
        for event in profile["events"]:
            at = event["at"]
            if last is not None and stack and at > last and names[stack[-1]] == "CPU_TIME":
                span = at - last
                busy += span
                found = [areas[f] for f in stack if areas[f] is not None]
                innermost[found[-1] if found else len(AREAS)] += span
                for a in set(found):
                    inclusive[a] += span
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    unit = data["profiles"][0].get("unit", "milliseconds")
    print(f"busy (managed CPU) thread time {busy:.0f} {unit}")
    if inferences:
        print(f"per inference: {busy / inferences:.2f} {unit} ({inferences} inferences in the window)")
    labels = [label for label, _ in AREAS] + [".NET itself, under no area (allocation, collections, tasks, thread pool)"]
    print("by innermost area (sums to 100 %):")
    for a in sorted(range(len(labels)), key=lambda a: -innermost[a]):
        if innermost[a] > 0:
            print(f"  {100 * innermost[a] / busy:5.1f} %  {labels[a]}")
    print("inclusive (anywhere on the stack; overlaps):")
    for a in sorted(range(len(AREAS)), key=lambda a: -inclusive[a]):
        if AREAS[a][0] not in NOT_INCLUSIVE and inclusive[a] > 0:
            print(f"  {100 * inclusive[a] / busy:5.1f} %  {AREAS[a][0]}")


main()
