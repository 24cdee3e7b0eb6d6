#!/usr/bin/env bash
# Checks the Debian package for real (CI calls this from tools/test.sh, after `mvn package`):
#   1. lintian: no errors and no warnings.
#   2. its contents: the unit is the repository's, the config is a conffile pointing at the installed model;
#      preinst refuses an architecture without natives (run alone, with a stand-in dpkg).
#   3. on this machine, as root, with real dpkg:
#      install       -> files, user in audio+gpio, cache dir, unit enabled; the installed daemon replays a WAV
#                       as the service user with the unit's own command line; systemd-analyze verify is clean
#      edit the config, upgrade to a newer version (same config)        -> the edit survives, no prompt
#      upgrade again, the new version also changes the default config   -> the edit survives (--force-confold,
#                       as apt's unattended upgrades do), the new default lands beside it as .dpkg-dist
#      dpkg -r       -> the program and unit are gone, the edited config and the user stay
#      dpkg -P       -> the machine is as it was before step 3 (file tree, users, groups, dpkg's database)
#      install, then dpkg -P straight away -> as it was, again
# It refuses to run where wakeword is already installed (it would purge it). On a machine without systemd as
# PID 1 (a container, CI) nothing gets started; with systemd the postinst starts the service for real.
# Usage: tools/check-deb.sh [path/to/wakeword_<version>_all.deb]
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
die() { printf 'check-deb: %s\n' "$*" >&2; exit 2; }
fail() { printf 'check-deb: FAIL: %s\n' "$*" >&2; exit 1; }
say() { printf 'check-deb: %s\n' "$*"; }

# ---- preconditions: all before anything changes
if [ $# -ge 1 ]; then
    deb="$1"
else
    version="$(sed -n 's|^  <version>\(.*\)</version>$|\1|p' "$repo/pom.xml" | head -n 1)"
    deb="$repo/target/wakeword_${version}_all.deb"
fi
[ -f "$deb" ] || die "no package at $deb; build it first: mvn -B package -DskipTests"
for tool in dpkg dpkg-deb lintian systemd-analyze runuser; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found; install it: apt-get install lintian systemd util-linux"
done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    sudo -n true 2>/dev/null || die "dpkg -i/-P need root: run as root or with passwordless sudo"
    SUDO="sudo -n"
fi
if dpkg-query -W -f='${Status}' wakeword 2>/dev/null | grep -qv 'not-installed'; then
    die "wakeword is installed here ($(dpkg-query -W -f='${Status}' wakeword)); this check would purge it: run it on another machine"
fi
for p in /etc/wakeword /usr/share/wakeword /var/cache/wakeword /var/lib/wakeword /etc/systemd/system/wakeword.service; do
    [ ! -e "$p" ] || die "$p exists (tools/install.sh?); this check would delete it: run it on a machine without wakeword"
done
! getent passwd wakeword >/dev/null || die "the user wakeword exists; this check would delete it: run it on a machine without wakeword"
! getent group wakeword >/dev/null || die "the group wakeword exists; this check would delete it: run it on a machine without wakeword"

missing_groups=""
for group in audio gpio; do getent group "$group" >/dev/null || missing_groups="$missing_groups $group"; done

work="$(mktemp -d)"
chmod 755 "$work"   # the service user reads the test WAV from here
cleanup() {
    # After a failure: purge, then remove what a faulty package may have left. None of it existed when the
    # check started (see above), so this restores the machine rather than destroying anything.
    if dpkg-query -W -f='${Status}' wakeword 2>/dev/null | grep -qv 'not-installed'; then
        $SUDO dpkg --purge wakeword >/dev/null 2>&1 || true
    fi
    $SUDO rm -rf /etc/wakeword /usr/share/wakeword /var/cache/wakeword /var/lib/wakeword
    if getent passwd wakeword >/dev/null; then $SUDO userdel wakeword >/dev/null 2>&1 || true; fi
    if getent group wakeword >/dev/null; then $SUDO groupdel wakeword >/dev/null 2>&1 || true; fi
    for group in $missing_groups; do
        if getent group "$group" >/dev/null; then $SUDO groupdel "$group" >/dev/null 2>&1 || true; fi
    done
    rm -rf "$work"
}
trap cleanup EXIT

# ---- 1. lintian
lintian_rc=0
lintian_out="$(lintian --display-info --fail-on error,warning "$deb" 2>&1)" || lintian_rc=$?
lintian_out="$(printf '%s\n' "$lintian_out" | grep -v -e '^running with root privileges' -e '^$' || true)"
if [ "$lintian_rc" -ne 0 ]; then
    printf '%s\n' "$lintian_out" >&2
    fail "lintian reported errors or warnings (above)"
fi
say "lintian: no errors or warnings"
[ -z "$lintian_out" ] || printf '%s\n' "$lintian_out"

# ---- 2. contents
dpkg-deb -x "$deb" "$work/root"
dpkg-deb -e "$deb" "$work/control"
cmp -s "$work/root/lib/systemd/system/wakeword.service" "$repo/systemd/wakeword.service" \
    || fail "the packaged unit differs from systemd/wakeword.service"
grep -qx '/etc/wakeword/wakeword.conf' "$work/control/conffiles" || fail "/etc/wakeword/wakeword.conf is not a conffile"
grep -qx 'model = /usr/share/wakeword/models/stop.tflite' "$work/root/etc/wakeword/wakeword.conf" \
    || fail "the packaged config does not point at the installed model"
for f in usr/share/wakeword/wakeword.jar usr/share/wakeword/models/stop.tflite usr/share/wakeword/models/stop.json \
         usr/bin/wakeword usr/share/doc/wakeword/copyright usr/share/doc/wakeword/changelog.gz; do
    [ -s "$work/root/$f" ] || fail "the package lacks /$f"
done
# A manifest with a streaming block names the file the daemon runs; without it the installed daemon cannot start.
stream_model="$(sed -n 's/^ *"model": "\([^"/]*\.tflite\)",*$/\1/p' "$repo/models/stop.json" | head -n 1)"
if [ -n "$stream_model" ]; then
    [ -s "$work/root/usr/share/wakeword/models/$stream_model" ] \
        || fail "the package lacks /usr/share/wakeword/models/$stream_model, the streaming form models/stop.json names"
fi
depends="$(dpkg-deb -f "$deb" Depends)"
case "$depends" in *java17-runtime-headless*) ;; *) fail "Depends names no Java 17 runtime: $depends" ;; esac
case "$depends" in *"libc6 (>= 2.34)"*) ;; *) fail "Depends lacks libc6 (>= 2.34), which the TFLite natives need: $depends" ;; esac
# preinst must refuse an architecture the jar has no natives for (32-bit Raspberry Pi OS) and accept the two it
# has. Run on its own with a stand-in dpkg that reports the architecture: it changes nothing.
mkdir "$work/fakebin"
for arch in armhf arm64 amd64; do
    printf '#!/bin/sh\necho %s\n' "$arch" >"$work/fakebin/dpkg"
    chmod 755 "$work/fakebin/dpkg"
    preinst_rc=0
    preinst_out="$(PATH="$work/fakebin:$PATH" sh "$work/control/preinst" install 2>&1)" || preinst_rc=$?
    case "$arch:$preinst_rc" in
    armhf:0) fail "preinst accepted armhf" ;;
    armhf:*) case "$preinst_out" in *"64-bit Raspberry Pi OS"*) ;; *) fail "preinst's refusal does not say what to do: $preinst_out" ;; esac ;;
    *:0) ;;
    *) fail "preinst refused $arch: $preinst_out" ;;
    esac
done
say "contents: unit = systemd/wakeword.service, config is a conffile with the installed model path; preinst refuses armhf"

# ---- the machine before
snapshot() {
    # Paths, types, modes and owners (not times: other programs write logs and caches), users and groups,
    # and what dpkg knows about wakeword.
    {
        $SUDO find /etc /usr /var /opt /srv -xdev \( -path /var/log -o -path /var/tmp -o -path /var/cache/apt \
            -o -path /var/lib/apt -o -path /var/lib/dpkg -o -path /var/cache/man -o -path /var/cache/debconf \
            -o -path /var/backups -o -path /var/lib/docker -o -path /var/lib/containerd \) -prune \
            -o -printf '%p %y %m %u %g %l\n' | LC_ALL=C sort
        $SUDO cat /etc/passwd /etc/group /etc/shadow /etc/gshadow
        find /var/lib/dpkg/info -name 'wakeword.*' | LC_ALL=C sort
        dpkg-query -W -f='${Status}\n' wakeword 2>/dev/null | grep -v '^unknown ok not-installed$' || true
    } >"$1"
}
snapshot "$work/before"

# ---- packages for the upgrades: the same files under a newer version (b also changes the default config)
repack() { # name version [extra line for the config]
    local dir="$work/$1"
    dpkg-deb -R "$deb" "$dir"
    sed -i "s/^Version: .*/Version: $2/" "$dir/DEBIAN/control"
    # md5sums lists no conffile (dpkg keeps their sums in its database), so it stays as it is.
    [ $# -lt 3 ] || printf '%s\n' "$3" >>"$dir/etc/wakeword/wakeword.conf"
    dpkg-deb --root-owner-group -Zxz -b "$dir" "$work/$1.deb" >/dev/null
}
old_version="$(dpkg-deb -f "$deb" Version)"
repack a "${old_version}+check1"
repack b "${old_version}+check2" "# a line the newer version added"

installed_version() { dpkg-query -W -f='${Version}' wakeword; }
expect_installed() {
    for f in /usr/share/wakeword/wakeword.jar /usr/share/wakeword/models/stop.tflite \
             /usr/share/wakeword/models/stop.json /lib/systemd/system/wakeword.service /usr/bin/wakeword \
             /etc/wakeword/wakeword.conf /usr/share/doc/wakeword/copyright; do
        [ -f "$f" ] || fail "after $1: $f is missing"
    done
    local groups
    groups=" $(id -nG wakeword 2>/dev/null) "
    case "$groups" in *" audio "*) ;; *) fail "after $1: user wakeword is not in group audio (groups:$groups)" ;; esac
    case "$groups" in *" gpio "*) ;; *) fail "after $1: user wakeword is not in group gpio (groups:$groups)" ;; esac
    [ "$(getent passwd wakeword | cut -d: -f7)" = /usr/sbin/nologin ] || fail "after $1: wakeword has a login shell"
    [ "$(stat -c '%U %a' /var/cache/wakeword 2>/dev/null)" = "wakeword 700" ] \
        || fail "after $1: /var/cache/wakeword is not wakeword's, mode 700: $(stat -c '%U %a' /var/cache/wakeword 2>&1)"
    [ "$(readlink /etc/systemd/system/multi-user.target.wants/wakeword.service)" = /lib/systemd/system/wakeword.service ] \
        || fail "after $1: wakeword.service is not enabled (no multi-user.target.wants link)"
}

# ---- 3. install
$SUDO dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || {
    cat "$work/dpkg.log" >&2
    fail "dpkg -i $deb failed (missing dependencies? apt-get install openjdk-17-jre-headless adduser)"
}
grep -q 'sudo -u wakeword wakeword devices' "$work/dpkg.log" || fail "dpkg -i did not print how to check the microphone"
expect_installed "dpkg -i"
if ! verify_out="$(systemd-analyze verify /lib/systemd/system/wakeword.service 2>&1)" || [ -n "$verify_out" ]; then
    fail "systemd-analyze verify on the installed unit: ${verify_out:-non-zero exit}"
fi
[ "$(/usr/bin/wakeword --version)" = "wakeword $old_version" ] || fail "wakeword --version printed: $(/usr/bin/wakeword --version 2>&1)"
# The unit's own ExecStart, with replay in place of run: as the service user, with the installed config, model
# and cache dir. Two seconds of silence: no detection, exit 0.
exec_start="$(sed -n 's/^ExecStart=//p' /lib/systemd/system/wakeword.service)"
case "$exec_start" in *" run --config /etc/wakeword/wakeword.conf") ;; *) fail "unexpected ExecStart: $exec_start" ;; esac
{ printf 'RIFF\x24\xfa\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x80\x3e\x00\x00\x00\x7d\x00\x00\x02\x00\x10\x00data\x00\xfa\x00\x00'
  head -c 64000 /dev/zero; } >"$work/silence.wav"
chmod 644 "$work/silence.wav"
replay_cmd="${exec_start//%C//var/cache}"
replay_cmd="${replay_cmd% run --config /etc/wakeword/wakeword.conf} replay $work/silence.wav --config /etc/wakeword/wakeword.conf"
# shellcheck disable=SC2086  # the unit's command line, split as systemd splits it (no quotes in it)
replay_out="$(cd / && $SUDO runuser -u wakeword -- $replay_cmd 2>&1)" || fail "the installed daemon failed as user wakeword: $replay_out"
! printf '%s\n' "$replay_out" | grep -q '"time"' || fail "a detection in silence: $replay_out"
[ -n "$($SUDO ls -A /var/cache/wakeword)" ] || fail "the daemon unpacked nothing into /var/cache/wakeword"
# What postinst tells people to run: it must work as the service user (no home directory). 4 is "no usable
# audio input", the answer on a machine without a sound card.
devices_rc=0
devices_out="$(cd / && $SUDO runuser -u wakeword -- /usr/bin/wakeword devices 2>&1)" || devices_rc=$?
[ "$devices_rc" -eq 0 ] || [ "$devices_rc" -eq 4 ] || fail "wakeword devices as user wakeword: status $devices_rc: $devices_out"
if [ -d /run/systemd/system ]; then
    systemctl is-enabled --quiet wakeword.service || fail "systemd does not see wakeword.service as enabled"
    say "install: systemd is running here: the service was started ($(systemctl is-active wakeword.service || true))"
fi
say "install: files, user (audio, gpio), cache, unit enabled and verified; the installed daemon ran as wakeword"

# ---- upgrades with a locally edited config
$SUDO sed -i 's/^gpio.pin = 17$/gpio.pin = 27/' /etc/wakeword/wakeword.conf
grep -qx 'gpio.pin = 27' /etc/wakeword/wakeword.conf || fail "could not edit the installed config (no 'gpio.pin = 17' line?)"
$SUDO dpkg -i "$work/a.deb" </dev/null >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "upgrade to ${old_version}+check1 failed"; }
[ "$(installed_version)" = "${old_version}+check1" ] || fail "the upgrade left version $(installed_version)"
grep -qx 'gpio.pin = 27' /etc/wakeword/wakeword.conf || fail "the upgrade lost the edited config"
[ ! -e /etc/wakeword/wakeword.conf.dpkg-dist ] || fail "an upgrade with an unchanged default config left a .dpkg-dist"
expect_installed "the upgrade"
$SUDO dpkg -i --force-confold "$work/b.deb" </dev/null >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "upgrade to ${old_version}+check2 failed"; }
[ "$(installed_version)" = "${old_version}+check2" ] || fail "the second upgrade left version $(installed_version)"
grep -qx 'gpio.pin = 27' /etc/wakeword/wakeword.conf || fail "the upgrade with a new default config lost the edit"
grep -qx '# a line the newer version added' /etc/wakeword/wakeword.conf.dpkg-dist \
    || fail "the new default config is not beside the edited one as wakeword.conf.dpkg-dist"
expect_installed "the second upgrade"
say "upgrade: the edited config survived both upgrades (new default as wakeword.conf.dpkg-dist)"

# ---- remove, then purge
$SUDO dpkg -r wakeword >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -r failed"; }
for f in /usr/share/wakeword /lib/systemd/system/wakeword.service /usr/bin/wakeword /usr/share/doc/wakeword; do
    [ ! -e "$f" ] || fail "dpkg -r left $f"
done
grep -qx 'gpio.pin = 27' /etc/wakeword/wakeword.conf || fail "dpkg -r removed the edited config (only purge may)"
getent passwd wakeword >/dev/null || fail "dpkg -r removed the user (only purge may)"
[ "$(dpkg-query -W -f='${Status}' wakeword)" = "deinstall ok config-files" ] || fail "after dpkg -r: $(dpkg-query -W -f='${Status}' wakeword)"
say "remove: program and unit gone; config and user kept"
$SUDO dpkg -P wakeword >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -P failed"; }
compare() {
    snapshot "$work/after"
    if ! diff "$work/before" "$work/after" >"$work/diff"; then
        cat "$work/diff" >&2
        fail "after $1 the machine differs from before the install (above: < before, > after)"
    fi
}
compare "install, upgrades, dpkg -r and dpkg -P"
say "purge: the machine is as it was"

$SUDO dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "the second dpkg -i failed"; }
expect_installed "the second dpkg -i"
$SUDO dpkg -P wakeword >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -P of the installed package failed"; }
compare "dpkg -i then dpkg -P"
say "install then purge: the machine is as it was"
say "OK"
