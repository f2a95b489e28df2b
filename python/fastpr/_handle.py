"""The base of Python objects that own a libfastpr handle."""

import ctypes
from typing import Optional


class NativeHandle:
    """Owns one handle of libfastpr and frees it exactly once (on ``close``, on leaving a ``with`` block, or when collected).

    A handle belongs to one load of the library (``_native.lib.generation``). In a forked child the library is loaded afresh,
    and a handle from before the fork is rebuilt by ``_rebuild`` (or refused by it); it is never passed to the new library
    and never freed through the old one, whose runtime did not survive the fork.
    """

    _free_name: str = ""  # the library's fastpr_*_free for this kind

    def __init__(self) -> None:
        self._handle = ctypes.c_void_p()
        self._generation: Optional[int] = None

    def _adopt(self) -> ctypes.c_void_p:
        """Marks the handle just written into ``self._handle`` as belonging to the current load of the library."""
        from ._native import lib
        lib.current()
        self._generation = lib.generation
        return self._handle

    @property
    def _live(self) -> ctypes.c_void_p:
        """The handle, or a ValueError once closed; rebuilt first when made before a fork."""
        if not self._handle:
            raise ValueError(f"this {type(self).__name__} has been closed.")
        from ._native import lib
        lib.current()
        if self._generation != lib.generation:
            self._handle = ctypes.c_void_p()
            self._rebuild()
            self._generation = lib.generation
        return self._handle

    def _rebuild(self) -> None:
        """Makes the native object again in a forked child, or raises saying why it cannot."""
        raise RuntimeError(f"this {type(self).__name__} was made before os.fork(); make a new one in the child process.")

    def close(self) -> None:
        """Frees the native object now; using this object afterwards raises ValueError."""
        if self._handle:
            from ._native import check, lib
            lib.current()
            if self._generation == lib.generation:
                check(getattr(lib, self._free_name)(self._handle))
            self._handle = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exception) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass  # interpreter shutdown or a busy engine: the process reclaims it
