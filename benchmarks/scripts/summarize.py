#!/usr/bin/env python3
"""Turns the JMH JSON of scripts/benchmarks.sh (one file per thread count) into the Markdown
tables of benchmarks/README.md, and checks the benchmarks issue's targets against them.

    python3 benchmarks/scripts/summarize.py jmh-t1.json jmh-t2.json

Times are ns/op (mean of all forks and iterations, with JMH's 99.9% error); ratios are against
the ThreadLocal<byte[]> cache in the same run; allocation is gc.alloc.rate.norm (-prof gc).
"""
import json
import sys

# Bounded pools this project is measured against (PoolContendersBenchmark).
BOUNDED_PEERS = ["arrayBlockingQueue", "commonsPool2", "jettyArrayByteBufferPool", "nettyPooledByteBufAllocator",
                 "jacksonBoundedPool", "jacksonConcurrentDequePool"]

OURS = "scratchBufferPooledNoZeroing"
BASELINE = "threadLocalCache"


def load(path):
    """{(benchmark, bytes): result} of one JMH JSON file, and its thread count."""
    with open(path) as f:
        runs = json.load(f)
    results = {}
    threads = None
    for run in runs:
        name = run["benchmark"].rsplit(".", 1)[-1]
        # Benchmarks without a payload (a scope that never asks for its buffer) have no size.
        size = int(run["params"]["bytes"]) if "bytes" in run.get("params", {}) else None
        metric = run["primaryMetric"]
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        forks = [sum(fork) / len(fork) for fork in metric["rawData"]]
        results[(name, size)] = {"score": float(metric["score"]), "error": float(metric["scoreError"]), "alloc": alloc,
                                 "forks": forks}
        threads = run["threads"]
    return results, threads


def load_all(paths):
    """{threads: results}."""
    by_threads = {}
    for path in paths:
        results, threads = load(path)
        by_threads[threads] = results
    return by_threads


def result(results, name, size):
    """A benchmark's result at a payload size, or its result without a payload."""
    return results.get((name, size)) or results.get((name, None))


def sizes_of(by_threads):
    return sorted({size for results in by_threads.values() for (_, size) in results if size is not None})


def tables(by_threads):
    t1, t2 = by_threads.get(1, {}), by_threads.get(2, {})
    lines = []
    for size in sizes_of(by_threads):
        names = sorted({n for (n, s) in list(t1) + list(t2) if s in (size, None)},
                       key=lambda n: (result(t1, n, size) or result(t2, n, size))["score"])
        lines += [f"#### {size} bytes written", "",
                  "| contender | 1 thread ns/op | × ThreadLocal | 2 threads ns/op | × ThreadLocal | 2T / 1T | B/op | per-fork means, 1T; 2T |",
                  "|---|---:|---:|---:|---:|---:|---:|---|"]
        for name in names:
            cells = [name]
            for results in (t1, t2):
                r, base = result(results, name, size), result(results, BASELINE, size)
                cells.append(f"{r['score']:,.1f} ± {r['error']:,.1f}" if r else "")
                cells.append(f"{r['score'] / base['score']:.2f}" if r and base else "")
            r1, r2 = result(t1, name, size), result(t2, name, size)
            cells.append(f"{r2['score'] / r1['score']:.2f}" if r1 and r2 else "")
            allocs = [f"{r['alloc']:,.1f}" for r in (r1, r2) if r and r["alloc"] is not None]
            cells.append(" / ".join(dict.fromkeys(allocs)))
            cells.append("; ".join(", ".join(f"{f:,.1f}" for f in r["forks"]) for r in (r1, r2) if r))
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def check(label, value, limit, unit=""):
    verdict = "holds" if value <= limit else "MISSED"
    return f"| {label} | {value:,.2f}{unit} | ≤ {limit:g}{unit} | {verdict} |"


def targets(by_threads):
    lines = ["| target | measured | limit | |", "|---|---:|---:|---|"]
    for size in (1024, 16384):
        for threads, results in sorted(by_threads.items()):
            ours, base = results.get((OURS, size)), results.get((BASELINE, size))
            if ours and base:
                lines.append(check(f"no zeroing, {size} B, {threads}T: × ThreadLocal", ours["score"] / base["score"], 1.5))
                peers = {p: results[(p, size)]["score"] for p in BOUNDED_PEERS if (p, size) in results}
                if peers:
                    best = min(peers, key=peers.get)
                    lines.append(check(f"no zeroing, {size} B, {threads}T: × fastest bounded peer ({best})",
                                       ours["score"] / peers[best], 1.0))
                if ours["alloc"] is not None:
                    lines.append(check(f"no zeroing, {size} B, {threads}T: bytes allocated per op", ours["alloc"], 32, " B"))
        if 1 in by_threads and 2 in by_threads and (OURS, size) in by_threads[1] and (OURS, size) in by_threads[2]:
            lines.append(check(f"no zeroing, {size} B: 2-thread time / 1-thread time",
                               by_threads[2][(OURS, size)]["score"] / by_threads[1][(OURS, size)]["score"], 1.3))
    for threads, results in sorted(by_threads.items()):
        zeroing, base = results.get(("scratchBufferPooled", 1024)), results.get((BASELINE, 1024))
        if zeroing and base:
            lines.append(check(f"zeroing on, 1024 B, {threads}T: × ThreadLocal", zeroing["score"] / base["score"], 2.2))
    return "\n".join(lines)


def main(paths):
    by_threads = load_all(paths)
    print(tables(by_threads))
    print("#### Targets (pooling on; same run)")
    print()
    print(targets(by_threads))


if __name__ == "__main__":
    main(sys.argv[1:])
