#!/usr/bin/env bash
# Writes one hour of audio for the real-time-factor benchmarks: the test stream (tools/arm64/stream.sh: six
# "stop" among other words, kitchen noise) and 20 LibriSpeech files, about five minutes, looped with sox.
# Rebuilt only when missing or older than the stream.
#
#   tools/bench/hour.sh OUT.wav        (environment: WAKEWORD_DATA, the recordings, default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/../.."
hour=${1:?usage: tools/bench/hour.sh OUT.wav}
work=$(dirname "$hour")
mkdir -p "$work"
stream=$work/stream.wav
tools/arm64/stream.sh "$stream"
if [ ! -f "$hour" ] || [ "$hour" -ot "$stream" ]; then
  echo "hour: building one hour of audio" >&2
  data=${WAKEWORD_DATA:-../shared/data}
  mapfile -t speech < <(find "$data/speech/librispeech" -name '*.flac' 2>/dev/null | LC_ALL=C sort | head -n 20)
  sox -D "$stream" ${speech[@]+"${speech[@]}"} -r 16000 -c 1 -b 16 -e signed-integer "$work/base.wav"
  base_s=$(soxi -D "$work/base.wav")
  repeats=$(awk -v b="$base_s" 'BEGIN { print int(3600 / b) }')
  sox -D "$work/base.wav" "$hour" repeat "$repeats" trim 0 3600
fi
