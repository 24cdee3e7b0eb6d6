#!/usr/bin/env bash
# What `tflite.xnnpack = auto` and `tflite.threads` rest on: the model's cost per 20 ms hop with TFLite's
# built-in kernels and with XNNPACK, each with 1 and 2 interpreter threads,
#   - on this x86_64 machine: `bench`'s CPU time per hop, of the calling thread and of the whole process
#     (a second interpreter thread's work and spinning only show in the latter);
#   - on arm64 (Cortex-A72, the Pi 4's core): guest instructions per hop under qemu-aarch64, counted by
#     tools/bench/insn.c as the difference of two runs of different lengths (see BENCHMARKS.md).
# Prints a Markdown section on stdout; tools/bench.sh puts it into BENCHMARKS.md.
#
#   tools/bench/kernels.sh [--model M] [--no-qemu]
#
# Needs target/wakeword.jar, sox; for the arm64 part qemu-user, a C compiler and the sysroot of
# tools/arm64/sysroot.sh (WAKEWORD_ARM64_SYSROOT, default target/arm64/sysroot). Takes about 15 minutes on 2
# cores, most of it under qemu.
set -euo pipefail
cd "$(dirname "$0")/../.."

model=models/stop.tflite
qemu=1
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model=${2:?}; shift 2 ;;
    --no-qemu) qemu=0; shift ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "kernels: unknown option '$1'; see tools/bench/kernels.sh --help" >&2; exit 2 ;;
  esac
done
jar=target/wakeword.jar
[ -f "$jar" ] || { echo "kernels: $jar missing: mvn -B -q package -DskipTests" >&2; exit 2; }
say() { echo "kernels: $*" >&2; }
work=target/bench/kernels
mkdir -p "$work"
stream=target/bench/stream.wav
[ -f "$stream" ] || tools/arm64/stream.sh "$stream"
unit_opts_text=$(tools/unit-jvm-opts.sh)  # a plain assignment, so set -e stops the script if it fails
mapfile -t unit_opts <<<"$unit_opts_text"

# x86_64 (or whatever this machine is): one bench run per thread count, model stages only read back.
for threads in 1 2; do
  say "bench on $(uname -m), $threads thread(s)"
  java "${unit_opts[@]}" -jar "$jar" bench --model "$model" --audio "$stream" --hops 2000 --warmup 2000 \
    --threads "$threads" --stages model.builtin,model.xnnpack >"$work/host-$threads.md" 2>/dev/null
done
# column COLUMN STAGE THREADS: a figure of bench's table (3: thread CPU, 4: process CPU)
column() { awk -F'|' -v id="$2" -v c="$1" '{ gsub(/ /, "", $2) } $2 == id { gsub(/ /, "", $(c + 1)); print $(c + 1) }' "$work/host-$3.md"; }

count_rows=()
if [ "$qemu" -eq 1 ] && command -v qemu-aarch64 >/dev/null && command -v cc >/dev/null; then
  sysroot=${WAKEWORD_ARM64_SYSROOT:-target/arm64/sysroot}
  tools/arm64/sysroot.sh "$sysroot"
  cc -shared -fPIC -O2 -o "$work/insn.so" tools/bench/insn.c
  count() { # count STAGE THREADS HOPS: all guest instructions of a run, every thread
    qemu-aarch64 -cpu cortex-a72 -plugin "$work/insn.so,out=$work/insn.txt" -L "$sysroot" \
      "$sysroot/usr/lib/jvm/java-17-openjdk-arm64/bin/java" -Xbatch "${unit_opts[@]}" \
      -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar "$jar" bench --model "$model" --audio "$stream" \
      --only "$1" --threads "$2" --warmup 50 --hops "$3" >/dev/null 2>&1
    awk '$1 == "total" { print $2 }' "$work/insn.txt"
  }
  # A run's start-up varies by up to about 150 M instructions (JIT and GC timing): 1000 extra hops keep that
  # near a tenth of the difference. Two threads spin between hand-offs (under qemu far longer than on a
  # real core, so their count is an upper bound); 200 extra hops show it.
  for spec in model.builtin:1:1100 model.xnnpack:1:1100 model.builtin:2:300 model.xnnpack:2:300; do
    IFS=: read -r stage threads long <<<"$spec"
    say "counting arm64 instructions of $stage, $threads thread(s), under qemu"
    a=$(count "$stage" "$threads" 100)
    b=$(count "$stage" "$threads" "$long")
    count_rows+=("$stage $threads $(awk -v a="$a" -v b="$b" -v n="$((long - 100))" 'BEGIN { printf "%.0f", (b - a) / n }')")
  done
fi
# For tools/bench.sh's Pi estimate: "stage threads instructions-per-hop" per line.
printf '%s\n' ${count_rows[@]+"${count_rows[@]}"} >"$work/counts.txt"
insn() { awk -v s="$1" -v t="$2" '$1 == s && $2 == t { print $3 }' "$work/counts.txt"; }

echo "Per 20 ms hop, model stage only (quantize the new frame, copy the window, Invoke), $model."
echo
echo "| kernels | threads | $(uname -m): CPU µs, calling thread | $(uname -m): CPU µs, whole process | arm64 (Cortex-A72): instructions | Pi 4 estimate: share of one core |"
echo "|---|---:|---:|---:|---:|---:|"
for k in builtin xnnpack; do
  for t in 1 2; do
    n=$(insn "model.$k" "$t")
    awk -v k="$k" -v t="$t" -v a="$(column 3 "model.$k" "$t")" -v b="$(column 4 "model.$k" "$t")" -v n="$n" 'BEGIN {
      printf "| %s | %d | %s | %s | %s | %s |\n", (k == "builtin" ? "built-in" : "XNNPACK"), t, a, b,
        (n == "" ? "not counted" : sprintf("%.0f", n)),
        (n == "" ? "" : sprintf(t == 1 ? "%.2f %%" : "at most %.2f %% (spinning, see below)", n / 1500 / 200)) }'
  done
done
echo
echo "$(uname -m): \`java <unit options> -jar target/wakeword.jar bench --threads T --stages model.builtin,model.xnnpack --hops 2000 --warmup 2000\`."
echo "arm64: \`qemu-aarch64 -cpu cortex-a72 -plugin insn.so ... java -Xbatch <unit options> -jar target/wakeword.jar"
echo "bench --only model.K --threads T --warmup 50 --hops N\` for N = 100 and 1100 (2 threads: 100 and 300), the"
echo "difference divided by the extra hops. Share of one core: at 1.5 GHz and 1 instruction per cycle (see the Pi section)."
