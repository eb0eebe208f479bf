# Sourced by the scripts that need a Debian package the machine may lack.

# Installs Debian packages (as root) unless every command they provide is on the PATH already.
#   require_commands "chromium chromedriver" chromium chromium-driver
require_commands() {
	local commands="$1"
	shift
	local command
	for command in $commands; do
		if ! command -v "$command" > /dev/null; then
			echo "== installing $*"
			apt-get update -qq
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > /dev/null
			return
		fi
	done
}
