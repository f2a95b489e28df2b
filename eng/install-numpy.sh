#!/usr/bin/env bash
# Installs what the NumPy peers (eng/numpy-*-peer.py) need from Debian's packages: python3-numpy, and OpenBLAS for its BLAS
# (Debian's NumPy otherwise runs on the reference BLAS, which no researcher would time against). Idempotent.
set -euo pipefail
if /usr/bin/python3 -c "import numpy" 2>/dev/null && [ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ]; then
  echo "install-numpy: python3-numpy and OpenBLAS already present; nothing to do."
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-numpy "" python3-numpy libopenblas0-pthread
