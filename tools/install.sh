#!/usr/bin/env bash
# Installs the wakeword daemon on a Raspberry Pi (Raspberry Pi OS bookworm) as a systemd
# service. Run from the repository after `mvn -q -B package`:
#     sudo tools/install.sh
# What it does:
#   - installs openjdk-17-jre-headless if no Java 17+ is at /usr/bin/java
#   - target/wakeword.jar           -> /usr/share/wakeword/wakeword.jar
#   - models/*.tflite, models/*.json -> /usr/share/wakeword/models/
#   - target/deb/wakeword.conf      -> /etc/wakeword/wakeword.conf (an existing one is kept;
#                                      the new default goes beside it as wakeword.conf.dist);
#                                      the Debian package's conffile, which mvn package stages
#                                      from config/wakeword.conf with the installed model path
#   - creates the system user "wakeword" in the groups audio and gpio
#   - tools/pick-mic.sh: sets device to the one capture device (or lists the choices) and reports
#     the level of one second recorded from it
#   - systemd/wakeword.service      -> /etc/systemd/system/, then daemon-reload, enable, (re)start
# With DESTDIR=/some/dir it only lays the files out under that directory and changes nothing
# else on the system (no apt, no user, no systemctl): for checking the layout.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
destdir="${DESTDIR:-}"
share="/usr/share/wakeword"
etc="/etc/wakeword"
unit_dir="/etc/systemd/system"
user="wakeword"

say() { printf 'install: %s\n' "$*"; }
die() { printf 'install: error: %s\n' "$*" >&2; exit 1; }

# ---- preconditions: everything checked before anything is changed
[ -f "$repo/target/wakeword.jar" ] || die "target/wakeword.jar is missing: run 'mvn -q -B package' in $repo first"
[ -f "$repo/models/stop.tflite" ] || die "models/stop.tflite is missing: train or copy the model into $repo/models first"
[ -f "$repo/models/stop.json" ] || die "models/stop.json (the model's manifest) is missing from $repo/models"
[ -f "$repo/target/deb/wakeword.conf" ] || die "target/deb/wakeword.conf is missing: run 'mvn -q -B package' in $repo first"
[ -f "$repo/systemd/wakeword.service" ] || die "systemd/wakeword.service is missing from $repo"
if [ -z "$destdir" ]; then
    [ "$(id -u)" -eq 0 ] || die "run as root: sudo $0"
    command -v systemctl >/dev/null 2>&1 || die "systemctl not found: this installs a systemd service"
    # Both would own the same files, and this unit in /etc would hide the package's.
    if dpkg-query -W -f='${Status}' wakeword 2>/dev/null | grep -q ' installed$'; then
        die "the wakeword Debian package is installed; update it with apt instead: sudo apt install $repo/target/wakeword_*_all.deb"
    fi
fi

java_major() {
    # "openjdk version "17.0.15" 2025-04-15" -> 17 ; empty when there is no java
    /usr/bin/java -version 2>&1 | sed -n 's/^.* version "\([0-9]*\).*$/\1/p' | head -n 1
}

# ---- Java
if [ -z "$destdir" ]; then
    major="$(java_major || true)"
    if [ -z "$major" ] || [ "$major" -lt 17 ]; then
        say "installing openjdk-17-jre-headless (found Java: ${major:-none})"
        apt-get update
        DEBIAN_FRONTEND=noninteractive apt-get install -y openjdk-17-jre-headless
        major="$(java_major || true)"
        if [ -z "$major" ] || [ "$major" -lt 17 ]; then
            die "/usr/bin/java is still not Java 17+; check 'update-alternatives --config java'"
        fi
    fi
    say "Java $major at /usr/bin/java"
fi

# ---- files
say "installing the daemon and the model into $destdir$share"
install -d -m 0755 "$destdir$share" "$destdir$share/models" "$destdir$etc" "$destdir$unit_dir"
install -m 0644 "$repo/target/wakeword.jar" "$destdir$share/wakeword.jar"
for f in "$repo"/models/*.tflite "$repo"/models/*.json; do
    [ -e "$f" ] && install -m 0644 "$f" "$destdir$share/models/"
done

# The config as the Debian package installs it: the build already pointed it at the installed model.
conf_tmp="$(mktemp)"
trap 'rm -f "$conf_tmp"' EXIT
cp "$repo/target/deb/wakeword.conf" "$conf_tmp"
if [ -e "$destdir$etc/wakeword.conf" ]; then
    install -m 0644 "$conf_tmp" "$destdir$etc/wakeword.conf.dist"
    say "kept $etc/wakeword.conf; the current default is $etc/wakeword.conf.dist"
else
    install -m 0644 "$conf_tmp" "$destdir$etc/wakeword.conf"
    say "installed $etc/wakeword.conf"
fi
install -m 0644 "$repo/systemd/wakeword.service" "$destdir$unit_dir/wakeword.service"

if [ -n "$destdir" ]; then
    say "DESTDIR set: files laid out under $destdir; no user, no apt, no systemctl"
    exit 0
fi

# ---- user and groups
for group in audio gpio; do
    if ! getent group "$group" >/dev/null; then
        # Raspberry Pi OS has both; elsewhere /dev/gpiochip* may belong to another group.
        say "creating missing group $group (make sure the devices belong to it: ls -l /dev/gpiochip* /dev/snd)"
        groupadd --system "$group"
    fi
done
if id "$user" >/dev/null 2>&1; then
    usermod --append --groups audio,gpio "$user"
else
    say "creating system user $user (groups audio, gpio)"
    useradd --system --user-group --groups audio,gpio --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin --comment "wakeword daemon" "$user"
fi

# ---- microphone: the one capture device goes into the config, and one second of it is checked.
# The running service would hold the device during the check; it is restarted below anyway.
systemctl stop wakeword.service 2>/dev/null || true
bash "$repo/tools/pick-mic.sh" "$etc/wakeword.conf" || say "the microphone check did not finish; run: sudo $repo/tools/pick-mic.sh $etc/wakeword.conf"

# ---- service
systemctl daemon-reload
systemctl enable wakeword.service
# restart, not start: picks up a new jar or unit when the service already runs
systemctl restart wakeword.service
say "wakeword is enabled and started; follow it with: journalctl -u wakeword -f"
say "status: systemctl status wakeword    config: $etc/wakeword.conf (then: systemctl reload wakeword)"
