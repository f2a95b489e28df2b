"""Exceptions raised by fastpr, and the mapping from libfastpr's status codes to them."""


class MklNotFoundError(RuntimeError):
    """Intel MKL (libmkl_rt.so) could not be found or loaded; the message says what was tried and how to install it."""


class MklError(RuntimeError):
    """MKL loaded but refused a setting or a call."""


class EngineBusyError(RuntimeError):
    """An engine was stepped from two threads at once: use one engine per thread."""


# Status codes of fastpr.h.
OK = 0
ARGUMENT = 1
HANDLE = 2
MKL_NOT_FOUND = 3
MKL = 4
BUSY = 5
BUFFER_TOO_SMALL = 6
INTERNAL = 7

_EXCEPTIONS = {
    ARGUMENT: ValueError,
    HANDLE: ValueError,
    MKL_NOT_FOUND: MklNotFoundError,
    MKL: MklError,
    BUSY: EngineBusyError,
}


def error_for(status, message):
    """The exception for a non-zero status code, carrying the library's one-line message."""
    return _EXCEPTIONS.get(status, RuntimeError)(message or f"libfastpr failed with status {status}")
