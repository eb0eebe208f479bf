#!/usr/bin/env bash
# Builds the project and runs its test suites against other Spring Boot versions than the one
# the parent POM names (4.0.7), as a user on a newer Boot would: the tracked sources are copied
# to target/boot-<version>/, the copy's parent is set to spring-boot-starter-parent <version>,
# and the README's test command runs there. Maven cannot take a parent's version from a
# property, hence the copy; nothing in the working tree changes.
#
#   scripts/boot-versions.sh [version ...]     (from the project root; default: 4.1.2)
#
# Boot 4.1.x manages Netty and Kafka versions that Maven Central here does not serve yet: the
# script pins the newest served ones for it (netty 4.2.18.Final, kafka 4.3.1).
set -euo pipefail
cd "$(dirname "$0")/.."

versions=("$@")
if [ ${#versions[@]} -eq 0 ]; then
	versions=(4.1.2)
fi

for version in "${versions[@]}"; do
	copy="target/boot-$version"
	echo "== ./mvnw -B verify against Spring Boot $version (in $copy)"
	rm -rf "$copy"
	mkdir -p "$copy"
	# Tracked files and new ones not ignored: what a commit of the working tree would hold.
	git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$copy" --
	sed -i "/<artifactId>spring-boot-starter-parent<\/artifactId>/{n;s|<version>[^<]*</version>|<version>$version</version>|}" \
		"$copy/pom.xml"
	grep -A1 '<artifactId>spring-boot-starter-parent</artifactId>' "$copy/pom.xml" | grep -q "<version>$version</version>" \
		|| { echo "could not set the parent version to $version in $copy/pom.xml" >&2; exit 1; }
	properties=()
	case "$version" in
		4.1.*) properties=(-Dnetty.version=4.2.18.Final -Dkafka.version=4.3.1) ;;
	esac
	(cd "$copy" && ./mvnw -B verify "${properties[@]}")
	# The sample app's jar shows which Spring Boot it was really built with.
	if ! "${JAVA_HOME:+$JAVA_HOME/bin/}jar" tf "$copy/sample-app/target/sample-app.jar" \
		| grep -qx "BOOT-INF/lib/spring-boot-$version.jar"; then
		echo "the sample app in $copy was not built with spring-boot-$version.jar" >&2
		exit 1
	fi
	echo "== Spring Boot $version: built and tested"
done
