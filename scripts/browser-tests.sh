#!/usr/bin/env bash
# Runs the sample app's dashboard test in Debian's headless Chromium (no browser can be
# downloaded by a test tool here). Installs chromium and chromium-driver (as root) when they
# are missing. Saves sample-app/target/dashboard.png.
#
#   scripts/browser-tests.sh        (from the project root)
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/lib/debian.sh
require_commands "chromium chromedriver" chromium chromium-driver
echo "== dashboard browser test with $(chromium --version 2>/dev/null | head -n 1)"
./mvnw -B -pl sample-app -am verify -Pbrowser-tests \
	-Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
	-Dit.test=DashboardBrowserIT
