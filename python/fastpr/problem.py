"""Problem: the spectrum Q, the teacher w*, the initial point w(0) and the label noise σ."""

import ctypes
from typing import Any, Dict, Mapping, Optional

import numpy as np

from ._handle import NativeHandle
from ._native import check, lib, pointer, vector

_INITS = {"sphere": 0, "gaussian": 1}


def _code(table: Mapping[str, int], value: Any, name: str) -> int:
    """The C code of a named choice ("auto", "sphere", ...): a TypeError for a non-string, a ValueError listing the choices."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, one of {', '.join(map(repr, table))}; got {type(value).__name__} {value!r}.")
    try:
        return table[value]
    except KeyError:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, table))}, got {value!r}.") from None


def _integer(value: Any, name: str, low: int, high: int) -> int:
    """An int in [low, high]: a TypeError naming the parameter for any other type (bool included), a ValueError out of range."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}.")
    value = int(value)
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in [{low}, {high}], got {value}.")
    return value


def _real(value: Any, name: str) -> float:
    """A float from an int or float (not a string, not a bool): a TypeError naming the parameter otherwise; range and
    finiteness are checked by the library."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}.")
    return float(value)


def _flag(value: Any, name: str) -> bool:
    """A bool, or a TypeError naming the parameter."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}.")
    return bool(value)


class Problem(NativeHandle):
    """One problem instance (docs/MODEL.md §1): eigenvalues λ of Q, teacher w*, initial point w(0), label noise σ.

    ``Problem(eigenvalues, teacher=None, w0=None)`` builds one on given eigenvalues (finite, > 0, any order); a missing teacher
    or initial point is drawn from ``problem_seed`` as for a power law. ``Problem.power_law(d, a)`` builds the paper's power law.
    Problems are immutable and may be shared between threads and engines. They pickle (to send to a worker process) and
    compare equal when their eigenvalues, teacher, w(0) and σ are the same bits.
    """

    _free_name = "fastpr_problem_free"

    def __init__(self, eigenvalues: np.ndarray, teacher: Optional[np.ndarray] = None, w0: Optional[np.ndarray] = None, *,
                 sigma: float = 0.0, scale_teacher: bool = True, init: str = "sphere", problem_seed: int = 0) -> None:
        """Builds a problem on ``eigenvalues`` (1-D float64 array).

        :param teacher: w* (length d) or None to draw it; scaled to s* = w*ᵀQw* = 1 unless ``scale_teacher`` is False.
        :param w0: the initial point (length d), used as given, or None to draw it (``init``: "sphere" or "gaussian").
        :param sigma: label-noise standard deviation σ ≥ 0.
        :param problem_seed: seed of whatever is drawn.
        """
        super().__init__()
        eigenvalues = vector(eigenvalues, "eigenvalues")
        d = eigenvalues.shape[0]
        if d < 1:
            raise ValueError("eigenvalues must not be empty.")
        teacher = None if teacher is None else vector(teacher, "teacher", d)
        w0 = None if w0 is None else vector(w0, "w0", d)
        self._recipe = ("eigenvalues", eigenvalues.copy(), None if teacher is None else teacher.copy(), None if w0 is None else w0.copy(),
                        _flag(scale_teacher, "scale_teacher"), _real(sigma, "sigma"), init, problem_seed)
        self._make()

    def _make(self) -> None:
        """Makes the native problem from ``self._recipe`` (at construction, and again in a forked child)."""
        if self._recipe[0] == "power_law":
            _, d, a, normalized, sigma, init, problem_seed = self._recipe
            check(lib.fastpr_problem_power_law(
                _integer(d, "d", 1, 2**31 - 1), _real(a, "a"), 1 if _flag(normalized, "normalized") else 0, _real(sigma, "sigma"),
                _code(_INITS, init, "init"), _integer(problem_seed, "problem_seed", 0, 2**64 - 1), ctypes.byref(self._handle)))
            self._adopt()
            self._describe()
            return
        _, eigenvalues, teacher, w0, scale_teacher, sigma, init, problem_seed = self._recipe
        d = eigenvalues.shape[0]
        check(lib.fastpr_problem_from_eigenvalues(
            pointer(eigenvalues), d, None if teacher is None else pointer(teacher), None if w0 is None else pointer(w0),
            1 if scale_teacher else 0, _real(sigma, "sigma"), _code(_INITS, init, "init"),
            _integer(problem_seed, "problem_seed", 0, 2**64 - 1), ctypes.byref(self._handle)))
        self._adopt()
        self._describe()

    @classmethod
    def power_law(cls, d: int, a: float, *, sigma: float = 0.0, normalized: bool = True, init: str = "sphere",
                  problem_seed: int = 0) -> "Problem":
        """The power law λ_i ∝ i^(−a) (trace-normalised unless ``normalized`` is False), with teacher (s* = 1) and w(0)
        drawn from ``problem_seed`` exactly as ``fastpr simulate --d --a --sigma --init --problem-seed`` draws them."""
        self = cls.__new__(cls)
        NativeHandle.__init__(self)
        self._recipe = ("power_law", d, a, normalized, sigma, init, problem_seed)
        self._make()
        return self

    def _rebuild(self) -> None:
        self._make()

    def __reduce__(self):
        """Pickles the recipe (the arguments it was made from), which rebuilds the same problem bit for bit."""
        return (_unpickle, (self._recipe,))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.d == other.d and self.sigma == other.sigma
                and all(np.array_equal(a.view(np.uint64), b.view(np.uint64)) for a, b in (
                    (self.eigenvalues(), other.eigenvalues()), (self.teacher(), other.teacher()),
                    (self.initial_point(), other.initial_point()))))

    __hash__ = None  # mutable handle, equality by value: not hashable

    def _describe(self) -> None:
        """Caches d and σ, read on every call."""
        d, sigma = ctypes.c_int64(), ctypes.c_double()
        check(lib.fastpr_problem_dimension(self._handle, ctypes.byref(d)))
        check(lib.fastpr_problem_sigma(self._handle, ctypes.byref(sigma)))
        self._d, self._sigma = d.value, sigma.value

    @property
    def d(self) -> int:
        """The dimension d."""
        return self._d

    @property
    def sigma(self) -> float:
        """The label-noise standard deviation σ."""
        return self._sigma

    def _vector(self, name: str) -> np.ndarray:
        """A fresh length-d array filled by one of the fastpr_problem_* copy functions."""
        out = np.empty(self._d, dtype=np.float64)
        handle = self._live
        check(getattr(lib, name)(handle, pointer(out), self._d))
        return out

    def initial_point(self) -> np.ndarray:
        """A fresh float64 copy of w(0), owned by the caller (step it in place with an Engine)."""
        return self._vector("fastpr_problem_initial_point")

    def teacher(self) -> np.ndarray:
        """A copy of the teacher w*."""
        return self._vector("fastpr_problem_teacher")

    def eigenvalues(self) -> np.ndarray:
        """A copy of the eigenvalues λ_1 ≥ … (the order the problem uses)."""
        return self._vector("fastpr_problem_eigenvalues")

    def theory(self) -> Dict[str, Optional[float]]:
        """The theory summary (docs/MODEL.md §4) as a dict: lambda_1, h_da, sigma_star_sq, s_star, u0, rho, c, t1_predicted,
        cutoff_time, teacher_averaged_exponent, bound_exponent; None where the theory has no value."""
        from .theory import Theory
        with Theory(self) as theory:
            return theory.values()

    def phase_three(self, w: np.ndarray, t0: float, times: Any) -> np.ndarray:
        """Phase III's predicted MSE at each of ``times`` (≥ t0) from the state ``w`` at time ``t0``, as a float64 array."""
        from .theory import Theory
        with Theory(self) as theory:
            return theory.phase_three(w, t0, times)

    def __repr__(self) -> str:
        return f"fastpr.Problem(d={self._d}, sigma={self._sigma})"


def _unpickle(recipe: tuple) -> Problem:
    """Rebuilds a pickled Problem from its recipe."""
    self = Problem.__new__(Problem)
    NativeHandle.__init__(self)
    self._recipe = recipe
    self._make()
    return self


def statistics(problem: Problem, w: np.ndarray) -> Dict[str, float]:
    """The exact statistics of the state ``w`` (docs/MODEL.md §2) as a dict of floats: s, u, loss, mse, one_minus_u, s2, u2.

    A diverged (non-finite) ``w`` is allowed and gives non-finite statistics.
    """
    if not isinstance(problem, Problem):
        raise TypeError(f"problem must be a fastpr.Problem, got {type(problem).__name__}.")
    w = vector(w, "w", problem.d)
    out = np.empty(len(STATISTICS), dtype=np.float64)
    check(lib.fastpr_statistics(problem._live, pointer(w), w.shape[0], pointer(out), out.shape[0]))
    return {name: float(value) for name, value in zip(STATISTICS, out)}


STATISTICS = ("s", "u", "loss", "mse", "one_minus_u", "s2", "u2")

