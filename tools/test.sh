#!/usr/bin/env bash
# The project's test command (README "Quick start"): the daemon's tests, the systemd unit's checks, the Debian
# package's checks, a short soak, then the training and evaluation toolchain's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp install
bash tools/check-systemd.sh
# The Debian package mvn wrote: lintian, then dpkg -i, upgrades over an edited config, -r, -P, for real (root).
bash tools/check-deb.sh
# The packaged jar under qemu-user arm64 (Cortex-A72): detections and every score identical to x86_64's.
bash tools/arm64.sh --no-build --tests
# Eight hours of looped real speech into one daemon: resources flat, detections equal to replay's. Sampled 4 times
# a second: a fast host replays them in under 20 s, and the verdict needs at least 8 samples.
bash tools/soak.sh --hours 8 --piece-minutes 1 --interval 0.25 --out tools/out/soak-ci
mvn -B -ntp -f tools/trainer/pom.xml test
