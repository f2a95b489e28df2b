#!/usr/bin/env bash
# Installs what eng/cross-check.sh needs to run FastPR for other platforms on this x86-64 Linux machine, from Debian's
# packages: Wine (win-x64), qemu user-mode emulators (linux-arm64, and x86-64 with AVX2 but no AVX-512), and the arm64
# C and C++ runtimes qemu-aarch64 loads (-L /usr/aarch64-linux-gnu). Idempotent.
set -euo pipefail
if command -v wine64 >/dev/null 2>&1 || [ -x /usr/lib/wine/wine64 ]; then have_wine=1; else have_wine=0; fi
if [ "$have_wine" = 1 ] && command -v qemu-aarch64-static >/dev/null 2>&1 && command -v qemu-x86_64-static >/dev/null 2>&1 \
  && [ -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ] && [ -e /usr/aarch64-linux-gnu/lib/libstdc++.so.6 ]; then
  echo "install-cross: wine64, qemu-user-static and the arm64 runtimes already present; nothing to do."
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-cross "" wine64 qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross
