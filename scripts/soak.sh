#!/usr/bin/env bash
# Soak test: runs the sample app's jar with the 'faults' profile and drives it with
# scripts/soak/Soak.java (many concurrent clients on loopback, good requests mixed with
# injected faults, pooling toggled and the pool drained meanwhile), then checks the
# pool's books. Needs only a JDK.
#
#   scripts/soak.sh                     # the full run: 1,000,000 requests (minutes)
#   scripts/soak.sh --requests 100000   # the bounded run CI makes
#
# Options are passed to Soak.java: --requests N, --clients N (32), --warm-up N (2000),
# --report FILE (target/soak/report.txt), --max-heap-growth-mb N (48), --kinds a,b (only these
# request kinds, e.g. digest,leak; all by default).
# SOAK_SKIP_BUILD=1 reuses sample-app/target/sample-app.jar; SOAK_APP_ARGS adds arguments
# to the app's command line (e.g. --scratch-buffer.leak-detection=paranoid).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SOAK_SKIP_BUILD:-}" != 1 || ! -f sample-app/target/sample-app.jar ]]; then
	./mvnw -B -q -pl sample-app -am clean package -DskipTests
fi

mkdir -p target/soak
log=target/soak/sample-app.log
password="soak-$RANDOM$RANDOM"
SPRING_SECURITY_USER_PASSWORD="$password" java -Xmx512m -jar sample-app/target/sample-app.jar \
	--server.port=0 --spring.profiles.active=faults ${SOAK_APP_ARGS:-} > "$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT

port=""
for _ in $(seq 1 120); do
	port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$log" | head -1)
	[[ -n "$port" ]] && break
	if ! kill -0 "$app" 2>/dev/null; then
		echo "The sample app did not start:" >&2
		cat "$log" >&2
		exit 1
	fi
	sleep 0.5
done
if [[ -z "$port" ]]; then
	echo "The sample app did not report its port within 60 s" >&2
	exit 1
fi
echo "Sample app (pid $app) on port $port; log in $log"

requests=1000000
args=()
while [[ $# -gt 0 ]]; do
	if [[ "$1" == --requests ]]; then requests="$2"; shift 2; else args+=("$1"); shift; fi
done
java scripts/soak/Soak.java --base "http://localhost:$port" --password "$password" \
	--requests "$requests" "${args[@]}"
