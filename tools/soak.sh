#!/usr/bin/env bash
# Soak test: one daemon process ("wakeword run --input -", the systemd unit's JVM options, GPIO only logged)
# fed hours of audio as fast as it takes it: a piece of real speech built from the shared data
# (tools/soak/make-piece.sh), looped. Samples the process's RSS, Java heap, threads and open files while it
# runs, then checks that they stay flat and that every detection equals one of the piece replayed alone
# ("wakeword replay piece.wav"), shifted by whole loops.
#
#   tools/soak.sh [--hours H | --minutes M] [--piece-minutes P] [--interval S] [--seam-margin S] [--out DIR]
#                 [--model FILE.tflite]
#
#   full run:  tools/soak.sh --hours 24        (about 5 min on a 2-core x86 machine with the streaming model: about 300x real time)
#   CI run:    tools/soak.sh --hours 8 --piece-minutes 1 --interval 0.25   (17 s to 2 min, by host; tools/test.sh)
#
# Results go to tools/out/soak/ (or --out): samples.csv, daemon.log, gc.log, replay.jsonl, report.txt.
# Exit status: 0 when the verdict is PASS (or the shared data is absent: skipped), 1 on FAIL.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

minutes=$((24 * 60))
piece_minutes=10
interval=5
seam_margin=1.5
out=tools/out/soak
model=$repo/models/stop.tflite
while [ $# -gt 0 ]; do
  case "$1" in
    --hours) minutes=$(( $2 * 60 )); shift 2 ;;
    --minutes) minutes=$2; shift 2 ;;
    --piece-minutes) piece_minutes=$2; shift 2 ;;
    --interval) interval=$2; shift 2 ;;
    --seam-margin) seam_margin=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --model) model=$(realpath "$2"); shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "soak: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

data=${WAKEWORD_DATA:-$repo/../shared/data}
if [ ! -d "$data/speech_commands" ]; then
  echo "soak: skipped: the shared data is absent at $data (set WAKEWORD_DATA)"
  exit 0
fi
[ -f "$model" ] || { echo "soak: the shipped model $model is missing" >&2; exit 1; }
jar=$repo/target/wakeword.jar
[ -f "$jar" ] || mvn -q -B -ntp package -DskipTests
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The piece, rebuilt only when its length changed.
if [ ! -f "$out/piece.raw" ] || [ "$(cat "$out/piece.minutes" 2>/dev/null)" != "$piece_minutes" ]; then
  tools/soak/make-piece.sh "$data" "$out" "$piece_minutes"
  echo "$piece_minutes" > "$out/piece.minutes"
fi
piece_bytes=$(stat -c %s "$out/piece.raw")
piece_seconds=$(( piece_bytes / 32000 ))
loops=$(( (minutes * 60 + piece_seconds - 1) / piece_seconds ))

cat > "$out/soak.conf" <<EOF
# Written by tools/soak.sh: the shipped model, stdin input, GPIO only logged.
model = $model
input = -
gpio.enabled = false
log.level = info
EOF

unit_opts_text=$(tools/unit-jvm-opts.sh)  # a plain assignment, so set -e stops the script if it fails
mapfile -t unit_opts <<<"$unit_opts_text"
echo "soak: JVM options from systemd/wakeword.service: ${unit_opts[*]}"

echo "soak: replaying the piece alone (${piece_seconds} s)"
java "${unit_opts[@]}" -jar "$jar" replay "$out/piece.wav" --config "$out/soak.conf" > "$out/replay.jsonl" 2> "$out/replay.log"

echo "soak: $loops loops of the piece = $(( loops * piece_seconds / 3600 )) h $(( loops * piece_seconds % 3600 / 60 )) min of audio into one daemon; sampling every ${interval} s"
rm -f "$out/feed.fifo" "$out/gc.log"
mkfifo "$out/feed.fifo"
java "${unit_opts[@]}" -Xlog:gc:file="$out/gc.log":uptime -jar "$jar" run --config "$out/soak.conf" --input - \
  < "$out/feed.fifo" > "$out/daemon.log" 2> "$out/daemon.err" &
pid=$!
started=$(date +%s.%N)
( for ((i = 0; i < loops; i++)); do cat "$out/piece.raw"; done ) > "$out/feed.fifo" &
feeder=$!
trap 'kill $pid $feeder 2>/dev/null || true' EXIT

# Attach once before the first sample: jcmd's first attach starts the JVM's Attach Listener thread for good.
until grep -q 'listening:' "$out/daemon.log" 2>/dev/null || ! kill -0 $pid 2>/dev/null; do sleep 0.1; done
jcmd $pid VM.uptime > /dev/null 2>&1 || true

# Heap: a full collection first, so what is measured is the live set, not how far the young generation has
# filled since the last collection (the audio loop allocates so little that natural collections are rare).
printf 'GC.run\nGC.heap_info\n' > "$out/jcmd.txt"
echo "wall_s,rss_kb,heap_live_kb,young_used_kb,old_used_kb,threads,fds,detections" > "$out/samples.csv"
while kill -0 $pid 2>/dev/null; do
  now=$(date +%s.%N)
  rss=$(awk '/^VmRSS:/ { print $2 }' /proc/$pid/status 2>/dev/null || true)
  # The daemon may end between any two of these reads: none of them may stop the script (set -e, pipefail).
  threads=$(ls /proc/$pid/task 2>/dev/null | wc -l || true)
  fds=$(ls /proc/$pid/fd 2>/dev/null | wc -l || true)
  heap=$(jcmd $pid -f "$out/jcmd.txt" 2>/dev/null | awk '
    /def new generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { y = $(i + 1) + 0 } }
    /tenured generation/ { for (i = 1; i <= NF; i++) if ($i == "used") { o = $(i + 1) + 0 } }
    END { if (y != "" && o != "") printf "%d,%d,%d", y + o, y, o }' || true)
  detections=$(grep -c 'detected "stop"' "$out/daemon.log" || true)
  if [ -n "$rss" ] && [ -n "$heap" ] && kill -0 $pid 2>/dev/null; then
    printf '%.1f,%s,%s,%s,%s,%s\n' "$(echo "$now - $started" | bc)" "$rss" "$heap" "$threads" "$fds" "$detections" \
      >> "$out/samples.csv"
  fi
  sleep "$interval"
done
status=0
wait $pid || status=$?
wait $feeder 2>/dev/null || true
trap - EXIT
wall=$(echo "$(date +%s.%N) - $started" | bc)
rm -f "$out/feed.fifo"
echo "soak: daemon exited with status $status after ${wall} s"

java tools/soak/SoakReport.java "$out" "$piece_seconds" "$loops" "$seam_margin" "$wall" "$status" | tee "$out/report.txt"
grep -q '^verdict: PASS' "$out/report.txt"
