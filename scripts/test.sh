#!/usr/bin/env bash
# Runs every test of every module: unit, golden-file, emulator and bounded fuzz tests.
# Usage: scripts/test.sh [extra Maven arguments], e.g. -Dfuzz.duration=60s for a longer fuzz run.
set -uo pipefail
cd "$(dirname "$0")/.."

# Tests read benchmark trials from ../shared next to the checkout; say so plainly if it is missing.
if [ ! -d ../shared/data/broad ]; then
  echo "scripts/test.sh: ../shared/data/broad not found next to the checkout ($(pwd)/..)" >&2
  exit 2
fi

# Real peers for the tests: mosquitto (a second MQTT 5 broker, TLS, access control) and socat
# (pseudo-terminal pairs for the serial console). Installed from Debian's packages when missing.
need=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v socat >/dev/null 2>&1 || need+=(socat)
if [ ${#need[@]} -gt 0 ]; then
  echo "scripts/test.sh: installing ${need[*]} (apt)" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq \
    --no-install-recommends "${need[@]}" >/dev/null || {
    echo "scripts/test.sh: could not install ${need[*]}; install them and retry" >&2
    exit 2
  }
  # The package starts a system mosquitto on port 1883; tests start their own on free ports.
  systemctl disable --now mosquitto >/dev/null 2>&1 || true
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
mvn -B -ntp verify "$@" | tee "$log"
rc=${PIPESTATUS[0]}

# One closing line over every module and Surefire execution (unit and fuzz tests): the sum of
# Surefire's per-execution totals, so that the last line speaks for the whole run.
awk -F'[:,] *' '/^\[[A-Z]+\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$/ {
    run += $2; failed += $4 + $6; skipped += $8 }
  END { printf "\n%d passed, %d failed, %d skipped\n", run - failed - skipped, failed, skipped }' "$log"
exit "$rc"
