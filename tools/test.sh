#!/usr/bin/env bash
# The project's test command (README "Quick start"): the daemon's tests, the systemd unit's checks, then
# the training and evaluation toolchain's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp install
bash tools/check-systemd.sh
mvn -B -ntp -f tools/trainer/pom.xml test
