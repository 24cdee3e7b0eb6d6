#!/usr/bin/env bash
# Builds the soak test's audio piece from the shared recordings: about MINUTES minutes of "stop" clips among
# other words (one clip in four is "stop"), with 0.4..2.0 s of silence after each, over the five background
# noise recordings at low level; 16 kHz mono 16-bit, padded to a whole second so that looping it keeps the
# daemon's 20 ms hops aligned with the piece. Deterministic for a given seed.
#
#   tools/soak/make-piece.sh DATA_DIR OUT_DIR [MINUTES] [SEED]
#
# Writes OUT_DIR/piece.wav, OUT_DIR/piece.raw (the same samples, headerless) and OUT_DIR/piece-labels.tsv
# (onset in seconds, word, clip path relative to DATA_DIR).
set -euo pipefail

data=${1:?usage: make-piece.sh DATA_DIR OUT_DIR [MINUTES] [SEED]}
out=${2:?usage: make-piece.sh DATA_DIR OUT_DIR [MINUTES] [SEED]}
minutes=${3:-10}
seed=${4:-20261124}
rate=16000
others=(go no on down left right yes up follow off)

mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$data"
# Clip lists, sorted so the choice depends on the seed only.
ls speech_commands/stop/*.flac | sort > "$work/stop.lst"
: > "$work/other.lst"
for w in "${others[@]}"; do
  if [ -d "speech_commands/$w" ]; then ls "speech_commands/$w"/*.flac | sort >> "$work/other.lst"; fi
done
[ -s "$work/stop.lst" ] && [ -s "$work/other.lst" ] || { echo "make-piece: no clips under $data/speech_commands" >&2; exit 1; }

# The plan: clip, then the silence after it, until the piece is long enough (clips are at most 1 s long).
awk -v seed="$seed" -v total="$((minutes * 60))" '
  FNR == NR { stop[n++] = $0; next }
  { other[m++] = $0 }
  END {
    srand(seed); t = 0
    for (i = 0; t < total - 3; i++) {
      clip = (i % 4 == 3) ? stop[int(rand() * n)] : other[int(rand() * m)]
      gap = 0.4 + int(rand() * 17) / 10
      printf "%s\t%.1f\n", clip, gap
      t += 1 + gap
    }
  }' "$work/stop.lst" "$work/other.lst" > "$work/plan.tsv"

: > "$work/speech.raw"
: > "$out/piece-labels.tsv"
while IFS=$'\t' read -r clip gap; do
  onset=$(( $(stat -c %s "$work/speech.raw") / 2 ))
  word=$(basename "$(dirname "$clip")")
  printf '%s\t%s\t%s\n' "$(awk -v s="$onset" -v r=$rate 'BEGIN { printf "%.3f", s / r }')" "$word" "$clip" \
    >> "$out/piece-labels.tsv"
  sox "$clip" -r $rate -c 1 -b 16 -e signed-integer -t raw - pad 0 "$gap" >> "$work/speech.raw"
done < "$work/plan.tsv"

# Pad to a whole second: the loop then restarts on a hop boundary.
samples=$(( $(stat -c %s "$work/speech.raw") / 2 ))
padded=$(( (samples + rate - 1) / rate * rate ))
head -c $(( (padded - samples) * 2 )) /dev/zero >> "$work/speech.raw"

# Noise bed: the background recordings back to back, repeated to cover the piece, about -30 dB.
sox speech_commands/_background_noise_/*.flac -r $rate -c 1 -b 16 -e signed-integer -t raw "$work/noise.raw" \
  repeat $(( padded / (rate * 300) + 1 ))
head -c $(( padded * 2 )) "$work/noise.raw" > "$work/noise-cut.raw"

raw=(-t raw -r $rate -c 1 -b 16 -e signed-integer)
sox -D -R -m "${raw[@]}" -v 0.8 "$work/speech.raw" "${raw[@]}" -v 0.03 "$work/noise-cut.raw" "${raw[@]}" "$out/piece.raw"
sox "${raw[@]}" "$out/piece.raw" "$out/piece.wav"
echo "make-piece: $(( padded / rate )) s, $(grep -c $'\tstop\t' "$out/piece-labels.tsv") \"stop\" among $(wc -l < "$out/piece-labels.tsv") clips -> $out/piece.wav"
