"""The library's identity: FastPR's version, the C ABI version, Intel MKL's state, and the machine (``info``)."""

import ctypes
import os
import platform
from typing import Any, Dict

from . import _cpu
from ._native import check, key_values, lib, text
from ._version import __version__


def version() -> str:
    """FastPR's full build version, e.g. "0.2.0-g1a2b3c4d+…" (``fastpr.__version__`` is its first part, the package's)."""
    return text(lib.fastpr_version)


def abi_version() -> int:
    """The C ABI version of the loaded libfastpr.so (fastpr.h's FASTPR_ABI_VERSION)."""
    value = ctypes.c_int32()
    check(lib.fastpr_abi_version(ctypes.byref(value)))
    return value.value


def mkl_info() -> Dict[str, str]:
    """Intel MKL as FastPR loaded it, as a dict of strings: available ("1"/"0"), cpu, and path, version, threading,
    dispatch, dispatch_note, cnr when available, else error (why not)."""
    return key_values(lib.fastpr_mkl_info)


def require_mkl() -> None:
    """Loads MKL now; raises fastpr.MklNotFoundError (or MklError) with the loader's reason when it cannot."""
    check(lib.fastpr_mkl_load())


def _library_isa(path: str) -> str:
    """The level the loaded library was compiled for, from its file name (FASTPR_LIB may name any build)."""
    name = os.path.basename(path)
    if name == "libfastpr_v4.so":
        return "x86-64-v4 (AVX-512F/BW/CD/DQ/VL on top of x86-64-v3)"
    if name == "libfastpr.so":
        return "x86-64-v3 (AVX2, FMA, BMI1/2, LZCNT, MOVBE)"
    return f"unknown ({name}, from FASTPR_LIB)"


def info() -> Dict[str, Any]:
    """What ``fastpr info`` reports, as a dict: the package and library versions, the library's file and the ISA it was
    compiled for, the CPU with its AVX-512 features, cores, OS, and MKL (version, kernels, CNR mode, threading, path, or
    the reason it is unavailable)."""
    mkl = mkl_info()
    avx512 = [name for name, present in _cpu.features(optional=True).items() if present]
    return {
        "fastpr_version": __version__,
        "build_version": version(),
        "abi_version": abi_version(),
        "library": lib.current()._name,
        "library_isa": _library_isa(lib.current()._name),
        "library_vector_bits": int(mkl["vector_bits"]) if mkl.get("vector_bits") else None,
        "cpu": mkl.get("cpu"),
        "cpu_avx512": avx512,
        "logical_cores": os.cpu_count(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkl_available": mkl.get("available") == "1",
        "mkl_version": mkl.get("version"),
        "mkl_kernels": f"{mkl['dispatch']}: {mkl.get('dispatch_note', '')}" if mkl.get("dispatch") else None,
        "mkl_cnr": mkl.get("cnr"),
        "mkl_threading": mkl.get("threading"),
        "mkl_path": mkl.get("path"),
        "mkl_error": mkl.get("error"),
    }
