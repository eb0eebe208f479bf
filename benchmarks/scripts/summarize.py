#!/usr/bin/env python3
"""Turns JMH JSON results (one file per thread count) into the Markdown table of benchmarks/README.md.

    python3 benchmarks/scripts/summarize.py results-t1.json results-t2.json

Each row is one contender and payload size; times are ns/op (mean of all forks and iterations,
with JMH's 99.9% error), the ratio is against the ThreadLocal<byte[]> cache in the same run, and
allocation is gc.alloc.rate.norm when the run used -prof gc.
"""
import json
import sys


def load(path):
    with open(path) as f:
        runs = json.load(f)
    results = {}
    for run in runs:
        name = run["benchmark"].rsplit(".", 1)[-1]
        size = run["params"]["bytes"]
        metric = run["primaryMetric"]
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        forks = [sum(fork) / len(fork) for fork in metric["rawData"]]
        results[(name, size)] = (metric["score"], metric["scoreError"], alloc, forks, run["threads"])
    return results


def main(paths):
    print("| contender | bytes | threads | ns/op | ± | × ThreadLocal | B/op | per-fork means |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for path in paths:
        results = load(path)
        for (name, size), (score, error, alloc, forks, threads) in sorted(results.items(), key=lambda r: (r[0][1], r[0][0])):
            baseline = results.get(("threadLocalCache", size))
            ratio = f"{score / baseline[0]:.2f}" if baseline else ""
            allocation = f"{alloc:.0f}" if alloc is not None else ""
            per_fork = ", ".join(f"{f:.1f}" for f in forks)
            print(f"| {name} | {size} | {threads} | {score:.1f} | {error:.1f} | {ratio} | {allocation} | {per_fork} |")


if __name__ == "__main__":
    main(sys.argv[1:])
