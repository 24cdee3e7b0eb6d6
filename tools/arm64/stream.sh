#!/usr/bin/env bash
# Writes a ~25 s test stream (16 kHz mono 16-bit WAV): six "stop" clips among fourteen other words and a few
# seconds of read speech, from the shared recordings, with quiet gaps and low kitchen noise under it all.
# Without the recordings it speaks a similar script with espeak-ng instead. The same inputs give the same bytes.
#
#   tools/arm64/stream.sh OUT.wav [DATA_DIR]     DATA_DIR defaults to $WAKEWORD_DATA, then ../shared/data
set -euo pipefail

out=${1:?usage: tools/arm64/stream.sh OUT.wav [DATA_DIR]}
repo=$(cd "$(dirname "$0")/../.." && pwd)
data=${2:-${WAKEWORD_DATA:-$repo/../shared/data}}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
to16k=(-r 16000 -c 1 -b 16 -e signed-integer)

# Every 40th file of a sorted listing: different speakers, and the same picks on every machine.
pick() { find "$data/speech_commands/$1" -name '*.flac' | LC_ALL=C sort | awk -v n="$2" 'NR % 40 == 1 && c < n { print; c++ }'; }

if [ -d "$data/speech_commands/stop" ]; then
  mapfile -t stops < <(pick stop 6)
  others=()
  for w in go no down left right on yes tree follow forward two four bed visual; do others+=("$(pick "$w" 1)"); done
  speech=$(find "$data/speech/librispeech" -name '*.flac' | LC_ALL=C sort | head -n 1)
  noise="$data/speech_commands/_background_noise_/doing_the_dishes.flac"
  parts=()
  for i in "${!others[@]}"; do
    parts+=("${others[$i]}")
    # A "stop" after every other word but two: stop clips land between unrelated words.
    if [ $((i % 2)) -eq 1 ] && [ $((i / 2)) -lt ${#stops[@]} ]; then parts+=("${stops[$((i / 2))]}"); fi
  done
  n=0
  for f in "${parts[@]}"; do
    [ -n "$f" ] || continue
    sox -D "$f" "${to16k[@]}" "$work/p$(printf %03d $n).wav" pad 0 0.3
    n=$((n + 1))
  done
  sox -D "$speech" "${to16k[@]}" "$work/p$(printf %03d $n).wav" trim 0 3
  sox -D "$work"/p*.wav "$work/words.wav"
  len=$(soxi -D "$work/words.wav")
  sox -D "$noise" "${to16k[@]}" "$work/noise.wav" trim 0 "$len" vol 0.1
  sox -D -m "$work/words.wav" "$work/noise.wav" "${to16k[@]}" "$out"
else
  echo "stream: no recordings under $data; speaking a script with espeak-ng instead" >&2
  i=0
  for s in "go left" "stop" "turn it on" "please stop now" "the top shelf" "stop" "forward two" "no" "stop"; do
    espeak-ng -v en-us -s 150 -w "$work/s.wav" "$s"
    sox -D "$work/s.wav" "${to16k[@]}" "$work/p$(printf %03d $i).wav" pad 0.4 0.6
    i=$((i + 1))
  done
  sox -D "$work"/p*.wav "$out"
fi
