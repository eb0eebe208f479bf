#!/usr/bin/env python3
"""Draws the contenders chart of benchmarks/README.md as SVG from the JMH JSON of
scripts/benchmarks.sh: one panel per payload size, one bar per contender and thread count,
ns/op on a logarithmic axis (the contenders span three orders of magnitude). Standard library
only, so that it runs wherever the benchmarks do.

    python3 benchmarks/scripts/chart.py jmh-t1.json jmh-t2.json --output chart.svg
"""
import argparse
import math
import os
import sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from summarize import load_all, sizes_of  # noqa: E402

# What to draw, in this order, and how to call it.
CONTENDERS = [
    ("threadLocalCache", "ThreadLocal<byte[]> cache (unbounded)"),
    ("scratchBufferPoolOnly", "scratch-buffer: the pool alone"),
    ("scratchBufferPooledNoZeroing", "scratch-buffer: scope + pool, no zeroing"),
    ("scratchBufferPooled", "scratch-buffer: defaults (zeroing on)"),
    ("arrayBlockingQueue", "ArrayBlockingQueue poll/offer"),
    ("jacksonBoundedPool", "Jackson 3 bounded pool"),
    ("jacksonConcurrentDequePool", "Jackson 3 concurrent-deque pool"),
    ("jettyArrayByteBufferPool", "Jetty 12 ArrayByteBufferPool"),
    ("nettyPooledByteBufAllocator", "Netty 4.2 PooledByteBufAllocator"),
    ("commonsPool2", "Commons Pool2 GenericObjectPool"),
    ("scratchBufferUnpooled", "scratch-buffer: pooling off"),
    ("newArray", "new byte[65536]"),
    ("nettyRecycler", "Netty 4.2 Recycler (plain threads)"),
]

COLOURS = {1: "#4477aa", 2: "#ee8866"}
OURS = "#228833"

LABEL_WIDTH = 290
PLOT_WIDTH = 470
BAR = 9
ROW = 2 * BAR + 8
TOP = 58


def tick(value):
    """An axis label short enough not to run into its neighbour: 500, 1k, 20k, 100k."""
    return f"{value / 1000:g}k" if value >= 1000 else f"{value:g}"


def panel(by_threads, size, y0, lo, hi):
    rows = [(n, label) for n, label in CONTENDERS if any((n, size) in r for r in by_threads.values())]
    height = TOP + len(rows) * ROW + 36
    x = lambda v: LABEL_WIDTH + PLOT_WIDTH * (math.log10(v) - lo) / (hi - lo)
    out = [f'<g transform="translate(0,{y0})">',
           f'<text x="{LABEL_WIDTH}" y="22" font-size="15" font-weight="bold">{size:,} bytes written per operation '
           f'(64 KiB buffers)</text>']
    for decade in range(int(lo), int(hi) + 1):
        for mantissa in (1, 2, 5):
            value = mantissa * 10 ** decade
            if lo <= math.log10(value) <= hi:
                gx = x(value)
                out.append(f'<line x1="{gx:.1f}" y1="{TOP - 8}" x2="{gx:.1f}" y2="{TOP + len(rows) * ROW}" '
                           f'stroke="#ddd"/>')
                out.append(f'<text x="{gx:.1f}" y="{TOP + len(rows) * ROW + 14}" font-size="10" '
                           f'text-anchor="middle" fill="#555">{tick(value)}</text>')
    for i, (name, label) in enumerate(rows):
        y = TOP + i * ROW
        weight = ' font-weight="bold"' if name.startswith("scratchBuffer") else ""
        out.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR + 4}" font-size="12" text-anchor="end"{weight}>'
                   f'{escape(label)}</text>')
        for j, threads in enumerate(sorted(by_threads)):
            result = by_threads[threads].get((name, size))
            if not result:
                continue
            score = result["score"]
            colour = COLOURS.get(threads, "#999")
            by = y + j * BAR
            width = max(1.0, x(score) - LABEL_WIDTH)
            stroke = f' stroke="{OURS}" stroke-width="1.5"' if name.startswith("scratchBuffer") else ""
            out.append(f'<rect x="{LABEL_WIDTH}" y="{by}" width="{width:.1f}" height="{BAR - 1}" fill="{colour}"{stroke}>'
                       f'<title>{escape(label)}, {threads} thread(s): {score:,.1f} ns/op</title></rect>')
            out.append(f'<text x="{LABEL_WIDTH + width + 4:.1f}" y="{by + BAR - 1}" font-size="9" fill="#333">'
                       f'{score:,.0f}</text>')
    out.append(f'<text x="{LABEL_WIDTH + PLOT_WIDTH / 2}" y="{TOP + len(rows) * ROW + 30}" font-size="11" '
               f'text-anchor="middle" fill="#333">ns per operation (log scale; shorter is faster)</text>')
    out.append("</g>")
    return out, height


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results", nargs="+")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    by_threads = load_all(args.results)
    scores = [r["score"] for results in by_threads.values() for r in results.values()]
    lo, hi = math.floor(math.log10(min(scores))), math.ceil(math.log10(max(scores)))
    sizes = sizes_of(by_threads)
    body, y = [], 40
    for size in sizes:
        part, height = panel(by_threads, size, y, lo, hi)
        body += part
        y += height
    width = LABEL_WIDTH + PLOT_WIDTH + 60
    legend = [f'<text x="10" y="22" font-size="16" font-weight="bold">One request\'s scratch buffer: take, write, give back '
              f'(JMH, average time)</text>']
    for i, threads in enumerate(sorted(by_threads)):
        lx = LABEL_WIDTH + 150 * i
        legend.append(f'<rect x="{lx}" y="{y}" width="12" height="10" fill="{COLOURS.get(threads, "#999")}"/>'
                      f'<text x="{lx + 16}" y="{y + 9}" font-size="11">{threads} thread{"s" if threads > 1 else ""}</text>')
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{y + 24}" '
           f'font-family="DejaVu Sans, Arial, sans-serif">', f'<rect width="100%" height="100%" fill="white"/>']
    svg += legend + body + ["</svg>"]
    with open(args.output, "w") as out:
        out.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
