"""The base of Python objects that own a libfastpr handle."""

import ctypes


class NativeHandle:
    """Owns one handle of libfastpr and frees it exactly once (on ``close``, on leaving a ``with`` block, or when collected)."""

    _free = None  # the library's fastpr_*_free for this kind

    def __init__(self):
        self._handle = ctypes.c_void_p()

    @property
    def _live(self):
        """The handle, or a ValueError once closed."""
        if not self._handle:
            raise ValueError(f"this {type(self).__name__} has been closed.")
        return self._handle

    def close(self):
        """Frees the native object now; using this object afterwards raises ValueError."""
        if self._handle:
            from ._native import check
            check(type(self)._free(self._handle))
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass  # interpreter shutdown or a busy engine: the process reclaims it
