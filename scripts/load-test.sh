#!/usr/bin/env bash
# End-to-end load test: the sample app's jar, in several configurations side by side (starter's
# filter disabled, pooling off, pooling on, leak detection off), driven by wrk on loopback
# through /api/ping (never asks for a buffer) and /api/fill (fills 64 KiB of scratch), with
# GC count, GC time and allocation read from the JVM. Bounded: about
# configurations x endpoints x (warm-up + rounds x duration) seconds, 10 minutes by default.
# Installs Debian's wrk (as root) when it is missing; needs a JDK and Python 3.
#
#   scripts/load-test.sh                         (from the project root)
#   scripts/load-test.sh --duration 5 --rounds 1 --configs filter-off,pooling-on
#
# Options go to scripts/load/load_test.py (--help). LOAD_SKIP_BUILD=1 reuses
# sample-app/target/sample-app.jar. Report: target/load-test/report.md.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/debian.sh
require_commands wrk wrk
if [[ "${LOAD_SKIP_BUILD:-}" != 1 || ! -f sample-app/target/sample-app.jar ]]; then
	./mvnw -B -q -pl sample-app -am clean package -DskipTests
fi
exec python3 scripts/load/load_test.py "$@"
