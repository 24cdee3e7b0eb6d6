#!/usr/bin/env bash
# Prints the JVM options of systemd/wakeword.service's ExecStart (heap, GC, code cache, the no-wake-up flags),
# one per line, leaving out those that name systemd's directories (%C): what the benchmarks and the soak run the
# daemon with, so their figures are the service's.
#
#   unit_opts_text=$(tools/unit-jvm-opts.sh); mapfile -t unit_opts <<<"$unit_opts_text"
set -euo pipefail
cd "$(dirname "$0")/.."
opts=$(sed -n 's/^ExecStart=//p' systemd/wakeword.service | tr ' ' '\n' | grep -E '^-X' || true)
[ -n "$opts" ] || { echo "unit-jvm-opts: no -X options in systemd/wakeword.service's ExecStart" >&2; exit 2; }
printf '%s\n' "$opts"
