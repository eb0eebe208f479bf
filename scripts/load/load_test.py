#!/usr/bin/env python3
"""End-to-end load test of the starter inside a real server (see scripts/load-test.sh).

Starts the sample app's jar once per configuration, all side by side on loopback, and drives
each with wrk: /api/ping (never asks for a buffer: the starter's cost per request) and
/api/fill (renders 64 KiB into the request's buffer: the pool's effect). Configurations are
measured in interleaved rounds, in a rotating order, so that the machine's drift spreads over
all of them instead of favouring whichever ran first. Around every window the JVM's own
counters are read from /actuator/metrics: GC pauses (count and total time) and the bytes
allocated in the young generation.

Only the standard library; wrk must be on the PATH.
"""

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request

CONFIGURATIONS = [
    # (name, what it is, extra arguments)
    ("filter-off", "starter's filter disabled", ["--scratch-buffer.filter.enabled=false"]),
    ("pooling-off", "filter on, pooling off", ["--scratch-buffer.pooling.enabled=false"]),
    ("pooling-on", "filter on, pooling on (sample defaults: sampled leak detection)", []),
    ("pooling-on-again", "the same as pooling-on, another process: the noise floor", []),
    ("leak-detection-off", "pooling on, leak detection off", ["--scratch-buffer.leak-detection=off"]),
]

ENDPOINTS = [("ping", "/api/ping"), ("fill", "/api/fill")]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", default="sample-app/target/sample-app.jar")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured window")
    parser.add_argument("--warm-up", type=int, default=15, help="seconds of warm-up per endpoint and app")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--heap", default="512m", help="-Xms and -Xmx of every app")
    parser.add_argument("--configs", default=",".join(c[0] for c in CONFIGURATIONS))
    parser.add_argument("--out", default="target/load-test")
    parser.add_argument("--pin", action="store_true",
                        help="pin the apps and wrk to separate CPUs with taskset (on 2 CPUs this leaves the app one "
                             "core for its request, JIT and GC threads: slower to warm up and no steadier here)")
    return parser.parse_args()


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def metric(base, name):
    """The statistics of a metric as a dict, e.g. {'COUNT': 3.0, 'TOTAL_TIME': 0.02}."""
    try:
        data = get_json(f"{base}/actuator/metrics/{name}")
    except urllib.error.HTTPError as error:
        if error.code == 404:  # not registered yet: no GC has happened
            return {}
        raise
    return {m["statistic"]: m["value"] for m in data["measurements"]}


def snapshot(base):
    pauses = metric(base, "jvm.gc.pause")
    return {
        "gcCount": pauses.get("COUNT", 0.0),
        "gcSeconds": pauses.get("TOTAL_TIME", 0.0),
        "allocated": metric(base, "jvm.gc.memory.allocated").get("COUNT", 0.0),
        "pool": get_json(f"{base}/actuator/bufferpool"),
    }


def quiescent_pool(base, timeout=10):
    """The pool once the last requests' scopes have closed (just after their responses)."""
    deadline = time.time() + timeout
    pool = get_json(f"{base}/actuator/bufferpool")
    while pool["active"] != 0 and time.time() < deadline:
        time.sleep(0.1)
        pool = get_json(f"{base}/actuator/bufferpool")
    return pool


class App:
    def __init__(self, name, description, extra, args, log_dir, cpus):
        self.name = name
        self.description = description
        self.log = os.path.join(log_dir, f"{name}.log")
        command = ["java", f"-Xms{args.heap}", f"-Xmx{args.heap}", "-XX:+UseG1GC", "-jar", args.jar,
                   "--server.port=0", "--logging.level.root=WARN",
                   # Keep wrk's connections open: Tomcat closes one after 100 requests by default,
                   # and the reconnects would add noise that has nothing to do with the buffers.
                   "--server.tomcat.max-keep-alive-requests=-1",
                   "--logging.level.org.springframework.boot.web.server=INFO",
                   "--logging.level.org.springframework.boot.tomcat=INFO"] + extra
        if cpus:
            command = ["taskset", "-c", cpus] + command
        self.command = command
        env = dict(os.environ, SPRING_SECURITY_USER_PASSWORD=f"load-{os.getpid()}")
        self.process = subprocess.Popen(command, stdout=open(self.log, "w"), stderr=subprocess.STDOUT, env=env)
        self.port = None

    def await_port(self, timeout=120):
        deadline = time.time() + timeout
        pattern = re.compile(r"Tomcat started on port (\d+)")
        while time.time() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name}: the sample app exited; see {self.log}")
            with open(self.log) as log:
                match = pattern.search(log.read())
            if match:
                self.port = int(match.group(1))
                return
            time.sleep(0.5)
        sys.exit(f"{self.name}: no port within {timeout} s; see {self.log}")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()


LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def pinning(args):
    """(CPUs for the apps, CPUs for wrk), or (None, None) when not pinning (the default)."""
    count = os.cpu_count() or 1
    if not args.pin or count < 2 or shutil.which("taskset") is None:
        return None, None
    return f"1-{count - 1}", "0"


def wrk(url, args, seconds):
    command = (["taskset", "-c", args.wrk_cpus] if args.wrk_cpus else []) + ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latencies = {p: float(v) * UNITS[u] for p, v, u in LATENCY.findall(output)}
    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"):
        match = re.search(pattern, output)
        if match:
            errors += sum(int(g) for g in match.groups())
    return {"requests": requests, "rate": rate, "p50ms": latencies.get("50"), "p99ms": latencies.get("99"),
            "errors": errors, "output": output}


def cpu_seconds(pid):
    """User + system CPU time of a process so far, from /proc (Linux)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(app, path, args):
    before = snapshot(app.base)
    cpu_before = cpu_seconds(app.process.pid)
    result = wrk(app.base + path, args, args.duration)
    cpu_after = cpu_seconds(app.process.pid)
    after = snapshot(app.base)
    result.update({
        "cpuSeconds": cpu_after - cpu_before,
        "gcCount": after["gcCount"] - before["gcCount"],
        "gcSeconds": after["gcSeconds"] - before["gcSeconds"],
        "allocated": after["allocated"] - before["allocated"],
        "acquisitions": after["pool"]["acquisitions"] - before["pool"]["acquisitions"],
        "misses": after["pool"]["misses"] - before["pool"]["misses"],
    })
    return result


def summarise(windows):
    requests = sum(w["requests"] for w in windows)
    rates = [w["rate"] for w in windows]
    return {
        "rounds": len(windows),
        "rate": statistics.median(rates),
        "rateMin": min(rates),
        "rateMax": max(rates),
        "p50ms": statistics.median(w["p50ms"] for w in windows),
        "p99ms": statistics.median(w["p99ms"] for w in windows),
        "requests": requests,
        "errors": sum(w["errors"] for w in windows),
        "gcCount": sum(w["gcCount"] for w in windows),
        "gcSeconds": sum(w["gcSeconds"] for w in windows),
        "gcPer100k": 100_000 * sum(w["gcCount"] for w in windows) / requests,
        "cpuMicrosPerRequest": 1e6 * sum(w["cpuSeconds"] for w in windows) / requests,
        "allocatedPerRequest": sum(w["allocated"] for w in windows) / requests,
        "acquisitionsPerRequest": sum(w["acquisitions"] for w in windows) / requests,
        "missesPerRequest": sum(w["misses"] for w in windows) / requests,
    }


def change(value, reference):
    return 100.0 * (value - reference) / reference


def table(summary, configs):
    lines = ["| endpoint | configuration | req/s (median) | min–max | p50 ms | p99 ms | server CPU µs/req | GC pauses | "
             "GC time ms | GCs per 100k req | allocated/req | buffers acquired/req | misses/req |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for endpoint, _ in ENDPOINTS:
        for name in configs:
            s = summary[endpoint][name]
            lines.append(f"| {endpoint} | {name} | {s['rate']:,.0f} | {s['rateMin']:,.0f}–{s['rateMax']:,.0f} | "
                         f"{s['p50ms']:.2f} | {s['p99ms']:.2f} | {s['cpuMicrosPerRequest']:.1f} | {s['gcCount']:.0f} | {1000 * s['gcSeconds']:.0f} | "
                         f"{s['gcPer100k']:.1f} | {s['allocatedPerRequest'] / 1024:,.1f} KiB | "
                         f"{s['acquisitionsPerRequest']:.2f} | {s['missesPerRequest']:.3f} |")
    return "\n".join(lines)


def comparisons(summary, configs):
    lines = []

    def compare(endpoint, name, reference, label):
        if name in configs and reference in configs:
            s, r = summary[endpoint][name], summary[endpoint][reference]
            lines.append(f"- {endpoint}: {label}: throughput {change(s['rate'], r['rate']):+.2f}% "
                         f"({s['rate']:,.0f} vs {r['rate']:,.0f} req/s), server CPU per request "
                         f"{change(s['cpuMicrosPerRequest'], r['cpuMicrosPerRequest']):+.2f}% "
                         f"({s['cpuMicrosPerRequest']:.1f} vs {r['cpuMicrosPerRequest']:.1f} µs), p99 {s['p99ms']:.2f} vs {r['p99ms']:.2f} ms, "
                         f"allocated/req {s['allocatedPerRequest'] / 1024:,.1f} vs {r['allocatedPerRequest'] / 1024:,.1f} KiB, "
                         f"GC pauses {s['gcCount']:.0f} vs {r['gcCount']:.0f}")

    compare("ping", "pooling-on", "filter-off", "starter (pooling-on) against filter-off")
    compare("ping", "pooling-on-again", "pooling-on", "noise floor (pooling-on-again against pooling-on)")
    compare("fill", "pooling-on", "pooling-off", "pooling-on against pooling-off")
    compare("fill", "pooling-on-again", "pooling-on", "noise floor (pooling-on-again against pooling-on)")
    for endpoint, _ in ENDPOINTS:
        compare(endpoint, "pooling-on", "leak-detection-off", "default leak detection (pooling-on) against off")
    return "\n".join(lines)


def main():
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    names = args.configs.split(",")
    unknown = set(names) - {c[0] for c in CONFIGURATIONS}
    if unknown:
        sys.exit(f"Unknown configurations: {', '.join(sorted(unknown))}")
    app_cpus, args.wrk_cpus = pinning(args)
    apps = [App(n, d, e, args, args.out, app_cpus) for n, d, e in CONFIGURATIONS if n in names]
    try:
        for app in apps:
            app.await_port()
            print(f"{app.name}: port {app.port} ({app.description})", flush=True)
        for app in apps:
            for endpoint, path in ENDPOINTS:
                warm = wrk(app.base + path, args, args.warm_up)
                if warm["errors"]:
                    sys.exit(f"{app.name} {path}: {warm['errors']} errors during warm-up:\n{warm['output']}")
        windows = {e: {a.name: [] for a in apps} for e, _ in ENDPOINTS}
        for round_index in range(args.rounds):
            order = apps[round_index % len(apps):] + apps[:round_index % len(apps)]
            for app in order:
                for endpoint, path in ENDPOINTS:
                    result = measure(app, path, args)
                    windows[endpoint][app.name].append(result)
                    print(f"round {round_index + 1} {app.name:>18} {endpoint:>4}: {result['rate']:>9,.0f} req/s "
                          f"p50 {result['p50ms']:.2f} ms p99 {result['p99ms']:.2f} ms, {result['gcCount']:.0f} GCs, "
                          f"{result['allocated'] / result['requests'] / 1024:,.1f} KiB/req, errors {result['errors']}",
                          flush=True)
        final = {app.name: quiescent_pool(app.base) for app in apps}
    finally:
        for app in apps:
            app.stop()

    summary = {e: {n: summarise(w) for n, w in byConfig.items()} for e, byConfig in windows.items()}
    configs = [a.name for a in apps]
    machine = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0]
    report = "\n".join([
        f"Load test: {len(apps)} sample-app processes side by side, {args.heap} heap each, G1; {wrk_version.strip()}",
        f"wrk -t{args.threads} -c{args.connections}, {args.rounds} interleaved rounds of {args.duration} s per "
        f"endpoint and configuration after {args.warm_up} s of warm-up; {os.cpu_count()} CPUs"
        + (f" (apps on CPU {app_cpus}, wrk on CPU {args.wrk_cpus})" if app_cpus else " (not pinned)") + f"; {machine}",
        "",
        table(summary, configs),
        "",
        comparisons(summary, configs),
        "",
        "Configurations: " + "; ".join(f"{a.name} = {a.description}" for a in apps),
    ])
    errors = sum(s["errors"] for byConfig in summary.values() for s in byConfig.values())
    with open(os.path.join(args.out, "report.md"), "w") as out:
        out.write(report + "\n")
    with open(os.path.join(args.out, "results.json"), "w") as out:
        json.dump({"summary": summary, "windows": {e: {n: [{k: v for k, v in w.items() if k != "output"} for w in ws]
                                                         for n, ws in byConfig.items()}
                                                     for e, byConfig in windows.items()},
                   "finalPools": final, "args": vars(args)}, out, indent=2)
    print()
    print(report)
    bad = [n for n, pool in final.items() if pool["active"] != 0 or pool["leaks"] != 0]
    if errors or bad:
        sys.exit(f"Failed: {errors} request errors; apps with active buffers or leaks at the end: {bad}")
    print(f"\nReport: {args.out}/report.md, raw figures: {args.out}/results.json")


if __name__ == "__main__":
    main()
