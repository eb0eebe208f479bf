#!/usr/bin/env python3
"""Turns the JMH JSON of the encoder benchmarks (TextEncodingBenchmark, DecimalBenchmark; one
thread, -prof gc) into the Markdown tables of benchmarks/README.md, and checks the encoder
issue's targets against them.

    python3 benchmarks/scripts/encoders.py jmh-encoders.json

Times are ns/op: the mean of all forks and iterations with JMH's 99.9% error, and the spread of
the measured iterations (slowest / fastest, over every fork). Allocation is gc.alloc.rate.norm.
Exits 1 when a target does not hold, so that a run says so plainly.
"""
import json
import sys

OURS_TEXT = "scratchBufferWriteUtf8"
TEXT_ANCHORS = ["getBytesThenWrite", "nettyWriteUtf8", "agronaPutStringUtf8"]
OURS_DECIMAL = "scratchBufferWriteDecimal"
DECIMAL_ANCHORS = ["longToStringThenWrite", "agronaPutLongAscii"]
KINDS = ["ASCII", "LATIN1", "MIXED_BMP", "EMOJI"]


def load(path):
    """{(benchmark, kind or None): result}."""
    with open(path) as f:
        runs = json.load(f)
    results = {}
    for run in runs:
        name = run["benchmark"].rsplit(".", 1)[-1]
        kind = run.get("params", {}).get("kind")
        metric = run["primaryMetric"]
        iterations = [value for fork in metric["rawData"] for value in fork]
        alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        results[(name, kind)] = {"score": float(metric["score"]), "error": float(metric["scoreError"]),
                                 "min": min(iterations), "max": max(iterations), "alloc": alloc}
    return results


def row(name, result, reference):
    alloc = "n/a" if result["alloc"] is None else f"{result['alloc']:,.0f}"
    ratio = result["score"] / reference["score"]
    return (f"| `{name}` | {result['score']:,.1f} ± {result['error']:,.1f} | {result['min']:,.1f} – {result['max']:,.1f} "
            f"| {ratio:.2f} | {alloc} |")


def table(results, names, kind, reference):
    """The Markdown rows of the contenders that ran, then a blank line."""
    lines = ["| contender | mean ± error | iterations, fastest – slowest | ratio | B/op |", "|---|---:|---:|---:|---:|"]
    lines.extend(row(name, results[(name, kind)], reference) for name in names if (name, kind) in results)
    lines.append("")
    return lines


def main(path):
    results = load(path)
    lines = []
    failures = []
    lines.append("### `writeUtf8` of 1,024 chars (ns/op, 1 thread)")
    lines.append("")
    for kind in KINDS:
        ours = results.get((OURS_TEXT, kind))
        if ours is None:
            continue
        reference = results[("getBytesThenWrite", kind)]
        lines.append(f"**{kind}** (ratio: against `getBytes(UTF_8)` + `write`)")
        lines.append("")
        lines.extend(table(results, [OURS_TEXT] + TEXT_ANCHORS, kind, reference))
        anchors = [results[(name, kind)] for name in TEXT_ANCHORS if (name, kind) in results]
        fastest = min(anchors, key=lambda r: r["score"])
        if ours["score"] >= reference["score"]:
            failures.append(f"{kind}: writeUtf8 {ours['score']:.1f} ns is not faster than getBytes + write "
                            f"{reference['score']:.1f} ns")
        if kind == "ASCII" and ours["score"] > fastest["score"]:
            failures.append(f"ASCII: writeUtf8 {ours['score']:.1f} ns is slower than the fastest anchor "
                            f"{fastest['score']:.1f} ns")
        if ours["alloc"] is not None and ours["alloc"] >= 1:
            failures.append(f"{kind}: writeUtf8 allocates {ours['alloc']:.1f} B/op")
    ours = results.get((OURS_DECIMAL, None))
    if ours is not None:
        reference = results[("longToStringThenWrite", None)]
        lines.append("### `writeDecimal` of 64 numbers of 1 to 19 digits, both signs (ns/op, 1 thread)")
        lines.append("")
        lines.extend(table(results, [OURS_DECIMAL] + DECIMAL_ANCHORS, None, reference))
        if ours["score"] * 2 > reference["score"]:
            failures.append(f"writeDecimal {ours['score']:.1f} ns is not 2x faster than Long.toString + write "
                            f"{reference['score']:.1f} ns")
        if ours["alloc"] is not None and ours["alloc"] >= 1:
            failures.append(f"writeDecimal allocates {ours['alloc']:.1f} B/op")
    lines.append("Targets: " + ("all hold." if not failures else "; ".join(failures) + "."))
    print("\n".join(lines))
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: encoders.py jmh-encoders.json")
    sys.exit(main(sys.argv[1]))
