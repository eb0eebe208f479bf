#!/usr/bin/env bash
# Runs the JMH micro-benchmarks (benchmarks/: ScopeCycleBenchmark and PoolContendersBenchmark,
# every contender in the same run) at 1 and then 2 threads with the allocation profiler, then the
# encoder benchmarks (TextEncodingBenchmark, DecimalBenchmark) and the hold-time benchmark
# (HoldTimeBenchmark, 1 KiB unless -p is given) at 1 thread, and turns the JSON into the tables
# and the chart of benchmarks/README.md. About 35 minutes on 2 cores with the defaults; needs a JDK and Python 3 (standard library only). Run nothing
# else on the machine meanwhile: the numbers are only as quiet as the machine.
#
#   scripts/benchmarks.sh                          (from the project root)
#   scripts/benchmarks.sh -f 1 -wi 2 -i 3 -p bytes=1024     (a quick look; JMH options)
#
# Results go to BENCH_OUT (benchmarks/results): jmh-t1.json, jmh-t2.json, table.md, chart.svg,
# jmh-encoders.json, encoders.md and jmh-hold.json. BENCH_CHECK_TARGETS=1 makes the script fail
# when an encoder target does not hold. BENCH_SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${BENCH_OUT:-benchmarks/results}"
mkdir -p "$out"
if [[ "${BENCH_SKIP_BUILD:-}" != 1 || ! -f benchmarks/target/benchmarks.jar ]]; then
	./mvnw -B -q -pl benchmarks -am clean package -DskipTests
fi
# Two forks unless the caller chose (JMH refuses an option given twice).
forks=(-f 2)
hold_payload=(-p bytes=1024)
for arg in "$@"; do
	if [[ "$arg" == -f ]]; then forks=(); fi
	if [[ "$arg" == -p ]]; then hold_payload=(); fi
done
for threads in 1 2; do
	echo "== pools, $threads thread(s)"
	java -jar benchmarks/target/benchmarks.jar 'ScopeCycleBenchmark|PoolContendersBenchmark' -t "$threads" \
		"${forks[@]}" -prof gc -rf json -rff "$out/jmh-t$threads.json" "$@"
done
python3 benchmarks/scripts/summarize.py "$out/jmh-t1.json" "$out/jmh-t2.json" > "$out/table.md"
python3 benchmarks/scripts/chart.py "$out/jmh-t1.json" "$out/jmh-t2.json" --output "$out/chart.svg"
# The encoders (writeUtf8 and writeDecimal against the JDK, Netty and Agrona) on one thread: they
# touch no shared state. encoders.py exits 1 when a target of the encoder issue does not hold; the
# table is written either way.
echo "== encoders, 1 thread"
java -jar benchmarks/target/benchmarks.jar 'TextEncodingBenchmark|DecimalBenchmark' -t 1 "${forks[@]}" -prof gc \
	-rf json -rff "$out/jmh-encoders.json" "$@"
# What timing scopes' hold costs the pooled cycle: off, sampled (the default), with the timer,
# and every scope timed, in one run (benchmarks/README.md, "Hold times").
echo "== hold times, 1 thread"
java -jar benchmarks/target/benchmarks.jar HoldTimeBenchmark "${hold_payload[@]}" -t 1 "${forks[@]}" -prof gc \
	-rf json -rff "$out/jmh-hold.json" "$@"
encoders_status=0
python3 benchmarks/scripts/encoders.py "$out/jmh-encoders.json" > "$out/encoders.md" || encoders_status=$?
cat "$out/encoders.md"
echo "Tables: $out/table.md, $out/encoders.md; chart: $out/chart.svg"
if [[ "${BENCH_CHECK_TARGETS:-}" == 1 ]]; then
	exit "$encoders_status"
fi
