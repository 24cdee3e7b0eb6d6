#!/usr/bin/env bash
# Per-hop cost of a model's streaming form against its window form (the same manifest, the same weights):
#   - x86_64: `wakeword bench` (thread CPU time per hop, 10 000 hops after 5 000 warm-up hops), every stage;
#   - arm64: instructions per hop of `bench --only STAGE` (the float frontend and both forms with both kernel
#     sets) under qemu-aarch64 (Cortex-A72), counted as tools/bench.sh counts them.
# Prints a Markdown section for BENCHMARKS.md on stdout.
#
#   tools/bench/streaming.sh [--model M] [--no-build] [--no-qemu]
#
# Needs what tools/bench.sh needs for its per-hop and qemu parts (JDK 17, Maven, sox, qemu-user, a C compiler).
set -euo pipefail
cd "$(dirname "$0")/../.."

model=models/stop.tflite
build=1
qemu=1
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model=${2:?--model needs a file}; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-qemu) qemu=0; shift ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "streaming: unknown option '$1'; see tools/bench/streaming.sh --help" >&2; exit 2 ;;
  esac
done
manifest=${model%.tflite}.json
grep -q '"streaming"' "$manifest" || { echo "streaming: $manifest has no streaming form (train with tools/train)" >&2; exit 2; }
say() { echo "streaming: $*" >&2; }

work=target/bench
mkdir -p "$work"
if [ "$build" -eq 1 ]; then mvn -q -B -ntp package -DskipTests >&2; fi
jar=target/wakeword.jar
unit_opts_text=$(tools/unit-jvm-opts.sh)  # a plain assignment, so set -e stops the script if it fails
mapfile -t unit_opts <<<"$unit_opts_text"
stream=$work/stream.wav
[ -f "$stream" ] || tools/arm64/stream.sh "$stream"

say "x86_64 per-hop bench of $model"
java "${unit_opts[@]}" -jar "$jar" bench --model "$model" --audio "$stream" >"$work/streaming-perhop.md"
cpu() { awk -F'|' -v s="$1" '{ gsub(/ /, "", $2) } $2 == s { gsub(/ /, "", $4); print $4 }' "$work/streaming-perhop.md"; }

declare -A insn
if [ "$qemu" -eq 1 ]; then
  sysroot=${WAKEWORD_ARM64_SYSROOT:-target/arm64/sysroot}
  tools/arm64/sysroot.sh "$sysroot"
  cc -shared -fPIC -O2 -o "$work/insn.so" tools/bench/insn.c
  count() { # count STAGE WARMUP HOPS: total guest instructions of a run
    qemu-aarch64 -cpu cortex-a72 -plugin "$work/insn.so,out=$work/insn-streaming.txt" -L "$sysroot" \
      "$sysroot/usr/lib/jvm/java-17-openjdk-arm64/bin/java" -Xbatch "${unit_opts[@]}" \
      -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar "$jar" bench --model "$model" --audio "$stream" \
      --only "$1" --warmup "$2" --hops "$3" >/dev/null 2>&1
    awk '$1 == "total" { print $2 }' "$work/insn-streaming.txt"
  }
  # As tools/bench.sh: the difference of two runs that differ only in the number of measured hops. The streaming
  # model gets the frontend's 6000 warm-up hops and a difference of 10 000 hops: its per-hop count is small beside
  # what the JVM's other threads do meanwhile, which moved it by up to 1.7x between runs over 2000 hops.
  for spec in frontend.float:6000:500:2500 model.builtin:6000:500:10500 model.xnnpack:6000:500:10500 \
      model.window.builtin:50:100:300 model.window.xnnpack:50:100:300; do
    IFS=: read -r stage warm short long <<<"$spec"
    say "counting arm64 instructions of $stage under qemu"
    a=$(count "$stage" "$warm" "$short")
    b=$(count "$stage" "$warm" "$long")
    insn[$stage]=$(awk -v a="$a" -v b="$b" -v n="$((long - short))" 'BEGIN { printf "%.0f", (b - a) / n }')
  done
fi

# A Pi 4 core at 1.5 GHz retiring 1 instruction per cycle (tools/bench.sh's assumption): 30 M instructions per hop.
row() { # row LABEL X86_US INSN
  awk -v l="$1" -v c="$2" -v n="$3" 'BEGIN {
    if (n == "") printf "| %s | %s | not counted | |\n", l, c;
    else printf "| %s | %s | %d | %.2f %% |\n", l, c, n, n / 1500 / 200 }'
}
echo "| what | x86_64 CPU µs per hop | arm64 instructions per hop | estimated share of one Pi 4 core |"
echo "|---|---:|---:|---:|"
for k in builtin xnnpack; do
  kn=$([ "$k" = builtin ] && echo "built-in kernels" || echo "XNNPACK")
  row "model, streaming, $kn" "$(cpu "model.$k")" "${insn[model.$k]:-}"
  row "model, window, $kn" "$(cpu "model.window.$k")" "${insn[model.window.$k]:-}"
done
row "frontend, float" "$(cpu frontend.float)" "${insn[frontend.float]:-}"
for k in builtin xnnpack; do
  kn=$([ "$k" = builtin ] && echo "built-in kernels" || echo "XNNPACK")
  f=${insn[frontend.float]:-}
  m=${insn[model.$k]:-}
  row "**frontend (float) + streaming model, $kn**" "$(cpu "total.float.$k") (whole detector)" \
    "$([ -n "$f" ] && [ -n "$m" ] && echo $((f + m)))"
done
echo
echo "Every stage of \`bench\` on x86_64 for this model:"
echo
sed -n '/^| stage/,$p' "$work/streaming-perhop.md"
