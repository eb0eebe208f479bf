#!/usr/bin/env bash
# Runs the JMH micro-benchmarks (benchmarks/: ScopeCycleBenchmark and PoolContendersBenchmark,
# every contender in the same run) at 1 and then 2 threads with the allocation profiler, and
# turns the JSON into the table and the chart of benchmarks/README.md. About 30 minutes on
# 2 cores with the defaults; needs a JDK and Python 3 (standard library only). Run nothing
# else on the machine meanwhile: the numbers are only as quiet as the machine.
#
#   scripts/benchmarks.sh                          (from the project root)
#   scripts/benchmarks.sh -f 1 -wi 2 -i 3 -p bytes=1024     (a quick look; JMH options)
#
# Results go to BENCH_OUT (benchmarks/results): jmh-t1.json, jmh-t2.json, table.md and
# chart.svg. BENCH_SKIP_BUILD=1 reuses benchmarks/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${BENCH_OUT:-benchmarks/results}"
mkdir -p "$out"
if [[ "${BENCH_SKIP_BUILD:-}" != 1 || ! -f benchmarks/target/benchmarks.jar ]]; then
	./mvnw -B -q -pl benchmarks -am clean package -DskipTests
fi
# Two forks unless the caller chose (JMH refuses an option given twice).
forks=(-f 2)
for arg in "$@"; do
	if [[ "$arg" == -f ]]; then forks=(); fi
done
for threads in 1 2; do
	echo "== $threads thread(s)"
	java -jar benchmarks/target/benchmarks.jar -t "$threads" "${forks[@]}" -prof gc -rf json -rff "$out/jmh-t$threads.json" "$@"
done
python3 benchmarks/scripts/summarize.py "$out/jmh-t1.json" "$out/jmh-t2.json" > "$out/table.md"
python3 benchmarks/scripts/chart.py "$out/jmh-t1.json" "$out/jmh-t2.json" --output "$out/chart.svg"
echo "Table: $out/table.md; chart: $out/chart.svg"
