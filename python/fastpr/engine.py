"""Engine: one SGD engine stepping a caller's NumPy array in place."""

import ctypes
import math

from ._handle import NativeHandle
from ._native import check, key_values, lib, pointer, vector
from .problem import Problem, _code, _integer, _real

ENGINES = {"auto": 0, "reference": 1, "mkl": 2, "projected": 3}
SOURCES = {"auto": 0, "mkl": 1, "managed": 2, "ziggurat": 3}


class Engine(NativeHandle):
    """An online minibatch SGD engine (docs/MODEL.md §3.1) with its own Gaussian stream.

    Member ``member`` of run seed ``seed`` draws the same stream as member ``member`` of ``fastpr.simulate`` (and of
    ``fastpr simulate``) with the same seed, engine and source, so stepping w(0) reproduces that run bit for bit.

    Thread safety: one engine per thread. Engines on different threads run in parallel (``step`` releases the GIL);
    stepping one engine from two threads at once raises ``fastpr.EngineBusyError``.
    """

    _free = lib.fastpr_engine_free

    def __init__(self, problem, kind="auto", *, source="auto", batch=1, eta=1e-3, sigma=None, seed=0, member=0):
        """Creates the engine.

        :param kind: "auto" (as the CLI: MKL at B = 1 when it loads, else the projected engine when it draws fewer
            normals), "reference", "mkl" or "projected".
        :param source: Gaussian source: "auto" (the ziggurat), "mkl", "managed" or "ziggurat".
        :param batch: minibatch size B ≥ 1.
        :param eta: step size η > 0.
        :param sigma: label noise σ ≥ 0, or None for the problem's.
        :param seed: run seed; ``member`` ≥ 0 picks the ensemble member's stream.
        """
        super().__init__()
        if not isinstance(problem, Problem):
            raise ValueError(f"problem must be a fastpr.Problem, got {type(problem).__name__}.")
        self._d = problem.d
        check(lib.fastpr_engine_create(
            problem._live, _code(ENGINES, kind, "kind"), _code(SOURCES, source, "source"), _integer(batch, "batch", 1, 2**31 - 1),
            _real(eta, "eta"), math.nan if sigma is None else _real(sigma, "sigma"), _integer(seed, "seed", 0, 2**64 - 1),
            _integer(member, "member", 0, 2**31 - 1), ctypes.byref(self._handle)))
        self.info = key_values(lib.fastpr_engine_info, self._handle)
        """What was built, as a dict of strings: engine, source, batch, eta, sigma, gaussians_per_step, reason."""

    @property
    def name(self):
        """The engine actually built: "mkl", "projected" or "reference"."""
        return self.info["engine"]

    def step(self, w, n=1):
        """Advances ``w`` in place by ``n`` ≥ 0 SGD steps and returns it.

        ``w`` must be a writable, C-contiguous, 1-D float64 ndarray of length d with finite values; it is updated in place
        (no copy). The GIL is released for the duration, so other Python threads run meanwhile.
        """
        w = vector(w, "w", self._d, writable=True)
        check(lib.fastpr_engine_step(self._live, pointer(w), self._d, _integer(n, "n", 0, 2**63 - 1)))
        return w

    def __repr__(self):
        return f"fastpr.Engine({self.info.get('engine')}, source={self.info.get('source')}, batch={self.info.get('batch')}, eta={self.info.get('eta')})"
