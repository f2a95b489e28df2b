"""Loads libfastpr.so and declares the C ABI of fastpr.h for ctypes.

The library is looked for in FASTPR_LIB (a file path) when set, else next to this package: libfastpr_v4.so (x86-64-v4) on a CPU
with AVX-512, libfastpr.so (x86-64-v3) on any other AVX2 CPU. The CPU is checked first (``_cpu.check``): NativeAOT's runtime
would abort the process on a CPU older than the library's level.

ctypes.CDLL releases the GIL around every call, so a long ``step`` lets other Python threads run.

Fork: the .NET runtime inside libfastpr.so does not survive ``fork()`` (its worker and GC threads are not copied into the
child, and a child's call could wait for them forever). So in a forked child the first call loads a fresh copy of the
library (a copy of the file, which the dynamic loader treats as a new library with a new runtime), and objects made before
the fork are rebuilt from their recipe (Problem) or refuse with a clear error (Engine).
"""

import ctypes
import os
import shutil
import tempfile
import threading
from typing import Any, Callable, Dict

import numpy as np

from . import _cpu, errors

ABI_VERSION = 2

_c_double_p = ctypes.POINTER(ctypes.c_double)
_handle_p = ctypes.POINTER(ctypes.c_void_p)
_i32, _i64, _u64, _f64, _h = ctypes.c_int32, ctypes.c_int64, ctypes.c_uint64, ctypes.c_double, ctypes.c_void_p
_text = [ctypes.c_char_p, _i64, ctypes.POINTER(_i64)]

_SIGNATURES = {
    "fastpr_abi_version": [ctypes.POINTER(_i32)],
    "fastpr_version": _text,
    "fastpr_mkl_load": [],
    "fastpr_mkl_info": _text,
    "fastpr_problem_power_law": [_i32, _f64, _i32, _f64, _i32, _u64, _handle_p],
    "fastpr_problem_from_eigenvalues": [_c_double_p, _i64, _c_double_p, _c_double_p, _i32, _f64, _i32, _u64, _handle_p],
    "fastpr_problem_dimension": [_h, ctypes.POINTER(_i64)],
    "fastpr_problem_sigma": [_h, _c_double_p],
    "fastpr_problem_initial_point": [_h, _c_double_p, _i64],
    "fastpr_problem_teacher": [_h, _c_double_p, _i64],
    "fastpr_problem_eigenvalues": [_h, _c_double_p, _i64],
    "fastpr_problem_free": [_h],
    "fastpr_engine_create": [_h, _i32, _i32, _i32, _f64, _f64, _u64, _i32, _handle_p],
    "fastpr_engine_step": [_h, _c_double_p, _i64, _i64],
    "fastpr_engine_info": [_h] + _text,
    "fastpr_engine_free": [_h],
    "fastpr_statistics": [_h, _c_double_p, _i64, _c_double_p, _i64],
    "fastpr_simulate": [_h, _i32, _i32, _i32, _i32, _f64, _f64, _i64, _f64, _i32, _i32, _i32, _u64, _handle_p],
    "fastpr_simulate_options": [_h, ctypes.c_char_p, _h, _handle_p],
    "fastpr_run_shape": [_h, ctypes.POINTER(_i64), ctypes.POINTER(_i64)],
    "fastpr_run_columns": [_h] + _text,
    "fastpr_run_table": [_h, _c_double_p, _i64],
    "fastpr_run_members": [_h, ctypes.POINTER(_i64)],
    "fastpr_run_member_shape": [_h, _i32, ctypes.POINTER(_i64), ctypes.POINTER(_i64)],
    "fastpr_run_member_table": [_h, _i32, _c_double_p, _i64],
    "fastpr_run_info": [_h] + _text,
    "fastpr_run_summary": [_h] + _text,
    "fastpr_run_free": [_h],
    "fastpr_monitor_create": [_handle_p],
    "fastpr_monitor_cancel": [_h],
    "fastpr_monitor_progress": [_h, _c_double_p, _c_double_p, ctypes.POINTER(_i64), ctypes.POINTER(_i64)],
    "fastpr_monitor_free": [_h],
    "fastpr_theory_create": [_h, _handle_p],
    "fastpr_theory_values": [_h, _c_double_p, _i64],
    "fastpr_theory_phase_three": [_h, _c_double_p, _i64, _f64, _c_double_p, _c_double_p, _i64],
    "fastpr_theory_free": [_h],
}


LEVEL_VARIABLE = "FASTPR_X86_64_LEVEL"


def _library_path() -> str:
    """FASTPR_LIB when set (it must exist); else, next to this package, libfastpr_v4.so where the CPU has x86-64-v4's
    AVX-512 (unless FASTPR_X86_64_LEVEL=v3 asks for the AVX2 build), and libfastpr.so (x86-64-v3) otherwise."""
    override = os.environ.get("FASTPR_LIB")
    if override:
        if not os.path.isfile(override):
            raise OSError(f"FASTPR_LIB={override} does not exist; point it at libfastpr.so (./build.sh --target=Python builds it).")
        return os.path.abspath(override)
    folder = os.path.dirname(os.path.abspath(__file__))
    level = os.environ.get(LEVEL_VARIABLE, "")
    if level not in ("", "v3", "v4"):
        raise ImportError(f"{LEVEL_VARIABLE}={level} is not a level fastpr ships: use v3 (AVX2) or v4 (AVX-512), or unset it.")
    v4 = os.path.join(folder, "libfastpr_v4.so")
    if level == "v4":
        if not _cpu.has_x86_64_v4():
            raise ImportError(f"{LEVEL_VARIABLE}=v4 asks for the AVX-512 build, but this CPU lacks x86-64-v4's "
                              f"{', '.join(n for n, present in _cpu.features(optional=True).items() if not present)}.")
        if not os.path.isfile(v4):
            raise ImportError(f"{LEVEL_VARIABLE}=v4 asks for {v4}, which this package does not carry.")
        return v4
    if level == "" and os.path.isfile(v4) and _cpu.has_x86_64_v4():
        return v4
    here = os.path.join(folder, "libfastpr.so")
    if not os.path.isfile(here):
        raise OSError(f"libfastpr.so is not next to the fastpr package ({here}); run ./build.sh --target=Python, "
                      "or set FASTPR_LIB=/path/to/libfastpr.so.")
    return here


def _open(path: str) -> ctypes.CDLL:
    """Loads the library at ``path``, declares every signature of fastpr.h and checks the ABI version."""
    library = ctypes.CDLL(path)
    for name, arguments in _SIGNATURES.items():
        function = getattr(library, name)
        function.argtypes = arguments
        function.restype = _i32
    library.fastpr_last_error.argtypes = []
    library.fastpr_last_error.restype = ctypes.c_char_p
    version = _i32()
    library.fastpr_abi_version(ctypes.byref(version))
    if version.value != ABI_VERSION:
        raise OSError(f"{library._name} has C ABI version {version.value}; this fastpr package needs {ABI_VERSION}. Rebuild both together.")
    return library


def _fresh_copy(path: str) -> str:
    """A copy of the library's folder (the library and its MKL dispatch shims) under a new path, for a forked child."""
    folder = tempfile.mkdtemp(prefix=f"fastpr-{os.getpid()}-")
    source = os.path.dirname(path)
    for name in os.listdir(source):
        if name == os.path.basename(path) or (name.startswith("libfastpr_mkl_") and name.endswith(".so")):
            shutil.copy2(os.path.join(source, name), os.path.join(folder, name))
    copy = os.path.join(folder, os.path.basename(path))
    if not os.path.isfile(copy):
        shutil.copy2(path, copy)
    return copy


class _Library:
    """The loaded library, reloaded from a fresh copy on first use in a forked child; ``generation`` counts the loads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._path = _library_path()
        self._library = _open(self._path)
        self._pid = os.getpid()
        self.generation = 0

    def current(self) -> ctypes.CDLL:
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    copy = _fresh_copy(self._path)
                    try:
                        self._library = _open(copy)
                        # MKL's dispatch shims are loaded from the library's folder: load them now, so the folder can go
                        # (the mappings stay) and forked children leave nothing behind. MKL missing is reported later, as usual.
                        self._library.fastpr_mkl_load()
                    finally:
                        shutil.rmtree(os.path.dirname(copy), ignore_errors=True)
                    self._pid = os.getpid()
                    self.generation += 1
        return self._library

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current(), name)


_cpu.check()
lib = _Library()


def check(status: int) -> None:
    """Raises the exception for a non-zero status, with this thread's last error message."""
    if status != errors.OK:
        message = lib.fastpr_last_error()
        raise errors.error_for(status, message.decode("utf-8", "replace") if message else "")


def text(function: Callable[..., int], *arguments: Any) -> str:
    """Calls a string-returning function (buffer, capacity, needed), growing the buffer once if needed."""
    needed = _i64(0)
    buffer = ctypes.create_string_buffer(1024)
    status = function(*arguments, buffer, len(buffer), ctypes.byref(needed))
    if status == errors.BUFFER_TOO_SMALL:
        buffer = ctypes.create_string_buffer(needed.value)
        status = function(*arguments, buffer, len(buffer), ctypes.byref(needed))
    check(status)
    return buffer.value.decode("utf-8")


def key_values(function: Callable[..., int], *arguments: Any) -> Dict[str, str]:
    """A string-returning function's key=value lines as a dict."""
    pairs = (line.split("=", 1) for line in text(function, *arguments).splitlines() if "=" in line)
    return {key: value for key, value in pairs}


def pointer(array: np.ndarray) -> Any:
    """The data pointer of a float64 ndarray, for a call that reads or writes it in place."""
    return array.ctypes.data_as(_c_double_p)


def vector(value: Any, name: str, length: int = None, writable: bool = False) -> np.ndarray:
    """Checks that ``value`` is a 1-D, C-contiguous float64 ndarray of the given length, to be passed without a copy.

    A copy would silently break ``step``'s in-place contract, so nothing is converted: the caller's array is used as is, or
    a ValueError says what is wrong.
    """
    if not isinstance(value, np.ndarray):
        raise ValueError(f"{name} must be a numpy.ndarray of float64, got {type(value).__name__}.")
    if value.dtype != np.float64:
        raise ValueError(f"{name} must have dtype float64, got {value.dtype}; convert with {name}.astype(numpy.float64).")
    if value.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {value.shape}.")
    if not value.flags.c_contiguous:
        raise ValueError(f"{name} must be C-contiguous (a strided view cannot be updated in place); pass numpy.ascontiguousarray({name}) and use the result.")
    if writable and not value.flags.writeable:
        raise ValueError(f"{name} is read-only; step updates it in place.")
    if length is not None and value.shape[0] != length:
        raise ValueError(f"{name} must have length {length}, got {value.shape[0]}.")
    return value
