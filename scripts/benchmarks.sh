#!/usr/bin/env bash
# Runs the JMH micro-benchmarks (benchmarks/: ScopeCycleBenchmark and PoolContendersBenchmark,
# every contender in the same run) at 1 and then 2 threads with the allocation profiler; then the
# collector matrix (the pooled cycle and its peers under G1 with the default and a fixed heap,
# Parallel and generational ZGC, at 1 and 2 threads, every second of each fork measured) and one
# scope cycle on a new virtual thread per operation (VirtualThreadBenchmark); then the encoder
# benchmarks (TextEncodingBenchmark, DecimalBenchmark) and the hold-time benchmark
# (HoldTimeBenchmark) at 1 thread. 1 KiB payloads unless -p is given. Turns the JSON into the
# tables and the chart of benchmarks/README.md. About 110 minutes on 2 cores with the defaults;
# needs a JDK (and a JDK 21+ beside it, e.g. /usr/lib/jvm/temurin-25-jdk-amd64, for ZGC and
# virtual threads) and Python 3 (standard library only). Run nothing else on the machine
# meanwhile: the numbers are only as quiet as the machine.
#
#   scripts/benchmarks.sh                          (from the project root)
#   scripts/benchmarks.sh -f 1 -wi 2 -i 3 -p bytes=1024     (a quick look; JMH options)
#   BENCH_COLLECTORS="parallel zgc" scripts/benchmarks.sh   (part of the matrix)
#
# Results go to BENCH_OUT (benchmarks/results): jmh-t1.json, jmh-t2.json, table.md, chart.svg,
# jmh-matrix-<collector>-t<threads>.json, matrix.md, jmh-virtual-threads.json,
# jmh-encoders.json, encoders.md and jmh-hold.json. BENCH_CHECK_TARGETS=1 makes the script fail
# when an encoder target does not hold. BENCH_SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar.
# BENCH_PARTS picks parts (default all: "pools matrix virtual encoders hold"), e.g.
# BENCH_PARTS="matrix virtual" for the hot-path issue's runs alone (about 50 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."

out="${BENCH_OUT:-benchmarks/results}"
mkdir -p "$out"
if [[ "${BENCH_SKIP_BUILD:-}" != 1 || ! -f benchmarks/target/benchmarks.jar ]]; then
	./mvnw -B -q -pl benchmarks -am clean package -DskipTests
fi
# Two forks unless the caller chose (JMH refuses an option given twice); likewise the payload
# of the 1 KiB runs and the matrix's iterations.
forks=(-f 2)
hold_payload=(-p bytes=1024)
matrix_warm_up=(-wi 0)
matrix_iterations=(-i 13)
for arg in "$@"; do
	case "$arg" in
		-f) forks=() ;;
		-p) hold_payload=() ;;
		-wi) matrix_warm_up=() ;;
		-i) matrix_iterations=() ;;
	esac
done
# A JDK 21+ for generational ZGC and virtual threads: the default one if it is, else JDK 25.
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
modern_java=""
if [[ "$java_major" -ge 21 ]]; then
	modern_java=java
else
	for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-*; do
		if [[ -x "$candidate/bin/java" ]]; then
			modern_java="$candidate/bin/java"
			break
		fi
	done
fi
parts=" ${BENCH_PARTS:-pools matrix virtual encoders hold} "
part() {
	[[ "$parts" == *" $1 "* ]]
}
if part pools; then
	for threads in 1 2; do
		echo "== pools, $threads thread(s)"
		java -jar benchmarks/target/benchmarks.jar 'ScopeCycleBenchmark|PoolContendersBenchmark' -t "$threads" \
			"${forks[@]}" -prof gc -rf json -rff "$out/jmh-t$threads.json" "$@"
	done
	python3 benchmarks/scripts/summarize.py "$out/jmh-t1.json" "$out/jmh-t2.json" > "$out/table.md"
	python3 benchmarks/scripts/chart.py "$out/jmh-t1.json" "$out/jmh-t2.json" --output "$out/chart.svg"
fi
# The collector matrix (BENCH_COLLECTORS, default all five): the pooled cycle and its peers, 1 KiB,
# at 1 and 2 threads, under G1 with the default heap and with a fixed 2 GB one, Parallel with and
# without -XX:+UseCondCardMark (which README recommends to Parallel users: without it, two threads'
# scope chains that the collector promoted into one 32 KiB stretch of the old generation share a
# card-table cache line, written on every scope), and generational ZGC on JDK 21+. Every second of
# a fork is measured (-wi 0 -i 13), so that the first seconds show; matrix.py takes the first 8 as
# warm-up and the rest as the steady state. The contenders: ours with zeroing off (leak detection
# sampled, and off), the ThreadLocal cache and the bounded pools; the unbounded ones (Netty's
# Recycler, a new array) are in the pools run.
matrix_benchmarks='ScopeCycleBenchmark.(scratchBufferPooledNoZeroing|scratchBufferPooledBare|threadLocalCache)$|PoolContendersBenchmark.(arrayBlockingQueue|commonsPool2|jacksonBoundedPool|jacksonConcurrentDequePool|jettyArrayByteBufferPool|nettyPooledByteBufAllocator|scratchBufferPoolOnly)$'
matrix_collectors="${BENCH_COLLECTORS:-g1 g1-fixed parallel parallel-condcard zgc}"
part matrix || matrix_collectors=""
for collector in $matrix_collectors; do
	runner=java
	case "$collector" in
		g1) collector_options=(-XX:+UseG1GC) ;;
		g1-fixed) collector_options=(-XX:+UseG1GC -Xms2g -Xmx2g) ;;
		parallel) collector_options=(-XX:+UseParallelGC) ;;
		parallel-condcard) collector_options=(-XX:+UseParallelGC -XX:+UseCondCardMark) ;;
		zgc)
			collector_options=(-XX:+UseZGC)
			runner="$modern_java"
			if [[ -z "$runner" ]]; then
				echo "== matrix: no JDK 21+ found for generational ZGC, skipped"
				continue
			fi
			if [[ "$("$runner" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')" -lt 23 ]]; then
				collector_options+=(-XX:+ZGenerational)
			fi
			;;
		*) echo "unknown collector '$collector' in BENCH_COLLECTORS (g1, g1-fixed, parallel, parallel-condcard, zgc)" >&2; exit 2 ;;
	esac
	for threads in 1 2; do
		echo "== matrix: $collector, $threads thread(s)"
		"$runner" -jar benchmarks/target/benchmarks.jar "$matrix_benchmarks" -t "$threads" "${forks[@]}" \
			"${hold_payload[@]}" "${matrix_warm_up[@]}" "${matrix_iterations[@]}" -jvmArgsAppend "${collector_options[*]}" \
			-rf json -rff "$out/jmh-matrix-$collector-t$threads.json" "$@"
	done
done
if part matrix; then
	python3 benchmarks/scripts/matrix.py "$out" > "$out/matrix.md"
	python3 benchmarks/scripts/matrix_chart.py "$out" --output "$out/matrix.svg"
fi
# One scope cycle on a fresh virtual thread per operation, against the ThreadLocal cache doing the
# same (JDK 21+).
if part virtual && [[ -n "$modern_java" ]]; then
	echo "== virtual thread per operation"
	"$modern_java" -jar benchmarks/target/benchmarks.jar VirtualThreadBenchmark "${hold_payload[@]}" -t 1 "${forks[@]}" \
		-prof gc -rf json -rff "$out/jmh-virtual-threads.json" "$@"
elif part virtual; then
	echo "== virtual thread per operation: no JDK 21+ found, skipped"
fi
# The encoders (writeUtf8 and writeDecimal against the JDK, Netty and Agrona) on one thread: they
# touch no shared state. encoders.py exits 1 when a target of the encoder issue does not hold; the
# table is written either way.
if part encoders; then
	echo "== encoders, 1 thread"
	java -jar benchmarks/target/benchmarks.jar 'TextEncodingBenchmark|DecimalBenchmark' -t 1 "${forks[@]}" -prof gc \
		-rf json -rff "$out/jmh-encoders.json" "$@"
fi
# What timing scopes' hold costs the pooled cycle: off, sampled (the default), with the timer,
# and every scope timed, in one run (benchmarks/README.md, "Hold times").
if part hold; then
	echo "== hold times, 1 thread"
	java -jar benchmarks/target/benchmarks.jar HoldTimeBenchmark "${hold_payload[@]}" -t 1 "${forks[@]}" -prof gc \
		-rf json -rff "$out/jmh-hold.json" "$@"
fi
encoders_status=0
if part encoders; then
	python3 benchmarks/scripts/encoders.py "$out/jmh-encoders.json" > "$out/encoders.md" || encoders_status=$?
	cat "$out/encoders.md"
fi
echo "Tables: $out/table.md, $out/matrix.md, $out/encoders.md; charts: $out/chart.svg, $out/matrix.svg"
if [[ "${BENCH_CHECK_TARGETS:-}" == 1 ]]; then
	exit "$encoders_status"
fi
