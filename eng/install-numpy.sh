#!/usr/bin/env bash
# Installs what the NumPy peers (eng/numpy-*-peer.py) need from Debian's packages: python3-numpy, and OpenBLAS for its BLAS
# (Debian's NumPy otherwise runs on the reference BLAS, which no researcher would time against). Idempotent.
set -euo pipefail
if /usr/bin/python3 -c "import numpy" 2>/dev/null && [ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ]; then
  echo "install-numpy: python3-numpy and OpenBLAS already present; nothing to do."
  exit 0
fi
packages="python3-numpy libopenblas0-pthread"
install="apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages"
if [ "$(id -u)" -eq 0 ]; then
  sh -c "$install"
elif command -v sudo >/dev/null 2>&1; then
  sudo sh -c "$install"
else
  echo "install-numpy: not root and sudo is unavailable. Run as root: $install" >&2
  exit 1
fi
