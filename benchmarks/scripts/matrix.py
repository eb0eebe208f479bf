#!/usr/bin/env python3
"""Turns the collector matrix of scripts/benchmarks.sh into Markdown: one table per collector
with every contender at 1 and 2 threads, its steady-state time, how steady it is, how slow its
first seconds are, and the ratios the hot-path issue sets targets on.

    python3 benchmarks/scripts/matrix.py RESULTS_DIR [WARM_UP_ITERATIONS]

RESULTS_DIR holds jmh-matrix-<collector>-t<threads>.json. The matrix runs measure every second
from the fork's start (-wi 0), so that the first seconds can be seen: the first
WARM_UP_ITERATIONS (default 8) of each fork are its warm-up, the rest its steady state.

Columns, per contender and thread count:
- steady: median of the steady iterations of all forks, ns/op;
- spread: the largest steady iteration over its fork's steady median (target: at most 1.25);
- first s: the first iteration over the steady median of its fork (target: at most 2);
- /ABQ, /TL: steady time over ArrayBlockingQueue's and the ThreadLocal cache's in the same run;
- t2/t1: 2-thread steady time over 1-thread (target for ours: at most 1.3).

Then, per collector, whether each of the hot-path issue's targets holds for ours, and every
second of ours, fork by fork, so that the spread can be seen rather than only its worst case.
"""
import glob
import json
import os
import re
import statistics
import sys

OURS = ["scratchBufferPooledBare", "scratchBufferPooledNoZeroing", "scratchBufferPooledLeakDetectionOff",
        "scratchBufferPooled"]
BOUNDED_PEER = "arrayBlockingQueue"
BOUNDED_PEERS = ["arrayBlockingQueue", "commonsPool2", "jacksonBoundedPool", "jacksonConcurrentDequePool",
                 "jettyArrayByteBufferPool", "nettyPooledByteBufAllocator"]
# The configurations the targets are set for: zeroing off, leak detection off and sampled.
TARGETED = ["scratchBufferPooledBare", "scratchBufferPooledNoZeroing"]
SPREAD_TARGET = 1.25
FIRST_TARGET = 2.0
SCALING_TARGET = 1.3
THREAD_LOCAL = "threadLocalCache"
ORDER = {"g1": 0, "g1-fixed": 1, "parallel": 2, "parallel-condcard": 3, "zgc": 4}


def load(path, warm_up):
    """{benchmark: {steady, spread, first}} of one JMH JSON file."""
    with open(path) as f:
        runs = json.load(f)
    results = {}
    for run in runs:
        name = run["benchmark"].rsplit(".", 1)[-1]
        forks = run["primaryMetric"]["rawData"]
        steady_all, spreads, firsts = [], [], []
        for fork in forks:
            steady = fork[warm_up:] if len(fork) > warm_up else fork
            median = statistics.median(steady)
            steady_all.extend(steady)
            spreads.append(max(steady) / median)
            firsts.append(fork[0] / median)
        results[name] = {"steady": statistics.median(steady_all), "spread": max(spreads), "first": max(firsts),
                         "forks": forks}
    return results


def verdict(holds):
    return "holds" if holds else "**misses**"


def targets(by_threads, name):
    """Lines of the targets table for one of ours under one collector."""
    lines = []
    t1 = by_threads.get(1, {})
    t2 = by_threads.get(2, {})
    if name in t1:
        peers = {peer: t1[peer]["steady"] for peer in BOUNDED_PEERS if peer in t1}
        if peers:
            best = min(peers, key=peers.get)
            ratio = t1[name]["steady"] / peers[best]
            lines.append(("1 thread at or below the best bounded peer", "%.1f vs %s %.1f (%.2fx)" % (
                t1[name]["steady"], best, peers[best], ratio), ratio <= 1.0))
        if THREAD_LOCAL in t1:
            ratio = t1[name]["steady"] / t1[THREAD_LOCAL]["steady"]
            lines.append(("moonshot: 1 thread within 1.5x the ThreadLocal cache", "%.2fx" % ratio, ratio <= 1.5))
    if name in t2:
        peers = {peer: t2[peer]["steady"] for peer in BOUNDED_PEERS if peer in t2}
        if peers:
            best = min(peers, key=peers.get)
            lines.append(("2 threads ahead of every bounded peer", "%.1f vs %s %.1f" % (
                t2[name]["steady"], best, peers[best]), t2[name]["steady"] < peers[best]))
        if name in t1:
            ratio = t2[name]["steady"] / t1[name]["steady"]
            lines.append(("2-thread time at most %.1fx the 1-thread time" % SCALING_TARGET, "%.2f" % ratio,
                          ratio <= SCALING_TARGET))
    for threads, results in sorted(by_threads.items()):
        if name in results:
            r = results[name]
            lines.append(("%d thread(s): no steady second over %.2fx its fork's median" % (threads, SPREAD_TARGET),
                          "%.2f" % r["spread"], r["spread"] <= SPREAD_TARGET))
            lines.append(("%d thread(s): first second at most %.0fx steady" % (threads, FIRST_TARGET),
                          "%.2f" % r["first"], r["first"] <= FIRST_TARGET))
    return lines


def main():
    directory = sys.argv[1]
    warm_up = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    runs = {}
    for path in glob.glob(os.path.join(directory, "jmh-matrix-*-t*.json")):
        match = re.match(r"jmh-matrix-(.+)-t(\d+)\.json", os.path.basename(path))
        runs.setdefault(match.group(1), {})[int(match.group(2))] = load(path, warm_up)
    if not runs:
        sys.exit("no jmh-matrix-*-t*.json in " + directory)
    print("Steady state after %d s of each fork; ns/op. spread = worst steady iteration / its fork's median "
          "(target <= 1.25); first s = first iteration / steady median (target <= 2)." % warm_up)
    for collector in sorted(runs, key=lambda c: ORDER.get(c, 99)):
        by_threads = runs[collector]
        print("\n#### %s\n" % collector)
        print("| contender | threads | steady | spread | first s | /ABQ | /TL | t2/t1 |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        names = sorted({name for results in by_threads.values() for name in results},
                       key=lambda n: (n not in OURS, n))
        for name in names:
            for threads in sorted(by_threads):
                results = by_threads[threads]
                if name not in results:
                    continue
                r = results[name]
                abq = results.get(BOUNDED_PEER, {}).get("steady")
                tl = results.get(THREAD_LOCAL, {}).get("steady")
                t1 = by_threads.get(1, {}).get(name, {}).get("steady")
                print("| %s | %d | %.1f | %.2f | %.2f | %s | %s | %s |" % (
                    ("**%s**" % name) if name in OURS else name, threads, r["steady"], r["spread"], r["first"],
                    "%.2f" % (r["steady"] / abq) if abq else "",
                    "%.2f" % (r["steady"] / tl) if tl else "",
                    "%.2f" % (r["steady"] / t1) if t1 and threads != 1 else ""))
        for name in [n for n in TARGETED if any(n in results for results in by_threads.values())]:
            print("\nTargets for %s under %s:\n" % (name, collector))
            print("| target | measured | |")
            print("|---|---|---|")
            for target, measured, holds in targets(by_threads, name):
                print("| %s | %s | %s |" % (target, measured, verdict(holds)))
            print("\nEvery second of %s (ns/op; the first %d are warm-up):\n" % (name, warm_up))
            for threads, results in sorted(by_threads.items()):
                if name in results:
                    for number, fork in enumerate(results[name]["forks"], 1):
                        print("- %d thread(s), fork %d: %s" % (threads, number, " ".join("%.0f" % v for v in fork)))


if __name__ == "__main__":
    main()
