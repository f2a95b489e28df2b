"""Engine: one SGD engine stepping a caller's NumPy array in place."""

import ctypes
import math
import time
from typing import Callable, Dict, Optional

import numpy as np

from ._handle import NativeHandle
from ._native import check, key_values, lib, pointer, vector
from .problem import Problem, _code, _integer, _real

ENGINES = {"auto": 0, "reference": 1, "mkl": 2, "projected": 3}
SOURCES = {"auto": 0, "mkl": 1, "philox": 2, "ziggurat": 3, "managed": 2}  # "managed": philox's former name

# Engine.step runs in pieces of about this many seconds, between which Python handles Ctrl-C and calls the progress callback.
_PIECE_SECONDS = 0.02


class Engine(NativeHandle):
    """An online minibatch SGD engine (docs/MODEL.md §3.1) with its own Gaussian stream.

    Member ``member`` of run seed ``seed`` draws the same stream as member ``member`` of ``fastpr.simulate`` (and of
    ``fastpr simulate``) with the same seed, engine and source, so stepping w(0) reproduces that run bit for bit.

    Thread safety: one engine per thread. Engines on different threads run in parallel (``step`` releases the GIL);
    stepping one engine from two threads at once raises ``fastpr.EngineBusyError``.

    Processes: an engine holds its stream's state inside the library, which a forked child reloads; an engine made before
    ``os.fork()`` raises RuntimeError in the child (make engines in the child; problems cross over by themselves).
    """

    _free_name = "fastpr_engine_free"

    def __init__(self, problem: Problem, kind: str = "auto", *, source: str = "auto", batch: int = 1, eta: float = 1e-3,
                 sigma: Optional[float] = None, seed: int = 0, member: int = 0) -> None:
        """Creates the engine.

        :param kind: "auto" (as the CLI: the projected engine where it draws fewer normals, B ≥ 2, else the explicit "mkl"
            engine), "reference", "mkl" (explicit B×d minibatches in managed sweeps: it calls no MKL) or "projected".
        :param source: Gaussian source: "auto" (the ziggurat), "mkl", "philox" (Philox/Box–Muller; "managed" is its former name) or "ziggurat".
        :param batch: minibatch size B ≥ 1.
        :param eta: step size η > 0.
        :param sigma: label noise σ ≥ 0, or None for the problem's.
        :param seed: run seed; ``member`` ≥ 0 picks the ensemble member's stream.
        """
        super().__init__()
        if not isinstance(problem, Problem):
            raise TypeError(f"problem must be a fastpr.Problem, got {type(problem).__name__}.")
        self._d = problem.d
        self._batch = _integer(batch, "batch", 1, 2**31 - 1)
        check(lib.fastpr_engine_create(
            problem._live, _code(ENGINES, kind, "kind"), _code(SOURCES, source, "source"), self._batch,
            _real(eta, "eta"), math.nan if sigma is None else _real(sigma, "sigma"), _integer(seed, "seed", 0, 2**64 - 1),
            _integer(member, "member", 0, 2**31 - 1), ctypes.byref(self._handle)))
        self._adopt()
        self.info: Dict[str, str] = key_values(lib.fastpr_engine_info, self._handle)
        """What was built, as a dict of strings: engine, source, batch, eta, sigma, gaussians_per_step, reason."""
        # Steps per piece, adapted to the measured speed; the first piece is about 2^20 multiply-adds.
        self._piece = max(1, (1 << 20) // (self._batch * self._d))

    @property
    def name(self) -> str:
        """The engine actually built: "mkl", "projected" or "reference"."""
        return self.info["engine"]

    def step(self, w: np.ndarray, n: int = 1, *, progress: Optional[Callable[[int, int], None]] = None) -> np.ndarray:
        """Advances ``w`` in place by ``n`` ≥ 0 SGD steps and returns it.

        ``w`` must be a writable, C-contiguous, 1-D float64 ndarray of length d with finite values; it is updated in place
        (no copy). The GIL is released while the library steps, so other Python threads run meanwhile.

        The steps run in pieces of about 20 ms: Ctrl-C raises KeyboardInterrupt between two of them, with ``w`` holding the
        state after the last whole step (and the engine's stream just past it, so stepping on continues the same run).
        The pieces do not change the result: n steps in one call or in many give the same bits.

        :param progress: called as ``progress(done, n)`` about once a second (and at the end), when given.
        """
        w = vector(w, "w", self._d, writable=True)
        n = _integer(n, "n", 0, 2**63 - 1)
        if progress is not None and not callable(progress):
            raise TypeError(f"progress must be callable, got {type(progress).__name__}.")
        handle = self._live
        done, last_report = 0, time.monotonic()
        while done < n:
            piece = min(self._piece, n - done)
            started = time.perf_counter()
            check(lib.fastpr_engine_step(handle, pointer(w), self._d, piece))
            elapsed = time.perf_counter() - started
            done += piece
            if piece == self._piece and elapsed > 0:
                self._piece = max(1, min(int(piece * _PIECE_SECONDS / elapsed), 2 * piece))
            if progress is not None and (done == n or time.monotonic() - last_report >= 1.0):
                progress(done, n)
                last_report = time.monotonic()
        return w

    def __repr__(self) -> str:
        return f"fastpr.Engine({self.info.get('engine')}, source={self.info.get('source')}, batch={self.info.get('batch')}, eta={self.info.get('eta')})"
