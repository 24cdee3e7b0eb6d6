#!/usr/bin/env bash
# Chooses the microphone for the wakeword daemon and checks that it hears something.
#     tools/pick-mic.sh /etc/wakeword/wakeword.conf
# tools/install.sh runs it (as root, with the service stopped, since it would hold the device).
#   - lists the ALSA capture devices (arecord -l);
#   - when the config's device is "default" and there is exactly one capture device, a USB or
#     other card microphone, it writes that card's name into the config (device = <card id>);
#     with several it lists them and tells how to set device; with none it says so;
#   - records one second from the device the config names and reports the level.
# It never fails the installation: every problem is reported and it exits 0 (2 for bad usage).
set -euo pipefail

say() { printf 'microphone: %s\n' "$*"; }

conf="${1:-}"
if [ -z "$conf" ] || [ ! -f "$conf" ]; then
    printf 'usage: %s CONFIG (the wakeword.conf to read and update)\n' "$0" >&2
    exit 2
fi
if ! command -v arecord >/dev/null 2>&1; then
    say "arecord not found (sudo apt install alsa-utils): skipping the microphone check"
    exit 0
fi

# "card 1: Device [USB PnP Sound Device], device 0: USB Audio [USB Audio]" -> "1 0 Device USB PnP Sound Device"
mapfile -t captures < <(arecord -l 2>/dev/null | sed -n \
    's/^card \([0-9]*\): \([^ ]*\) \[\(.*\)\], device \([0-9]*\): .*$/\1 \4 \2 \3/p')
current="$(sed -n 's/^[[:space:]]*device[[:space:]]*=[[:space:]]*\(.*[^[:space:]]\)[[:space:]]*$/\1/p' "$conf" | tail -n 1)"
current="${current:-default}"

if [ "${#captures[@]}" -eq 0 ]; then
    say "no capture device found (arecord -l lists none): plug in a USB microphone; the service waits for it"
    say "and logs 'no microphone yet' until it is there (journalctl -u wakeword -f)"
    exit 0
fi

if [ "$current" = "default" ]; then
    if [ "${#captures[@]}" -eq 1 ]; then
        read -r card dev id name <<<"${captures[0]}"
        sed -i "s|^[[:space:]]*device[[:space:]]*=.*\$|device = $id|" "$conf"
        grep -q "^device = $id\$" "$conf" || printf '\ndevice = %s\n' "$id" >>"$conf"
        current="$id"
        say "using the one capture device: card $card '$name' (device = $id in $conf)"
    else
        say "${#captures[@]} capture devices; the config keeps device = default, which may not be a microphone:"
        for c in "${captures[@]}"; do
            read -r card dev id name <<<"$c"
            say "  card $card, device $dev: $name    -> device = $id"
        done
        say "set the one you speak into in $conf (a unique part of its name, as 'wakeword devices' lists it),"
        say "then: sudo systemctl restart wakeword"
    fi
else
    say "the config names device = $current; keeping it"
fi

# The ALSA name to record from: the card the config names, else ALSA's default.
pcm="default"
card_id=""
for c in "${captures[@]}"; do
    read -r card dev id name <<<"$c"
    if [[ "${id,,}" == *"${current,,}"* || "${name,,}" == *"${current,,}"* ]]; then
        pcm="plughw:CARD=$id,DEV=$dev"
        card_id="$id"
        break
    fi
done

say "recording one second from $pcm: say something now"
recording="$(mktemp)"
trap 'rm -f "$recording" "$recording.err"' EXIT
if ! arecord -q -D "$pcm" -f S16_LE -r 16000 -c 1 -t raw -d 1 >"$recording" 2>"$recording.err"; then
    say "cannot record from $pcm: $(tr '\n' ' ' <"$recording.err")"
    say "check 'arecord -l' and that no other program holds it (fuser -v /dev/snd/*)"
    exit 0
fi
level="$(od -An -v -t d2 "$recording" | awk '
    { for (i = 1; i <= NF; i++) { v = $i < 0 ? -$i : $i; if (v > peak) peak = v; sum += $i * $i; n++ } }
    END {
        if (n == 0) { print "none"; exit }
        rms = sqrt(sum / n)
        printf "%s %s\n", (peak > 0 ? sprintf("%.0f", 20 * log(peak / 32768) / log(10)) : "-inf"),
                          (rms > 0 ? sprintf("%.0f", 20 * log(rms / 32768) / log(10)) : "-inf")
    }')"
if [ "$level" = "none" ]; then
    say "$pcm delivered no audio"
    exit 0
fi
read -r peak rms <<<"$level"
say "level over that second: peak $peak dBFS, average $rms dBFS"
mixer="alsamixer${card_id:+ -c $card_id}"
if [ "$peak" = "-inf" ] || [ "$peak" -lt -50 ]; then
    say "that is silence: is the microphone muted? raise its capture level with: $mixer (F4)"
elif [ "$peak" -ge -1 ]; then
    say "that clips: lower its capture level with: $mixer (F4)"
fi
exit 0
