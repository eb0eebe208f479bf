#!/usr/bin/env bash
# Runs the sample app's Prometheus fleet test: two sample-app processes scraped by a real
# Prometheus on loopback, checked through Prometheus's HTTP API, and every query of the
# Grafana dashboard in docs/grafana run against it. Installs Debian's prometheus package
# (as root) when it is missing; the test starts and stops its own Prometheus process.
#
#   scripts/prometheus-tests.sh        (from the project root)
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/debian.sh
require_commands prometheus prometheus
echo "== Prometheus fleet test with $(prometheus --version 2>&1 | head -n 1)"
./mvnw -B -pl sample-app -am verify -Pprometheus-tests \
	-Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
	-Dit.test=PrometheusFleetIT
