#!/usr/bin/env bash
# `replay` of one hour of audio against PocketSphinx keyword spotting on the same file: CPU seconds (user + system,
# /usr/bin/time, JVM start-up included) of each, one after the other, and their ratio. Replay runs as a maker
# would run it: the repository's config (the shipped model and its defaults) with the systemd unit's JVM options.
# Prints a Markdown table on stdout; tools/bench.sh --only replay runs it.
#
#   tools/bench/replay.sh [--runs N]     N replays (default 3), the median reported; PocketSphinx once
#
# Needs target/wakeword.jar (mvn package), sox, pocketsphinx and pocketsphinx-en-us, /usr/bin/time. Environment:
# WAKEWORD_DATA (the recordings for the hour, see tools/bench/hour.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=${2:?--runs needs a number}; shift 2 ;;
    -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    *) echo "replay: unknown option '$1'; see tools/bench/replay.sh --help" >&2; exit 2 ;;
  esac
done
jar=target/wakeword.jar
[ -f "$jar" ] || { echo "replay: $jar missing: mvn -B -q package -DskipTests" >&2; exit 2; }
for tool in sox pocketsphinx_continuous /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "replay: $tool not found; apt-get install sox pocketsphinx pocketsphinx-en-us time" >&2; exit 2; }
done
work=target/bench
hour=$work/hour.wav
tools/bench/hour.sh "$hour"
hour_s=$(soxi -D "$hour" | awk '{ printf "%.0f", $1 }')
unit_opts_text=$(tools/unit-jvm-opts.sh)  # a plain assignment, so set -e stops the script if it fails
mapfile -t unit_opts <<<"$unit_opts_text"

: >"$work/replay-runs.txt"
for ((i = 1; i <= runs; i++)); do
  echo "replay: run $i of $runs" >&2
  /usr/bin/time -f '%U %S %e %M' -o "$work/time.txt" java "${unit_opts[@]}" -jar "$jar" replay "$hour" \
    --config config/wakeword.conf >"$work/replay-hour.jsonl" 2>"$work/replay-hour.log"
  awk -v d="$(wc -l <"$work/replay-hour.jsonl")" '{ printf "%.2f %.2f %.0f %d\n", $1 + $2, $3, $4 / 1024, d }' \
    "$work/time.txt" >>"$work/replay-runs.txt"
done
read -r cpu wall rss detections < <(sort -n "$work/replay-runs.txt" | sed -n "$(((runs + 1) / 2))p")
all=$(sort -n "$work/replay-runs.txt" | awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $1 }')

echo "replay: PocketSphinx over the hour" >&2
/usr/bin/time -f '%U %S %e %M' -o "$work/ps-time.txt" pocketsphinx_continuous -infile "$hour" -keyphrase stop \
  -kws_threshold 1e-20 -time yes -logfn /dev/null >"$work/ps.txt" 2>/dev/null
read -r ps_cpu ps_wall ps_rss < <(awk '{ printf "%.2f %.2f %.0f\n", $1 + $2, $3, $4 / 1024 }' "$work/ps-time.txt")
ps_hits=$(grep -c '^stop ' "$work/ps.txt" || true)

echo "| what | CPU s | wall s | CPU s per audio s | max RSS MB | detections |"
echo "|---|---:|---:|---:|---:|---:|"
awk -v c="$cpu" -v w="$wall" -v r="$rss" -v d="$detections" -v h="$hour_s" -v n="$runs" -v a="$all" 'BEGIN {
  printf "| wakeword replay, shipped model and defaults, unit JVM options (median of %d: %s) | %.2f | %.2f | %.5f | %d | %d |\n",
    n, a, c, w, c / h, r, d }'
awk -v c="$ps_cpu" -v w="$ps_wall" -v r="$ps_rss" -v d="$ps_hits" -v h="$hour_s" 'BEGIN {
  printf "| PocketSphinx 5prealpha KWS, keyphrase stop, threshold 1e-20 | %.2f | %.2f | %.5f | %d | %d |\n", c, w, c / h, r, d }'
echo
awk -v c="$cpu" -v p="$ps_cpu" 'BEGIN { printf "PocketSphinx uses %.1fx the CPU of replay on the same %s.\n", p / c, "hour" }'
