#!/usr/bin/env bash
# The project's test command (README "Quick start"): the daemon's tests, then the training toolchain's.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp install
mvn -B -ntp -f tools/trainer/pom.xml test
