"""The library's identity: FastPR's version, the C ABI version, and Intel MKL's state."""

import ctypes

from ._native import check, key_values, lib, text


def version():
    """FastPR's version string, e.g. "0.2.0-g1a2b3c4d+…"."""
    return text(lib.fastpr_version)


def abi_version():
    """The C ABI version of the loaded libfastpr.so (fastpr.h's FASTPR_ABI_VERSION)."""
    value = ctypes.c_int32()
    check(lib.fastpr_abi_version(ctypes.byref(value)))
    return value.value


def mkl_info():
    """Intel MKL as FastPR loaded it, as a dict of strings: available ("1"/"0"), cpu, and path, version, threading,
    dispatch, dispatch_note, cnr when available, else error (why not)."""
    return key_values(lib.fastpr_mkl_info)


def require_mkl():
    """Loads MKL now; raises fastpr.MklNotFoundError (or MklError) with the loader's reason when it cannot."""
    check(lib.fastpr_mkl_load())
