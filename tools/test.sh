#!/usr/bin/env bash
# The project's test command (README "Quick start"): the daemon's tests, the systemd unit's checks, a short
# soak, then the training and evaluation toolchain's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp install
bash tools/check-systemd.sh
# Ten minutes of looped real speech into one daemon: resources flat, detections equal to replay's.
bash tools/soak.sh --minutes 10 --piece-minutes 1 --interval 0.5 --out tools/out/soak-ci
mvn -B -ntp -f tools/trainer/pom.xml test
