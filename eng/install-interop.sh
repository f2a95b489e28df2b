#!/usr/bin/env bash
# Installs what libfastpr.so and the Python package need from the distribution's packages: clang and zlib1g-dev (NativeAOT
# links with them); Debian's python3 with NumPy and pytest (the package's only dependency, and its tests), venv and pip (CI
# installs the wheel into a fresh virtual environment), hatchling (the wheel's build backend), pandas (to_pandas's tests) and
# qemu-user-static (the tests run the wheel on an emulated AVX2 CPU without AVX-512).
# Idempotent and quiet: does nothing when all of them are already there.
set -euo pipefail

python="${FASTPR_PYTHON:-/usr/bin/python3}"

missing=""
command -v clang >/dev/null 2>&1 || missing="$missing clang"
[ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
if ! "$python" -c 'import numpy, pytest' >/dev/null 2>&1; then
  # Only Debian's python3 is ours to complete; another interpreter named by FASTPR_PYTHON must bring its own.
  if [ "$python" = /usr/bin/python3 ]; then missing="$missing python3 python3-numpy python3-pytest"; else
    echo "install-interop: $python lacks numpy or pytest; install them for it, or unset FASTPR_PYTHON to use Debian's /usr/bin/python3." >&2
    exit 1
  fi
fi

if [ "$python" = /usr/bin/python3 ]; then
  "$python" -c 'import hatchling' >/dev/null 2>&1 || missing="$missing python3-hatchling"
  "$python" -c 'import pandas' >/dev/null 2>&1 || missing="$missing python3-pandas"
  "$python" -c 'import ensurepip, venv' >/dev/null 2>&1 || missing="$missing python3-venv"
  "$python" -m pip --version >/dev/null 2>&1 || missing="$missing python3-pip"
fi
command -v qemu-x86_64-static >/dev/null 2>&1 || missing="$missing qemu-user-static"

if [ -z "$missing" ]; then
  exit 0
fi

bash "$(dirname "$0")/apt-install.sh" install-interop "" $missing
command -v clang >/dev/null 2>&1 || { echo "install-interop: clang installed but does not resolve." >&2; exit 1; }
"$python" -c 'import numpy, pytest' || { echo "install-interop: $python still lacks numpy or pytest." >&2; exit 1; }
echo "install-interop: done."
