#!/usr/bin/env bash
# The live daemon's own cost: `wakeword run` as the systemd unit starts it (its JVM options, the repository's
# config with the pin only logged), fed 16 kHz speech at real-time pace, and measured from /proc:
#   - CPU: utime + stime of the whole process over SECONDS after SETTLE seconds, and per thread (schedstat),
#     so what the daemon spends beyond the per-hop work shows by name (capture thread, JIT, GC, VM);
#   - the per-hop work for comparison: 50 hops a second of `bench`'s whole detector with the same kernels;
#   - RSS (sampled every 2 s while measuring) and VmHWM; seconds (wall and CPU) from launch to the "listening"
#     line: model loaded, input open; the first score follows one window (about 1 s) of audio later.
# Prints a Markdown section on stdout; tools/bench.sh puts it into BENCHMARKS.md.
#
#   tools/bench/live.sh [--input stdin|alsa] [--settle S] [--seconds S] [--chunk-ms MS] [--model M]
#                       [--xnnpack auto|true|false]
#
#   --input stdin   `run --input -`, fed raw S16_LE through a pipe as `arecord -t raw ... |` would (default)
#   --input alsa    `run` capturing from ALSA's default PCM through Java Sound, where ALSA's file plugin (the
#                   tests' src/test/resources/audio/alsa-test.conf) reads a FIFO that the pacer fills
#   --settle S      seconds after launch before measuring (default 120: start-up and the JIT compilers' work are
#                   over, which at 30 s they were not; a service runs for days, so the steady state is what counts)
#   --seconds S     seconds measured (default 60)
#   --chunk-ms MS   audio written per write, each at its real time (default 100; arecord writes one period
#                   per write, 125 ms at 16 kHz with its default buffer)
#   --model M       default models/stop.tflite (its .json beside it)
#   --xnnpack X     the config's tflite.xnnpack (default auto, as shipped): to compare the kernels live
#
# Also prints what one wake-up costs this machine with no Java at all (tools/bench/wakeup.c, when cc is there): the
# floor under any live path that wakes once per audio arrival.
#
# Needs target/wakeword.jar (mvn package), sox, and for --input alsa libasound2 (alsa-utils). Environment:
# WAKEWORD_DATA (the recordings for the test stream, see tools/arm64/stream.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

input=stdin
settle=120
seconds=60
chunk_ms=100
model=models/stop.tflite
xnnpack=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --input) input=${2:?--input needs stdin or alsa}; shift 2 ;;
    --settle) settle=${2:?}; shift 2 ;;
    --seconds) seconds=${2:?}; shift 2 ;;
    --chunk-ms) chunk_ms=${2:?}; shift 2 ;;
    --model) model=${2:?}; shift 2 ;;
    --xnnpack) xnnpack=${2:?--xnnpack needs auto, true or false}; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "live: unknown option '$1'; see tools/bench/live.sh --help" >&2; exit 2 ;;
  esac
done
case "$input" in stdin|alsa) ;; *) echo "live: --input must be stdin or alsa" >&2; exit 2 ;; esac
case "$xnnpack" in auto|true|false) ;; *) echo "live: --xnnpack must be auto, true or false" >&2; exit 2 ;; esac
jar=target/wakeword.jar
[ -f "$jar" ] || { echo "live: $jar missing: mvn -B -q package -DskipTests" >&2; exit 2; }
[ -f "$model" ] || { echo "live: model $model not found" >&2; exit 2; }
say() { echo "live: $*" >&2; }

work=target/bench/live-$input
mkdir -p "$work"
stream=target/bench/stream.wav
[ -f "$stream" ] || tools/arm64/stream.sh "$stream"
sox -D "$stream" -t raw -r 16000 -c 1 -b 16 -e signed-integer "$work/stream.raw"

unit_opts_text=$(tools/unit-jvm-opts.sh)  # a plain assignment, so set -e stops the script if it fails
mapfile -t unit_opts <<<"$unit_opts_text"
conf=$work/wakeword.conf
printf 'gpio.enabled = false\nmodel = %s\ninput = %s\ntflite.xnnpack = %s\n' "$PWD/$model" \
  "$([ "$input" = stdin ] && echo - || echo alsa)" "$xnnpack" >"$conf"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
pace=(java tools/bench/Pacer.java "$work/stream.raw" 16000 "$chunk_ms" $((settle + seconds + 10)))
started=$(date +%s%N)
if [ "$input" = stdin ]; then
  "${pace[@]}" | java "${unit_opts[@]}" -jar "$jar" run --config "$conf" >"$work/daemon.out" 2>&1 &
  pids+=($!)
  daemon=""
  for _ in $(seq 100); do daemon=$(pgrep -n -f "run --config $conf" || true); [ -n "$daemon" ] && break; sleep 0.1; done
else
  # The file plugin reads its infile in the capture thread's own read: a FIFO paces it like a sound card.
  # This shell holds the FIFO open both ways, so neither side sees it closed while Java Sound probes the
  # device, and the pacer starts once the line is open, so no backlog floods the capture buffer.
  fifo=$work/mic.fifo
  rm -f "$fifo"
  mkfifo "$fifo"
  exec 3<>"$fifo"
  ALSA_CONFIG_PATH=/usr/share/alsa/alsa.conf:$PWD/src/test/resources/audio/alsa-test.conf WAKE_TEST_AUDIO=$fifo \
    java "${unit_opts[@]}" -jar "$jar" run --config "$conf" >"$work/daemon.out" 2>&1 &
  daemon=$!
  for _ in $(seq 600); do grep -q '^INFO: capturing from' "$work/daemon.out" && break; sleep 0.05; done
  "${pace[@]}" >"$fifo" &
  pids+=($!)
fi
[ -n "$daemon" ] && pids+=("$daemon") || { echo "live: the daemon did not start" >&2; exit 1; }

listening=""
for _ in $(seq 600); do
  if grep -q '^INFO: listening:' "$work/daemon.out"; then
    listening=$(( ($(date +%s%N) - started) / 1000000 ))
    # CPU seconds to get there: on a machine shared with other work, the wall time mostly shows the others.
    listening_cpu=$(awk -v c="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / c }' "/proc/$daemon/stat")
    break
  fi
  kill -0 "$daemon" 2>/dev/null || { echo "live: the daemon exited:" >&2; cat "$work/daemon.out" >&2; exit 1; }
  sleep 0.05
done
[ -n "$listening" ] || { echo "live: no 'listening' line within 30 s" >&2; cat "$work/daemon.out" >&2; exit 1; }
kernels=$(sed -n 's/^INFO: listening:.*, \([a-z]*\) kernels).*/\1/p' "$work/daemon.out" | head -n 1)
say "$input: listening after $listening ms ($kernels kernels); settling for $settle s, then measuring $seconds s"

# thread id, CPU ns (schedstat), name
threads() { for t in /proc/"$daemon"/task/*; do
  printf '%s %s %s\n' "${t##*/}" "$(cut -d' ' -f1 "$t/schedstat")" "$(tr ' ' _ <"$t/comm")"; done 2>/dev/null | sort -k1,1; }
ticks() { awk '{ print $14 + $15 }' "/proc/$daemon/stat"; }
sleep "$(awk -v s="$settle" -v l="$listening" 'BEGIN { d = s - l / 1000; print (d > 0 ? d : 0) }')"
threads >"$work/threads0"
ticks0=$(ticks)
: >"$work/rss.txt"
for ((t = 0; t < seconds; t += 2)); do
  awk '/^VmRSS/ { print $2 }' "/proc/$daemon/status" >>"$work/rss.txt"
  sleep 2
done
ticks1=$(ticks)
threads >"$work/threads1"
hwm=$(awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$daemon/status")
jcmd "$daemon" GC.heap_info >"$work/heap.txt" 2>&1 || true
kill -TERM "$daemon"
wait "$daemon" 2>/dev/null || true
[ "$input" = alsa ] && exec 3>&-

clk=$(getconf CLK_TCK)
cpu=$(awk -v a="$ticks0" -v b="$ticks1" -v c="$clk" -v s="$seconds" 'BEGIN { printf "%.3f", 100 * (b - a) / c / s }')
rss=$(awk '{ if ($1 > m) m = $1 } END { printf "%.1f", m / 1024 }' "$work/rss.txt")
detections=$(grep -c 'detected "stop"' "$work/daemon.out" || true)
overruns=$(grep -c 'capture overrun' "$work/daemon.out" || true)

# The per-hop work with the same kernels, in this JVM and on this machine, for comparison.
say "per-hop work of the whole detector ($kernels kernels)"
java "${unit_opts[@]}" -jar "$jar" bench --model "$model" --audio "$stream" --hops 2000 --warmup 3000 \
  >"$work/perhop.md" 2>/dev/null
# CPU µs per hop of the whole detector with these kernels, from a bench table.
detector_us() { awk -F'|' -v id="total.float.$kernels" '{ gsub(/ /, "", $2) } $2 == id { gsub(/ /, "", $4); print $4 }' "$1"; }
hop_us=$(detector_us "$work/perhop.md")
hop_pct=$(awk -v u="$hop_us" 'BEGIN { printf "%.3f", u * 50 / 1e4 }')
# The same work, but the thread sleeps after each chunk as the daemon waits for its next read: what the hops cost
# when every chunk starts with a wake-up.
say "the same per-hop work, paced: a sleep after each $chunk_ms ms of audio"
java "${unit_opts[@]}" -jar "$jar" bench --model "$model" --audio "$stream" --stages "total.float.$kernels" \
  --hops 1500 --warmup 3000 --paced "$chunk_ms" >"$work/perhop-paced.md" 2>/dev/null
paced_us=$(detector_us "$work/perhop-paced.md")
paced_pct=$(awk -v u="$paced_us" 'BEGIN { printf "%.3f", u * 50 / 1e4 }')

echo "| $input, $chunk_ms ms writes | $cpu % | $hop_pct % ($hop_us µs x 50) | $(awk -v a="$cpu" -v b="$hop_pct" 'BEGIN { printf "%.3f", a - b }') % | $rss MB | $hwm MB | $(awk -v l="$listening" 'BEGIN { printf "%.2f", l / 1000 }') s ($listening_cpu s CPU) | $kernels | $detections | $overruns |"
echo
echo "The same per-hop work in \`bench\`, the thread sleeping $chunk_ms ms after each $chunk_ms ms of audio (\`bench --paced $chunk_ms\`):"
echo "$paced_us µs per hop, $paced_pct % of a core (back to back: $hop_us µs)."
if command -v cc >/dev/null; then
  cc -O2 -pthread -o "$work/wakeup" tools/bench/wakeup.c
  read -r _ pipe_us _ sleep_us _ cold_us _ hot_us < <("$work/wakeup" "$chunk_ms" 50 256)
  echo
  echo "This machine, no Java (\`tools/bench/wakeup.c $chunk_ms 50 256\`): a thread blocked on a pipe costs $pipe_us µs of CPU"
  echo "per wake-up ($sleep_us µs for a nanosleep), and reading 256 KB right after a wake-up costs $cold_us µs against"
  echo "$hot_us µs back to back: at one wake-up per $chunk_ms ms write, $(awk -v p="$pipe_us" -v c="$chunk_ms" 'BEGIN { printf "%.3f", p / c / 10 }') % of a core before any work."
fi
echo
echo "Per thread ($input), CPU over the $seconds s from /proc/<pid>/task/*/schedstat:"
echo
echo "| thread | CPU ms | % of one core |"
echo "|---|---:|---:|"
join -a 2 "$work/threads0" "$work/threads1" | awk -v s="$seconds" '
  { d = (NF == 5 ? $4 - $2 : $2); name = $NF; if (d >= 1e5) printf "| %s | %.1f | %.3f |\n", name, d / 1e6, d / 1e7 / s }' \
  | sort -t'|' -k3 -g -r
echo
echo "Heap at the end (\`jcmd <pid> GC.heap_info\`):"
echo
echo '```'
sed 's/\[0x[0-9a-f, x]*)//' "$work/heap.txt"
echo '```'
