#!/usr/bin/env bash
# Installs Intel MKL's single dynamic library (libmkl_rt.so) from the distribution's packages, and a C compiler:
# FastPR.Native builds with it the few-byte shim that gives non-Intel CPUs MKL's fast kernels (MklStartup.cs).
# Idempotent: does nothing when libmkl_rt.so resolves and cc exists.
set -euo pipefail

mkl_resolves() {
  if [ -n "${FASTPR_MKL_PATH:-}" ] && [ -f "${FASTPR_MKL_PATH}" ]; then return 0; fi
  ldconfig -p 2>/dev/null | grep 'libmkl_rt\.so' >/dev/null && return 0
  for d in /usr/lib/x86_64-linux-gnu /usr/lib /usr/local/lib /opt/intel/oneapi/mkl/latest/lib /opt/intel/oneapi/mkl/latest/lib/intel64; do
    compgen -G "$d/libmkl_rt.so*" >/dev/null && return 0
  done
  return 1
}

if mkl_resolves && command -v cc >/dev/null 2>&1; then
  echo "install-mkl: libmkl_rt.so and a C compiler already present; nothing to do."
  exit 0
fi

if [ ! -r /etc/os-release ]; then
  echo "install-mkl: cannot identify this OS (no /etc/os-release). Install Intel MKL yourself and set FASTPR_MKL_PATH=/path/to/libmkl_rt.so." >&2
  exit 1
fi
. /etc/os-release
family="${ID:-unknown} ${ID_LIKE:-}"

# Commands that enable the component holding libmkl-rt, then install it.
case "$family" in
  *ubuntu*)
    enable='if command -v add-apt-repository >/dev/null; then add-apt-repository -y multiverse; else sed -i -E "/^Components:/{/multiverse/!s/$/ multiverse/}" /etc/apt/sources.list.d/*.sources 2>/dev/null || true; sed -i -E "/^deb /{/multiverse/!s/$/ multiverse/}" /etc/apt/sources.list 2>/dev/null || true; fi'
    ;;
  *debian*)
    # deb822 form (bookworm and later) and the classic one-line form.
    enable='for f in /etc/apt/sources.list.d/*.sources; do [ -f "$f" ] && sed -i -E "/^Components:/{/non-free( |$)/!s/$/ non-free/}" "$f"; done; [ -f /etc/apt/sources.list ] && sed -i -E "/^deb(-src)? /{/ non-free( |$)/!s/$/ contrib non-free/}" /etc/apt/sources.list; true'
    ;;
  *)
    echo "install-mkl: unsupported OS '${PRETTY_NAME:-$ID}'. FastPR needs Intel MKL's libmkl_rt.so; install oneMKL from Intel and set FASTPR_MKL_PATH=/path/to/libmkl_rt.so." >&2
    exit 1
    ;;
esac
packages="libmkl-rt"
command -v cc >/dev/null 2>&1 || packages="$packages gcc"
bash "$(dirname "$0")/apt-install.sh" install-mkl "$enable" $packages

if ! command -v cc >/dev/null 2>&1; then
  echo "install-mkl: gcc installed but cc does not resolve; MKL will run its generic kernels on non-Intel CPUs." >&2
fi
if mkl_resolves; then
  echo "install-mkl: libmkl_rt.so installed."
else
  echo "install-mkl: libmkl-rt installed but libmkl_rt.so does not resolve; set FASTPR_MKL_PATH." >&2
  exit 1
fi
