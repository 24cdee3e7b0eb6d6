#!/usr/bin/env bash
# Proof that the daemon computes the same thing on the Pi's CPU: runs `replay` of one test stream with
# Debian's arm64 OpenJDK under qemu-aarch64 (Cortex-A72, the Raspberry Pi 4's core) and with the host's
# x86_64 Java, and compares the detections (stdout JSON lines) and every per-hop score (--scores CSV).
#
#   tools/arm64.sh [--model M] [--stream WAV] [--no-build] [--tests]
#
#   --model M    the model to replay with (default models/stop.tflite)
#   --stream W   a 16 kHz mono WAV instead of the generated one (tools/arm64/stream.sh)
#   --no-build   use target/wakeword.jar as it is instead of running `mvn package -DskipTests`
#   --tests      also run a subset of the unit tests on the arm64 JVM through Surefire (-Djvm=...):
#                features, trigger, resampler, WAV input, sd_notify through JNA, Pi4J outputs (about 1.5 min)
#
# Four variants: both feature paths (fixed, float) with the XNNPACK delegate and with TFLite's built-in
# kernels. With XNNPACK both paths must match bit for bit (checked: they do), else the script fails and
# prints the first differing line. TFLite's built-in int8 kernels take different optimized paths on x86 and
# arm64 and round differently (checked with three versions of models/stop.tflite: 0 to 20 of 1401 scores
# differ, by up to 0.043; the detections were the same): those differences are reported with their count
# and size, and fail the script only with ARM64_STRICT_ALL=1.
#
# Needs qemu-user, dpkg/apt (for the sysroot, see tools/arm64/sysroot.sh), sox, a JDK 17 and Maven.
# Environment: WAKEWORD_ARM64_SYSROOT (default target/arm64/sysroot), WAKEWORD_CACHE (downloaded .debs),
# WAKEWORD_DATA (the recordings, default ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."

model=models/stop.tflite
stream=""
build=1
tests=0
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model=${2:?--model needs a file}; shift 2 ;;
    --stream) stream=${2:?--stream needs a WAV file}; shift 2 ;;
    --no-build) build=0; shift ;;
    --tests) tests=1; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "arm64: unknown option '$1'; see tools/arm64.sh --help" >&2; exit 2 ;;
  esac
done

work=target/arm64
sysroot=${WAKEWORD_ARM64_SYSROOT:-$work/sysroot}
mkdir -p "$work"
[ -f "$model" ] || { echo "arm64: model $model not found; pass --model FILE.tflite (its .json beside it)" >&2; exit 2; }
command -v qemu-aarch64 >/dev/null || { echo "arm64: qemu-aarch64 not found; apt-get install qemu-user" >&2; exit 2; }

start=$(date +%s)
if [ "$build" -eq 1 ]; then mvn -q -B -ntp package -DskipTests; fi
[ -f target/wakeword.jar ] || { echo "arm64: target/wakeword.jar missing; drop --no-build" >&2; exit 2; }

tools/arm64/sysroot.sh "$sysroot"
sysroot=$(cd "$sysroot" && pwd)
# JavaCPP refuses native allocations once the process's RSS passes 4 x -Xmx; under qemu the RSS also holds
# qemu's translated code (about 200 MB), so that check is switched off for the emulated JVM only.
arm_java=("qemu-aarch64" -cpu cortex-a72 -L "$sysroot" "$sysroot/usr/lib/jvm/java-17-openjdk-arm64/bin/java"
          -Dorg.bytedeco.javacpp.maxPhysicalBytes=0)
host_java=(java)
# The systemd unit's heap and collector, so both runs are the daemon as shipped.
jvm_opts=(-Xmx48m -XX:+UseSerialGC)

if [ -z "$stream" ]; then
  stream=$work/stream.wav
  tools/arm64/stream.sh "$stream"
fi
echo "arm64: stream $stream ($(soxi -D "$stream") s), model $model"
echo "arm64: host $("${host_java[@]}" -version 2>&1 | head -n 1), arm64 $("${arm_java[@]}" -version 2>&1 | head -n 1)"

# first_diff A B: the first line where two files differ, with its number; nothing when they are equal.
first_diff() {
  awk 'NR == FNR { a[FNR] = $0; n = FNR; next }
       { if (!(FNR in a) || a[FNR] != $0) { printf "line %d:\n  x86:   %s\n  arm64: %s\n", FNR, (FNR in a) ? a[FNR] : "(end of file)", $0; found = 1; exit } }
       END { if (!found && FNR < n) printf "line %d:\n  x86:   %s\n  arm64: (end of file)\n", FNR + 1, a[FNR + 1] }' "$1" "$2"
}

# max_diff A B: the largest absolute difference between numeric fields in the same place of two CSVs.
max_diff() {
  paste -d '|' "$1" "$2" | awk -F'|' '
    { na = split($1, a, ","); split($2, b, ",");
      for (i = 1; i <= na; i++) if (a[i] ~ /^-?[0-9.eE+-]+$/ && b[i] ~ /^-?[0-9.eE+-]+$/) {
        d = a[i] - b[i]; if (d < 0) d = -d; if (d > m) { m = d; at = NR } } }
    END { printf "%g (line %d)\n", m, at }'
}

# Each variant: features path and TFLite kernels (XNNPACK delegate or TFLite's built-in kernels).
status=0
for variant in fixed-xnnpack float-xnnpack fixed-builtin float-builtin; do
  path=${variant%-*}
  kernels=${variant#*-}
  conf=$work/$kernels.conf
  printf 'tflite.xnnpack = %s\nlog.level = warn\n' "$([ "$kernels" = xnnpack ] && echo true || echo false)" >"$conf"
  for arch in x86 arm; do
    if [ "$arch" = x86 ]; then cmd=("${host_java[@]}"); else cmd=("${arm_java[@]}"); fi
    t0=$(date +%s)
    "${cmd[@]}" "${jvm_opts[@]}" -jar target/wakeword.jar replay "$stream" --config "$conf" --model "$model" \
      --features "$path" --scores "$work/$arch-$variant.csv" >"$work/$arch-$variant.jsonl" 2>"$work/$arch-$variant.log" || {
      echo "arm64: replay failed on $arch ($variant):" >&2; cat "$work/$arch-$variant.log" >&2; exit 1; }
    echo "arm64: $variant on $arch: $(wc -l <"$work/$arch-$variant.jsonl") detections," \
      "$(($(wc -l <"$work/$arch-$variant.csv") - 1)) scores, $(($(date +%s) - t0)) s"
  done
  d_detect=$(first_diff "$work/x86-$variant.jsonl" "$work/arm-$variant.jsonl")
  d_scores=$(first_diff "$work/x86-$variant.csv" "$work/arm-$variant.csv")
  if [ -z "$d_detect$d_scores" ]; then
    echo "arm64: $variant: detections and every score identical"
    continue
  fi
  differing=$(paste -d '|' "$work/x86-$variant.csv" "$work/arm-$variant.csv" | awk -F'|' '$1 != $2 { n++ } END { print n + 0 }')
  echo "arm64: $variant: $differing of $(($(wc -l <"$work/x86-$variant.csv") - 1)) scores differ;" \
    "largest difference $(max_diff "$work/x86-$variant.csv" "$work/arm-$variant.csv")"
  [ -n "$d_detect" ] && echo "arm64: $variant: detections differ at $d_detect"
  [ -n "$d_scores" ] && echo "arm64: $variant: scores differ at $d_scores"
  if [ "$kernels" = xnnpack ] || [ "${ARM64_STRICT_ALL:-0}" = 1 ]; then
    status=1
  else
    echo "arm64: $variant: reported, not failed (ARM64_STRICT_ALL=1 makes it fail)"
  fi
done

if [ "$tests" -eq 1 ]; then
  # Surefire forks whatever -Djvm names: a wrapper that runs the arm64 JVM under qemu.
  wrapper=$work/bin/java
  mkdir -p "$work/bin"
  printf '#!/bin/sh\nexec %s "$@"\n' "${arm_java[*]}" >"$wrapper"
  chmod +x "$wrapper"
  t0=$(date +%s)
  mvn -q -B -ntp surefire:test -Djvm="$PWD/$wrapper" \
    -Dtest='FrameAnalyzerTest,StreamingFrontendTest,TriggerPolicyTest,ResamplerTest,WavFileSourceTest,SystemdNotifierTest,Pi4jOutputTest,PinSwitchTest' \
    -Dsurefire.failIfNoSpecifiedTests=false || status=1
  echo "arm64: unit tests on the arm64 JVM: $(($(date +%s) - t0)) s"
fi

echo "arm64: done in $(($(date +%s) - start)) s: $([ $status -eq 0 ] && echo PASS || echo FAIL)"
exit $status
