#!/usr/bin/env bash
# Runs the sample app's container tests on a machine like this project's: no Docker engine running
# and no image registry reachable. Installs Docker and debootstrap (as root, from Debian's
# packages) when missing, starts the daemon for the duration of the run, builds a minimal Debian
# base image locally once, and runs the tests with the Testcontainers settings that work without a
# registry. The container runs the packaged jar on a JDK bind-mounted from the host.
#
#   scripts/docker-tests.sh            (from the project root)
set -euo pipefail
cd "$(dirname "$0")/.."

base_image="local/debian:bookworm"
docker=/usr/bin/docker

source scripts/lib/debian.sh
require_commands "dockerd debootstrap" docker.io debootstrap

daemon_pid=""
stop_daemon() {
	if [ -n "$daemon_pid" ]; then
		kill "$daemon_pid" 2> /dev/null || true
		wait "$daemon_pid" 2> /dev/null || true
	fi
}
trap stop_daemon EXIT

if ! "$docker" info > /dev/null 2>&1; then
	echo "== starting dockerd"
	mkdir -p target
	dockerd > target/dockerd.log 2>&1 &
	daemon_pid=$!
	for _ in $(seq 1 60); do
		"$docker" info > /dev/null 2>&1 && break
		sleep 0.5
	done
	"$docker" info > /dev/null 2>&1 || { echo "dockerd did not start; see target/dockerd.log"; exit 1; }
fi

if ! "$docker" image inspect "$base_image" > /dev/null 2>&1; then
	echo "== building $base_image with debootstrap"
	rootfs=$(mktemp -d)
	debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian > target/debootstrap.log 2>&1
	tar -C "$rootfs" -c . | "$docker" import - "$base_image" > /dev/null
	rm -rf "$rootfs"
fi

# A self-contained JDK to mount into the container: Temurin's needs nothing from the host's /etc.
container_jdk="${SAMPLE_CONTAINER_JDK:-}"
if [ -z "$container_jdk" ]; then
	for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-*; do
		[ -x "$candidate/bin/java" ] && { container_jdk="$candidate"; break; }
	done
fi
[ -n "$container_jdk" ] || { echo "no self-contained JDK found for the container; set SAMPLE_CONTAINER_JDK"; exit 1; }

export TESTCONTAINERS_RYUK_DISABLED=true
# Without this, Testcontainers checks disk space with an alpine image it would try to pull.
export TESTCONTAINERS_CHECKS_DISABLE=true
export TESTCONTAINERS_HOST_OVERRIDE=localhost
export DOCKER_HOST=unix:///var/run/docker.sock

echo "== container tests (JDK in the container: $container_jdk)"
./mvnw -B -pl sample-app -am verify -Pcontainer-tests \
	-Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
	-Dit.test=SampleApplicationContainerIT -Dsample.container-jdk="$container_jdk"
