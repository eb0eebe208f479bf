#!/usr/bin/env python3
"""Draws the collector matrix of scripts/benchmarks.sh as an SVG: one panel per collector and
thread count, every second of the fork (the mean over forks) for ours and its nearest peers, so
that the first seconds and the steadiness can be seen next to the steady level.

    python3 benchmarks/scripts/matrix_chart.py RESULTS_DIR --output matrix.svg
"""
import argparse
import glob
import json
import os
import re

from matrix import ORDER

SERIES = [
    ("scratchBufferPooledBare", "ours (zeroing and leak detection off)", "#d62728", ""),
    ("scratchBufferPooledNoZeroing", "ours (zeroing off, sampled leaks)", "#ff7f0e", "4 2"),
    ("arrayBlockingQueue", "ArrayBlockingQueue", "#1f77b4", ""),
    ("jettyArrayByteBufferPool", "Jetty ArrayByteBufferPool", "#2ca02c", ""),
    ("threadLocalCache", "ThreadLocal cache", "#7f7f7f", "2 2"),
]
PANEL_W, PANEL_H, MARGIN = 300, 170, 44
# The two title lines above the first panel.
HEADER = 56


def seconds(run):
    forks = run["primaryMetric"]["rawData"]
    length = min(len(fork) for fork in forks)
    return [sum(fork[i] for fork in forks) / len(forks) for i in range(length)]


def load(directory):
    runs = {}
    for path in glob.glob(os.path.join(directory, "jmh-matrix-*-t*.json")):
        match = re.match(r"jmh-matrix-(.+)-t(\d+)\.json", os.path.basename(path))
        with open(path) as f:
            series = {run["benchmark"].rsplit(".", 1)[-1]: seconds(run) for run in json.load(f)}
        runs[(match.group(1), int(match.group(2)))] = series
    return runs


def dashes(dash):
    return ' stroke-dasharray="%s"' % dash if dash else ""


def panel(series, x0, y0, title, top):
    out = ['<text x="%d" y="%d" font-size="12" font-weight="bold">%s</text>' % (x0, y0 - 6, title)]
    out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#ccc"/>' % (x0, y0, PANEL_W, PANEL_H))
    for tick in range(0, int(top) + 1, max(25, int(top / 4) // 25 * 25)):
        y = y0 + PANEL_H - tick / top * PANEL_H
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eee"/>' % (x0, y, x0 + PANEL_W, y))
        out.append('<text x="%d" y="%.1f" font-size="9" text-anchor="end">%d</text>' % (x0 - 3, y + 3, tick))
    for name, _, color, dash in SERIES:
        values = series.get(name)
        if not values:
            continue
        step = PANEL_W / max(1, len(values) - 1)
        points = " ".join("%.1f,%.1f" % (x0 + i * step, y0 + PANEL_H - min(v, top) / top * PANEL_H)
                          for i, v in enumerate(values))
        out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="1.6"%s/>'
                   % (points, color, dashes(dash)))
    out.append('<text x="%d" y="%d" font-size="9" text-anchor="middle">second of the fork</text>'
               % (x0 + PANEL_W / 2, y0 + PANEL_H + 14))
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    runs = load(args.directory)
    if not runs:
        raise SystemExit("no jmh-matrix-*-t*.json in " + args.directory)
    collectors = sorted({c for c, _ in runs}, key=lambda c: ORDER.get(c, 99))
    threads = sorted({t for _, t in runs})
    # One scale for every panel, so that collectors compare at a glance; outliers are clipped.
    shown = [v for series in runs.values() for name, *_ in SERIES for v in series.get(name, [])]
    top = max(50, min(max(shown), 2.5 * sorted(shown)[len(shown) // 2]))
    top = (int(top) // 50 + 1) * 50
    width = MARGIN + len(threads) * (PANEL_W + MARGIN)
    height = HEADER - 4 + len(collectors) * (PANEL_H + 50) + 20 * len(SERIES)
    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif">'
           % (width, height), '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="16" font-size="13">Pooled scope cycle and peers, 1 KiB, ns/op, every second '
           'from the fork\'s start</text>' % MARGIN,
           '<text x="%d" y="30" font-size="11">(mean of forks; higher values drawn at the top edge)</text>' % MARGIN]
    for row, collector in enumerate(collectors):
        for column, count in enumerate(threads):
            series = runs.get((collector, count))
            if series:
                svg += panel(series, MARGIN + column * (PANEL_W + MARGIN), HEADER + row * (PANEL_H + 50),
                             "%s, %d thread%s" % (collector, count, "s" if count > 1 else ""), top)
    y = HEADER + len(collectors) * (PANEL_H + 50)
    for i, (_, label, color, dash) in enumerate(SERIES):
        svg.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>'
                   % (MARGIN, y + i * 20, MARGIN + 30, y + i * 20, color, dashes(dash)))
        svg.append('<text x="%d" y="%d" font-size="11">%s</text>' % (MARGIN + 38, y + i * 20 + 4, label))
    svg.append("</svg>")
    with open(args.output, "w") as out:
        out.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
