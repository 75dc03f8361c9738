#!/usr/bin/env bash
# Runs every test of every module: unit, golden-file, emulator and bounded fuzz tests.
# Usage: scripts/test.sh [extra Maven arguments], e.g. -Dfuzz.duration=60s for a longer fuzz run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Tests read benchmark trials from ../shared next to the checkout; say so plainly if it is missing.
if [ ! -d ../shared/data/broad ]; then
  echo "scripts/test.sh: ../shared/data/broad not found next to the checkout ($(pwd)/..)" >&2
  exit 2
fi

exec mvn -B -ntp verify "$@"
