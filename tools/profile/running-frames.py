#!/usr/bin/env python3
"""Top frames of the samples in which a thread was running, from a dotnet-trace Speedscope file.

dotnet-trace's dotnet-sampled-thread-time profile samples every thread, waiting or not; the conversion ends each
stack in CPU_TIME (running managed code) or UNMANAGED_CODE_TIME (blocked, or in native code). Only CPU_TIME stacks
are kept, so what is left approximates where the managed CPU went. Prints inclusive and exclusive (leaf managed frame)
shares. Convert first: dotnet tool run dotnet-trace -- convert FILE.nettrace --format Speedscope -o FILE
Usage: running-frames.py FILE.speedscope.json [N] [FILTER]   (FILTER: keep only samples with a frame containing it)
"""
import json, sys
from collections import Counter

def PSEUDO(name):
    return name in ("Threads", "(Non-Activities)", "?!?") or name.startswith(("Thread (", "Process64 ", "Process32 "))
data = json.load(open(sys.argv[1]))
top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
only = sys.argv[3] if len(sys.argv) > 3 else None
names = [f["name"] for f in data["shared"]["frames"]]
inclusive, exclusive, running, total = Counter(), Counter(), 0, 0
def stacks(profile):
    """(stack, weight) pairs: sampled profiles as they are, evented ones rebuilt from their open/close events."""
    if profile["type"] == "sampled":
        yield from zip(profile["samples"], profile["weights"])
        return
    stack, last = [], None
    for e in profile["events"]:
        if last is not None and e["at"] > last: yield list(stack), e["at"] - last
        last = e["at"]
        if e["type"] == "O": stack.append(e["frame"])
        elif stack: stack.pop()

for profile in data["profiles"]:
    for stack, weight in stacks(profile):
        total += weight
        if not stack: continue
        if names[stack[-1]] != "CPU_TIME": continue
        frames = [names[i] for i in stack[:-1] if not PSEUDO(names[i])]
        if not frames: continue
        leaf = frames[-1]
        if only and not any(only in f for f in frames): continue
        running += weight
        exclusive[leaf] += weight
        for f in set(frames): inclusive[f] += weight
print(f"running samples: {running:.0f} of {total:.0f} ({100 * running / max(total, 1):.1f}%)")
print("inclusive (share of running samples):")
for f, w in inclusive.most_common(top): print(f"  {100 * w / running:5.1f}%  {f[:150]}")
print("exclusive:")
for f, w in exclusive.most_common(top): print(f"  {100 * w / running:5.1f}%  {f[:150]}")
