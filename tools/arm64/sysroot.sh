#!/usr/bin/env bash
# Builds an arm64 sysroot holding Debian's arm64 OpenJDK 17 and the libraries it loads, for running the
# daemon under qemu-aarch64 (a Raspberry Pi 4 runs the same Debian arm64 userland).
#
#   tools/arm64/sysroot.sh SYSROOT [PACKAGE...]
#
# Without PACKAGEs: the JDK and its libraries, so SYSROOT/usr/lib/jvm/java-17-openjdk-arm64/bin/java exists.
# With PACKAGEs: exactly those (name:arm64 or an arch-all name), e.g. for tools/bench.sh's arm64 PocketSphinx.
#
# Downloads go to $WAKEWORD_CACHE (default ~/.cache/wakeword-arm64) when that can be created, else to a
# folder beside SYSROOT; a .deb already there with the size apt expects is not fetched again. If apt does not
# know the arm64 architecture, it is added (needs root or sudo), unless the cache already holds every package
# of an earlier run, in which case that set is used as is (offline).
set -euo pipefail

sysroot=${1:?usage: tools/arm64/sysroot.sh SYSROOT [PACKAGE...]}
shift
packages=(openjdk-17-jre-headless:arm64 libc6:arm64 libgcc-s1:arm64 libstdc++6:arm64 zlib1g:arm64
          libasound2:arm64 libasound2-data)
if [ $# -gt 0 ]; then packages=("$@"); fi

cache=${WAKEWORD_CACHE:-$HOME/.cache/wakeword-arm64}
if ! mkdir -p "$cache" 2>/dev/null || [ ! -w "$cache" ]; then
  cache="$(dirname "$sysroot")/debs"
  mkdir -p "$cache"
fi
cache=$(cd "$cache" && pwd)

say() { echo "arm64 sysroot: $*" >&2; }

has_arm64() { dpkg --print-foreign-architectures | grep -qx arm64; }

# The list of the last complete download, so a machine without the arm64 apt lists can reuse the cache.
last_set="$cache/packages-$(echo "${packages[*]}" | sha256sum | cut -c1-12).list"
cached_set_complete() {
  [ -s "$last_set" ] || return 1
  while read -r f; do [ -s "$cache/$f" ] || return 1; done <"$last_set"
}

if ! has_arm64 && cached_set_complete; then
  say "apt has no arm64 architecture; using the cached packages listed in $last_set"
else
  if ! has_arm64; then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
      command -v sudo >/dev/null || { echo "arm64 sysroot: apt lacks the arm64 architecture and this is not root;" \
        "run: dpkg --add-architecture arm64 && apt-get update (as root), then again" >&2; exit 1; }
      sudo=sudo
    fi
    say "adding the arm64 architecture to apt"
    $sudo dpkg --add-architecture arm64
    $sudo apt-get update -q >/dev/null
  fi
  # One line per package: 'URI' filename size SHA256:hash
  uris=$(apt-get download --print-uris "${packages[@]}" 2>&1) || {
    # Lists fetched before the architecture was added know no arm64 packages: refresh once.
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    $sudo apt-get update -q >/dev/null
    uris=$(apt-get download --print-uris "${packages[@]}")
  }
  sandbox=""; [ "$(id -u)" -eq 0 ] && sandbox=1
  : >"$last_set.new"
  while read -r uri file size hash; do
    [ -n "$file" ] || continue
    echo "$file" >>"$last_set.new"
    if [ -f "$cache/$file" ] && [ "$(stat -c %s "$cache/$file")" = "$size" ]; then continue; fi
    name=${file%%_*}
    arch=${file##*_}; arch=${arch%.deb}
    say "downloading $file"
    # As root apt drops to the _apt user, who may not write the cache: keep root for this download.
    (cd "$cache" && apt-get download -q ${sandbox:+-o APT::Sandbox::User=root} "$name:$arch" >/dev/null)
    [ "$(stat -c %s "$cache/$file")" = "$size" ] || { echo "arm64 sysroot: $file has the wrong size" >&2; exit 1; }
    echo "${hash#SHA256:}  $cache/$file" | sha256sum -c --quiet - || { rm -f "$cache/$file"; exit 1; }
  done <<<"$uris"
  mv "$last_set.new" "$last_set"
fi

# Unpack only when the package set changed since the last unpack.
stamp="$sysroot/.wakeword-packages"
if [ -f "$stamp" ] && cmp -s "$stamp" "$last_set"; then
  exit 0
fi
say "unpacking into $sysroot"
rm -rf "$sysroot"
mkdir -p "$sysroot"
while read -r f; do dpkg -x "$cache/$f" "$sysroot"; done <"$last_set"
cp "$last_set" "$stamp"
