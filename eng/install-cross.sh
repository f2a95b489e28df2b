#!/usr/bin/env bash
# Installs what eng/cross-check.sh needs to run FastPR for other platforms on this x86-64 Linux machine, from Debian's
# packages: Wine (win-x64), qemu user-mode emulators (linux-arm64, and x86-64 with AVX2 but no AVX-512), the arm64 C and
# C++ runtimes qemu-aarch64 loads (-L /usr/aarch64-linux-gnu), and the arm64 OpenSSL .NET loads for SHA-256 (summary.json's
# `files`, checkpoints). Idempotent.
#
# Debian has no arm64 libssl cross package, so the arm64 libssl3 .deb is fetched with a private apt state that knows only
# arm64 (its index checked against the system's signed sources, as any apt download is) and unpacked into $arm64_libs; the
# host's dpkg architectures, package lists and installed packages stay as they were. cross-check.sh puts that folder on
# the emulated process's LD_LIBRARY_PATH.
set -euo pipefail
arm64_libs="${FASTPR_ARM64_LIBS:-/usr/local/lib/fastpr-cross/arm64}"

if command -v wine64 >/dev/null 2>&1 || [ -x /usr/lib/wine/wine64 ]; then have_wine=1; else have_wine=0; fi
if [ "$have_wine" = 1 ] && command -v qemu-aarch64-static >/dev/null 2>&1 && command -v qemu-x86_64-static >/dev/null 2>&1 \
  && [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] && [ -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ]; then
  echo "install-cross: wine64, qemu-user-static and the arm64 C/C++ runtimes already present."
else
  bash "$(dirname "$0")/apt-install.sh" install-cross "" wine64 qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross
fi

if [ -e "$arm64_libs/libssl.so.3" ] && [ -e "$arm64_libs/libcrypto.so.3" ]; then
  echo "install-cross: the arm64 OpenSSL is in $arm64_libs."
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
  echo "install-cross: not root and sudo is unavailable; cannot install the arm64 OpenSSL into $arm64_libs." >&2
  exit 1
fi
echo "install-cross: fetching Debian's arm64 libssl3 into $arm64_libs ..."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/deb"
chmod 755 "$work" "$work/deb" # apt's sandbox user (_apt) writes the download here
apt_arm64=(-o APT::Architecture=arm64 -o APT::Architectures::=arm64 -o "Dir::State::Lists=$work/lists"
  -o "Dir::Cache=$work/cache" -o Dir::State::Status=/dev/null -o DPkg::Lock::Timeout=900)
if ! apt-get "${apt_arm64[@]}" update -qq >"$work/log" 2>&1 \
  || ! (cd "$work/deb" && apt-get "${apt_arm64[@]}" download -qq libssl3:arm64) >>"$work/log" 2>&1; then
  cat "$work/log" >&2
  echo "install-cross: could not download libssl3:arm64 (do the apt sources serve arm64?)." >&2
  exit 1
fi
dpkg-deb -x "$work"/deb/libssl3_*_arm64.deb "$work/root"
$sudo mkdir -p "$arm64_libs"
$sudo cp -a "$work"/root/usr/lib/aarch64-linux-gnu/. "$arm64_libs/"
echo "install-cross: installed $(basename "$work"/deb/libssl3_*_arm64.deb) into $arm64_libs."
