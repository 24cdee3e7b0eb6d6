#!/usr/bin/env bash
# Measures the daemon and writes BENCHMARKS.md, all figures from this one run:
#   - per hop: each stage's CPU time and allocation (`wakeword bench`), for the shipped model and the baseline;
#   - the model's cost with each kind of TFLite kernels and thread count, here and on arm64 (tools/bench/kernels.sh);
#   - real-time factor (CPU seconds per audio second) of `replay` over one hour of audio, and of PocketSphinx
#     keyword spotting (the peer) on the same hour;
#   - the live daemon with the systemd unit's JVM options, fed speech in real time through stdin and through
#     ALSA: CPU per thread, RSS, heap, time to listening (tools/bench/live.sh);
#   - start-up time to the first inference;
#   - arm64 instructions per hop counted under qemu-aarch64 (Cortex-A72), for the Raspberry Pi 4 estimate.
#
#   tools/bench.sh [--no-build] [--no-qemu] [--out FILE]
#   tools/bench.sh --only live|kernels|replay [--no-build] [--no-qemu] [--out FILE]
#       just that part, as its Markdown section (on stdout unless --out), e.g. after changing the live path;
#       replay: the shipped default's `replay` of the hour against PocketSphinx (tools/bench/replay.sh)
#
# Needs a JDK 17, Maven, sox, pocketsphinx (pocketsphinx-en-us), and for the qemu part qemu-user and a C
# compiler. Takes about 40 minutes on 2 cores (kernels.sh and live.sh about 25 of them). Environment: WAKEWORD_DATA (the recordings, default
# ../shared/data), WAKEWORD_ARM64_SYSROOT, WAKEWORD_CACHE (see tools/arm64.sh).
set -euo pipefail
trap 'echo "bench: failed at line $LINENO: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/.."

build=1
qemu=1
out=BENCHMARKS.md
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --no-qemu) qemu=0; shift ;;
    --out) out=${2:?--out needs a file}; shift 2 ;;
    --only) only=${2:?--only needs live, kernels or replay}; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "bench: unknown option '$1'; see tools/bench.sh --help" >&2; exit 2 ;;
  esac
done

if [ -n "$only" ]; then
  [ "$build" -eq 1 ] && mvn -q -B -ntp package -DskipTests
  [ "$out" = BENCHMARKS.md ] && out=/dev/stdout
  case "$only" in
    live) { echo "## The live daemon"; echo; tools/bench/live.sh --input stdin; echo; tools/bench/live.sh --input alsa; } >"$out" ;;
    kernels) { echo "## Kernels and threads per CPU"; echo; tools/bench/kernels.sh $([ "$qemu" -eq 1 ] || echo --no-qemu); } >"$out" ;;
    replay) tools/bench/replay.sh >"$out" ;;
    *) echo "bench: --only takes live, kernels or replay" >&2; exit 2 ;;
  esac
  exit 0
fi

work=target/bench
mkdir -p "$work"
model=models/stop.tflite
baseline=models/baseline.tflite
[ -f "$model" ] || { echo "bench: $model not found: the shipped model is needed" >&2; exit 2; }
for tool in sox pocketsphinx_continuous /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found; apt-get install sox pocketsphinx pocketsphinx-en-us time" >&2; exit 2; }
done
say() { echo "bench: $*" >&2; }

if [ "$build" -eq 1 ]; then mvn -q -B -ntp package -DskipTests; fi
jar=target/wakeword.jar

# The JVM options of the systemd unit's ExecStart (heap, GC, code cache...), without its paths.
unit_opts_text=$(tools/unit-jvm-opts.sh)  # a plain assignment, so set -e stops the script if it fails
mapfile -t unit_opts <<<"$unit_opts_text"
say "unit JVM options: ${unit_opts[*]}"

# ---------------------------------------------------------------- inputs
stream=$work/stream.wav
tools/arm64/stream.sh "$stream"
hour=$work/hour.wav
tools/bench/hour.sh "$hour"
hour_s=$(soxi -D "$hour" | awk '{ printf "%.0f", $1 }')

# A model's audio at its own rate (the baseline may use 8 kHz).
rate_of() { sed -n 's/.*"sample_rate": *\([0-9]*\).*/\1/p' "${1%.tflite}.json" | head -n 1; }
audio_for() {
  local rate; rate=$(rate_of "$1")
  if [ "$rate" = 16000 ]; then echo "$stream"; return; fi
  sox -D "$stream" -r "$rate" "$work/stream-$rate.wav"
  echo "$work/stream-$rate.wav"
}

models=("$model")
if [ -f "$baseline" ]; then models+=("$baseline"); else say "$baseline not found: no baseline figures"; fi

# ---------------------------------------------------------------- per hop
for m in "${models[@]}"; do
  name=$(basename "$m" .tflite)
  say "per-hop bench of $name"
  java "${unit_opts[@]}" -jar "$jar" bench --model "$m" --audio "$(audio_for "$m")" >"$work/perhop-$name.md" 2>"$work/perhop-$name.log"
done

# ---------------------------------------------------------------- start-up
# Wall time of a whole `replay` of 1.2 s of audio: JVM start, config, model load, the first window scored
# (after 1 s of audio), exit. Median of five with JavaCPP's native cache filled, and once with an empty one
# (the first start after installing).
sox -D "$stream" "$work/short.wav" trim 0 1.2
replay_wall() { # replay_wall CACHEDIR: prints the wall seconds and the CPU seconds
  /usr/bin/time -f '%e %U %S' -o "$work/time.txt" java "${unit_opts[@]}" -Dorg.bytedeco.javacpp.cachedir="$1" -jar "$jar" \
    replay "$work/short.wav" --model "$model" --config config/wakeword.conf >/dev/null 2>&1
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$work/time.txt"
}
rm -rf "$work/javacpp-cold"
read -r startup_cold startup_cold_cpu < <(replay_wall "$work/javacpp-cold")
read -r startup_warm startup_warm_cpu < <(for i in 1 2 3 4 5; do replay_wall "$work/javacpp-cold"; done | sort -n | sed -n 3p)

# ---------------------------------------------------------------- real-time factor over the hour
# cpu_of TIMEFILE: user+sys seconds; rss_of: max RSS in MB (from /usr/bin/time -f '%U %S %e %M').
rtf_rows=()
replay_hour() { # replay_hour MODEL FEATURES XNNPACK
  local conf=$work/rtf-$3.conf name; name=$(basename "$1" .tflite)
  printf 'tflite.xnnpack = %s\nlog.level = warn\n' "$3" >"$conf"
  say "replay of the hour: $name, $2 features, xnnpack=$3"
  /usr/bin/time -f '%U %S %e %M' -o "$work/time.txt" java "${unit_opts[@]}" -jar "$jar" replay "$hour" \
    --config "$conf" --model "$1" --features "$2" >"$work/hour-$name-$2-$3.jsonl"
  read -r user sys wall rss <"$work/time.txt"
  rtf_rows+=("$(awk -v n="$name" -v f="$2" -v x="$3" -v u="$user" -v s="$sys" -v w="$wall" -v r="$rss" -v h="$hour_s" \
    -v d="$(wc -l <"$work/hour-$name-$2-$3.jsonl")" \
    'BEGIN { printf "| wakeword replay, %s, %s features, %s | %.1f | %.1f | %.5f | %.0f | %d |", n, f,
             (x == "true" ? "XNNPACK" : "built-in kernels"), u + s, w, (u + s) / h, r / 1024, d }')")
  echo "$user $sys"
}
for x in true false; do
  for f in fixed float; do replay_hour "$model" "$f" "$x" >/dev/null; done
done
if [ -f "$baseline" ]; then
  for x in true false; do replay_hour "$baseline" float "$x" >/dev/null; done
fi

say "PocketSphinx keyword spotting over the hour"
/usr/bin/time -v -o "$work/ps-time.txt" pocketsphinx_continuous -infile "$hour" -keyphrase stop -kws_threshold 1e-20 \
  -time yes -logfn /dev/null >"$work/ps.txt" 2>/dev/null
ps_user=$(sed -n 's/.*User time (seconds): //p' "$work/ps-time.txt")
ps_sys=$(sed -n 's/.*System time (seconds): //p' "$work/ps-time.txt")
ps_wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/ps-time.txt" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
ps_rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/ps-time.txt")
ps_hits=$(grep -c '^stop ' "$work/ps.txt" || true)
ps_cpu=$(awk -v u="$ps_user" -v s="$ps_sys" 'BEGIN { print u + s }')
rtf_rows+=("$(awk -v u="$ps_cpu" -v w="$ps_wall" -v r="$ps_rss" -v h="$hour_s" -v d="$ps_hits" \
  'BEGIN { printf "| PocketSphinx 5prealpha KWS, keyphrase stop, threshold 1e-20 | %.1f | %.1f | %.5f | %.0f | %d |", u, w, u / h, r / 1024, d }')")

# ---------------------------------------------------------------- kernels, and the live daemon
say "kernels and threads"
tools/bench/kernels.sh --model "$model" $([ "$qemu" -eq 1 ] || echo --no-qemu) >"$work/kernels.md"
say "the live daemon through stdin and through ALSA"
tools/bench/live.sh --input stdin --model "$model" >"$work/live-stdin.md"
tools/bench/live.sh --input alsa --model "$model" >"$work/live-alsa.md"
live_of() { awk -F'|' -v c="$2" 'NR == 1 { gsub(/^ +| +$/, "", $(c + 1)); print $(c + 1) }' "$work/live-$1.md"; }

# ---------------------------------------------------------------- arm64 instructions per hop (qemu)
insn_rows=()
if [ "$qemu" -eq 1 ] && command -v qemu-aarch64 >/dev/null && command -v cc >/dev/null; then
  sysroot=${WAKEWORD_ARM64_SYSROOT:-target/arm64/sysroot}
  tools/arm64/sysroot.sh "$sysroot"
  cc -shared -fPIC -O2 -o "$work/insn.so" tools/bench/insn.c
  count() { # count STAGE WARMUP HOPS: total guest instructions of a run
    qemu-aarch64 -cpu cortex-a72 -plugin "$work/insn.so,out=$work/insn.txt" -L "$sysroot" \
      "$sysroot/usr/lib/jvm/java-17-openjdk-arm64/bin/java" -Xbatch "${unit_opts[@]}" \
      -Dorg.bytedeco.javacpp.maxPhysicalBytes=0 -jar "$jar" bench --model "$model" --audio "$stream" \
      --only "$1" --warmup "$2" --hops "$3" >/dev/null 2>&1
    awk '$1 == "total" { print $2 }' "$work/insn.txt"
  }
  # The difference of two runs that differ only in the number of measured hops: start-up, JIT warm-up
  # (-Xbatch compiles in the foreground, during the warm-up) and exit cancel out.
  for spec in frontend.float:6000:500:2500 frontend.fixed:6000:500:2500; do
    IFS=: read -r stage warm short long <<<"$spec"
    say "counting arm64 instructions of $stage under qemu"
    a=$(count "$stage" "$warm" "$short")
    b=$(count "$stage" "$warm" "$long")
    insn_rows+=("$stage $(awk -v a="$a" -v b="$b" -v n="$((long - short))" 'BEGIN { printf "%.0f", (b - a) / n }')")
  done
  # The model's, one interpreter thread, as tools/bench/kernels.sh counted them above.
  mapfile -t -O "${#insn_rows[@]}" insn_rows < <(awk '$2 == 1 { print $1 " " $3 }' "$work/kernels/counts.txt")

  # The peer on the same CPU: Debian's arm64 PocketSphinx (its own sysroot, the en-us model read from the
  # host's /usr/share through qemu's -L fallback), 30 s and 90 s of the hour, per audio second.
  say "counting arm64 instructions of PocketSphinx under qemu"
  ps_sysroot=$work/ps-sysroot
  tools/arm64/sysroot.sh "$ps_sysroot" pocketsphinx:arm64 libpocketsphinx3:arm64 libsphinxbase3:arm64 libblas3:arm64 \
    liblapack3:arm64 libgfortran5:arm64 libpulse0:arm64 libasyncns0:arm64 libdbus-1-3:arm64 libsystemd0:arm64 \
    libcap2:arm64 libgcrypt20:arm64 libgpg-error0:arm64 liblz4-1:arm64 liblzma5:arm64 libzstd1:arm64 libsndfile1:arm64 \
    libflac12:arm64 libogg0:arm64 libvorbis0a:arm64 libvorbisenc2:arm64 libopus0:arm64 libmpg123-0:arm64 \
    libmp3lame0:arm64 libx11-6:arm64 libx11-xcb1:arm64 libxcb1:arm64 libxau6:arm64 libxdmcp6:arm64 libbsd0:arm64 \
    libmd0:arm64 libc6:arm64 libgcc-s1:arm64
  # dpkg's postinst would register BLAS and LAPACK as alternatives; dpkg -x does not.
  ln -sf blas/libblas.so.3 "$ps_sysroot/usr/lib/aarch64-linux-gnu/libblas.so.3"
  ln -sf lapack/liblapack.so.3 "$ps_sysroot/usr/lib/aarch64-linux-gnu/liblapack.so.3"
  ps_count() {
    sox -D "$hour" "$work/ps-$1.wav" trim 0 "$1"
    qemu-aarch64 -cpu cortex-a72 -plugin "$work/insn.so,out=$work/insn.txt" -L "$ps_sysroot" \
      "$ps_sysroot/usr/bin/pocketsphinx_continuous" -infile "$work/ps-$1.wav" -keyphrase stop -kws_threshold 1e-20 \
      -time yes -logfn /dev/null >/dev/null
    awk '$1 == "total" { print $2 }' "$work/insn.txt"
  }
  a=$(ps_count 30)
  b=$(ps_count 90)
  ps_insn_per_s=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.0f", (b - a) / 60 }')
else
  say "skipping the qemu instruction counts"
fi

# ---------------------------------------------------------------- BENCHMARKS.md
cpu_id(){ sed -n 's/^Model name: *//p' < <(lscpu) | head -n 1; }
perhop() { awk -F'|' -v id="$2" '{ gsub(/ /, "", $2) } $2 == id { gsub(/ /, "", $4); print $4 }' "$work/perhop-$1.md"; }
rtf_of() { printf '%s\n' "${rtf_rows[@]}" | grep -F "$1" | awk -F'|' '{ gsub(/ /, "", $5); print $5 }'; }
ps_rtf=$(awk -v c="$ps_cpu" -v h="$hour_s" 'BEGIN { printf "%.5f", c / h }')
{
  echo "# Benchmarks"
  echo
  echo "Written by \`tools/bench.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)'),"
  echo "every figure from that one run. Machine: $(cpu_id), $(nproc) cores, shared with other work (load average"
  echo "at the end: $(cut -d' ' -f1-3 /proc/loadavg)); $(java -version 2>&1 | head -n 1)."
  echo "JVM options (from systemd/wakeword.service): \`${unit_opts[*]}\`."
  for m in "${models[@]}"; do
    echo "Model $m: version $(sed -n 's/^  "version": *"\(.*\)",/\1/p' "${m%.tflite}.json"), $(stat -c %s "$m") bytes."
  done
  echo
  echo "## Targets"
  echo
  echo "| target | measured | verdict |"
  echo "|---|---|---|"
  awk -v ps="$ps_rtf" -v ours="$(rtf_of 'stop, float features, XNNPACK')" -v ours2="$(rtf_of 'stop, float features, built-in')" 'BEGIN {
    printf "| real-time factor at least 4x lower than PocketSphinx | %.1fx lower with XNNPACK (%s vs %s); %.1fx with the built-in kernels (%s) | %s |\n",
      ps / ours, ours, ps, ps / ours2, ours2, (ps / ours >= 4 ? "met with XNNPACK" : "NOT met") (ps / ours2 >= 4 ? ", met without" : ", not met without") }'
  if [ -n "${ps_insn_per_s:-}" ]; then
    awk -v p="$ps_insn_per_s" -v a="$(printf '%s\n' "${insn_rows[@]}" | awk '$1 == "frontend.float" { print $2 }')" \
      -v x="$(printf '%s\n' "${insn_rows[@]}" | awk '$1 == "model.xnnpack" { print $2 }')" \
      -v b="$(printf '%s\n' "${insn_rows[@]}" | awk '$1 == "model.builtin" { print $2 }')" 'BEGIN {
      rx = p / (50 * (a + x)); rb = p / (50 * (a + b));
      printf "| the same on the Pi 4 (arm64 instructions per audio second, counted under qemu; float features) | %.2fx fewer with XNNPACK, %.2fx with the built-in kernels | %s |\n",
        rx, rb, (rx >= 4 || rb >= 4 ? "met" : "NOT met by instruction count (see the Pi section)") }'
  fi
  awk -v s="$(live_of stdin 2)" -v a="$(live_of alsa 2)" -v h="$(live_of stdin 3)" 'BEGIN { printf "| live daemon fed 16 kHz audio in real time through stdin: at most 0.2 %% of one core over a minute | %s (ALSA: %s); the per-hop work alone is %s | %s |\n", s, a, h, (s + 0 <= 0.2 ? "met" : "NOT met") }'
  awk -v r="$(live_of stdin 5)" -v h="$(live_of stdin 6)" -v ar="$(live_of alsa 5)" -v ah="$(live_of alsa 6)" 'BEGIN { printf "| RSS at most 128 MB | live through stdin %s at most over the minute, %s peak; through ALSA %s, %s peak | %s |\n", r, h, ar, ah, (h + 0 <= 128 && ah + 0 <= 128 ? "met" : "NOT met") }'
  awk -v c="$startup_cold" -v w="$startup_warm" 'BEGIN { printf "| start-up to first inference at most 2 s | %.2f s (%.2f s on the very first start, unpacking the natives) | %s |\n", w, c, (c <= 2 ? "met" : (w <= 2 ? "met once installed" : "NOT met")) }'
  echo
  echo "## Per hop (one 20 ms hop: frontend, model, trigger)"
  echo
  echo "\`java ${unit_opts[*]} -jar target/wakeword.jar bench --model M --audio $stream\` (10 000 hops per stage after 5 000 warm-up hops;"
  echo "CPU is the thread's CPU time, robust against other processes; the wall-time columns are not)."
  for m in "${models[@]}"; do
    echo
    echo "### $(basename "$m")"
    echo
    cat "$work/perhop-$(basename "$m" .tflite).md"
  done
  echo
  echo "Allocation: the last column is ThreadMXBean.getThreadAllocatedBytes over the measured hops divided by"
  echo "their number; 0 means the steady-state hot path allocates nothing."
  echo
  echo "## Real-time factor over one hour of audio"
  echo
  echo "\`$hour\`: $hour_s s, the test stream (tools/arm64/stream.sh) and 20 LibriSpeech files, looped with sox."
  echo "CPU is user + system seconds of the whole process (\`/usr/bin/time\`), JVM start-up included;"
  echo "real-time factor = CPU seconds / audio seconds (lower is better)."
  echo
  echo "| what | CPU s | wall s | real-time factor | max RSS MB | detections |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rtf_rows[@]}"
  echo
  echo "PocketSphinx: \`pocketsphinx_continuous -infile $hour -keyphrase stop -kws_threshold 1e-20 -time yes -logfn /dev/null\`"
  echo "under \`/usr/bin/time -v\`. Detections are not comparable as accuracy here (no labels over the loop); see"
  echo "models/REPORT.md for accuracy."
  echo
  echo "## Kernels and threads per CPU"
  echo
  cat "$work/kernels.md"
  echo
  echo "## The live daemon"
  echo
  echo "\`tools/bench/live.sh --input stdin|alsa\`: \`java ${unit_opts[*]} -jar target/wakeword.jar run\` with the"
  echo "repository's config (pin only logged, kernels auto), fed the test stream in real time by \`tools/bench/Pacer.java\`"
  echo "(100 ms per write, looped), measured over 60 s after 30 s: CPU is utime + stime of the process from /proc."
  echo "Through stdin it reads a pipe (\`--input -\`); through ALSA it captures ALSA's default PCM with Java Sound, made"
  echo "by the file plugin (src/test/resources/audio/alsa-test.conf) over a FIFO that the pacer fills. The per-hop work"
  echo "is 50 hops a second of \`bench\`'s whole detector with the same kernels; what the live daemon spends beyond it"
  echo "is the next column."
  echo
  echo "| input | CPU, % of one core | per-hop work | beyond the per-hop work | RSS max | VmHWM | listening after | kernels | detections | overrun reports |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"
  head -n 1 "$work/live-stdin.md"
  head -n 1 "$work/live-alsa.md"
  tail -n +2 "$work/live-stdin.md"
  tail -n +2 "$work/live-alsa.md" | sed '/^Heap at the end/,$d'
  echo
  echo "## Start-up to the first inference"
  echo
  echo "- \`replay\` of 1.2 s of audio (JVM start, config, model load, first window scored, exit), wall time:"
  echo "  $startup_warm s (median of 5; $startup_warm_cpu s of CPU, JIT threads included), $startup_cold s with an"
  echo "  empty JavaCPP cache (the first start after installing, which unpacks the natives)."
  echo "- Inside the JVM (\`bench\`): $(grep -o 'at the first inference[^:]*: [0-9]* ms' "$work/perhop-stop.md" | sed 's/.*: //') of JVM uptime at the first"
  echo "  scored window, model loaded with XNNPACK; $(grep -o "main: [0-9]* ms" "$work/perhop-stop.md" | sed 's/main: //') of it before main()."
  echo
  echo "## Raspberry Pi 4 estimate"
  echo
  if [ ${#insn_rows[@]} -gt 0 ]; then
    echo "Timing under qemu says nothing about a real Cortex-A72 (qemu translates every instruction). What it does"
    echo "tell exactly is how many arm64 instructions the Pi would execute: \`tools/bench/insn.c\`, a qemu plugin,"
    echo "counts the guest instructions of \`bench --only STAGE\` under \`qemu-aarch64 -cpu cortex-a72\` with Debian's"
    echo "arm64 OpenJDK (tools/arm64/sysroot.sh), C2-compiled code and TFLite's arm64 kernels as on the Pi; the"
    echo "difference of two runs of different lengths, divided by the extra hops, is the count per hop."
    echo
    echo "Assumption (not measured): the Cortex-A72 in the Pi 4 runs at 1.5 GHz and retires 1.0 instruction per"
    echo "cycle on this code (a dual-issue out-of-order core; 0.7 to 1.5 is the plausible range, so the times"
    echo "below may be up to 1.4x longer or 1.5x shorter)."
    echo
    echo "| stage | arm64 instructions per hop | estimated µs per hop on a Pi 4 | share of one core (20 ms hop) |"
    echo "|---|---:|---:|---:|"
    for r in "${insn_rows[@]}"; do
      read -r stage n <<<"$r"
      awk -v s="$stage" -v n="$n" 'BEGIN { us = n / 1500; printf "| %s | %d | %.0f | %.2f %% |\n", s, n, us, us / 200 }'
    done
    get() { printf '%s\n' "${insn_rows[@]}" | awk -v s="$1" '$1 == s { print $2 }'; }
    for combo in "float xnnpack" "fixed xnnpack" "float builtin" "fixed builtin"; do
      read -r f k <<<"$combo"
      awk -v f="$f" -v k="$k" -v a="$(get "frontend.$f")" -v b="$(get "model.$k")" 'BEGIN { us = (a + b) / 1500;
        printf "| **frontend.%s + model.%s**%s | %d | %.0f | **%.1f %% of one core, %.2f %% of the Pi'"'"'s four** |\n", f, k,
          (f == "float" && k == "builtin" ? " (the Pi'"'"'s default)" : ""), a + b, us, us / 200, us / 800 }'
    done
    echo
    echo "The trigger's cost is a few dozen instructions per hop and is left out; so are the capture thread and"
    echo "GC, which the x86 daemon figure above includes."
    echo
    echo "Against the peer on the same CPU, in arm64 instructions per second of audio (50 hops), from the same"
    echo "counter; PocketSphinx is Debian's arm64 build, counted over 30 s and 90 s of the hour:"
    echo
    echo "| what | arm64 instructions per audio second | estimated Pi 4 real-time factor | PocketSphinx / this |"
    echo "|---|---:|---:|---:|"
    for combo in "float xnnpack" "fixed xnnpack" "float builtin" "fixed builtin"; do
      read -r f k <<<"$combo"
      awk -v f="$f" -v k="$k" -v a="$(get "frontend.$f")" -v b="$(get "model.$k")" -v p="$ps_insn_per_s" 'BEGIN { n = 50 * (a + b);
        printf "| wakeword, %s features, %s | %.1f M | %.3f | %.2fx |\n", f, k, n / 1e6, n / 1.5e9, p / n }'
    done
    awk -v p="$ps_insn_per_s" 'BEGIN { printf "| PocketSphinx KWS | %.1f M | %.3f | 1 |\n", p / 1e6, p / 1.5e9 }'
    echo
    echo "Instruction counts compare the work, not the time: TFLite's kernels are mostly NEON instructions"
    echo "(several bytes each), PocketSphinx mostly scalar code, so the time ratio on a real A72 can differ."
  else
    echo "Not measured in this run (qemu-user or a C compiler missing, or --no-qemu)."
  fi
} >"$out"
say "wrote $out"
