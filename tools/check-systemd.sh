#!/usr/bin/env bash
# Checks the systemd unit offline (no running systemd needed; CI calls this):
#   1. `systemd-analyze verify` must print nothing at all: it exits 0 on unknown keys and
#      bad values and only warns, so any output counts as a failure.
#   2. `systemd-analyze security --offline=true` must rate the exposure at most 2.5.
# Usage: tools/check-systemd.sh [path/to/unit.service]
set -euo pipefail

unit="${1:-$(dirname "$0")/../systemd/wakeword.service}"
max_exposure="2.5"

if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "check-systemd: systemd-analyze not found; install systemd" >&2
    exit 2
fi
if [ ! -f "$unit" ]; then
    echo "check-systemd: no unit file at $unit" >&2
    exit 2
fi

if ! verify_out="$(systemd-analyze verify "$unit" 2>&1)" || [ -n "$verify_out" ]; then
    echo "check-systemd: FAIL: systemd-analyze verify $unit reported:" >&2
    printf '%s\n' "${verify_out:-(no output, non-zero exit: is the ExecStart binary missing?)}" >&2
    exit 1
fi
echo "check-systemd: verify: no findings"

# --threshold is the exposure times ten; parse the figure as well, to print it.
if ! security_out="$(systemd-analyze security --offline=true --threshold=25 "$unit" 2>&1)"; then
    printf '%s\n' "$security_out" >&2
    echo "check-systemd: FAIL: exposure above $max_exposure (or systemd-analyze security failed)" >&2
    exit 1
fi
exposure="$(printf '%s\n' "$security_out" | sed -n 's/^.*Overall exposure level for .*: \([0-9][0-9.]*\).*$/\1/p')"
if [ -z "$exposure" ]; then
    printf '%s\n' "$security_out" >&2
    echo "check-systemd: FAIL: could not read the exposure level" >&2
    exit 1
fi
if ! awk -v e="$exposure" -v m="$max_exposure" 'BEGIN { exit !(e + 0 <= m + 0) }'; then
    printf '%s\n' "$security_out" | grep -v '^✓' >&2
    echo "check-systemd: FAIL: exposure $exposure is above $max_exposure" >&2
    exit 1
fi
echo "check-systemd: security: exposure $exposure (limit $max_exposure)"
