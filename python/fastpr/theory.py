"""Theory: the theory summary of a problem and Phase III's prediction from a state."""

import ctypes
import math
from typing import TYPE_CHECKING, Any, Dict, Optional

import numpy as np

from ._handle import NativeHandle
from ._native import check, lib, pointer, vector

if TYPE_CHECKING:
    from .problem import Problem  # noqa: F401

NAMES = ("lambda_1", "h_da", "sigma_star_sq", "s_star", "u0", "rho", "c", "t1_predicted", "cutoff_time",
         "teacher_averaged_exponent", "bound_exponent")


class Theory(NativeHandle):
    """The theory summary of one problem (``Problem.theory()`` is the usual way in)."""

    _free_name = "fastpr_theory_free"

    def __init__(self, problem: "Problem") -> None:
        """Computes the summary of ``problem`` (O(d), plus about 50 O(d) passes for the growth rate)."""
        super().__init__()
        self._d = problem.d
        check(lib.fastpr_theory_create(problem._live, ctypes.byref(self._handle)))
        self._adopt()

    def values(self) -> Dict[str, Optional[float]]:
        """The summary as a dict; None where the theory has no value (e.g. rho without a growth rate)."""
        out = np.empty(len(NAMES), dtype=np.float64)
        check(lib.fastpr_theory_values(self._live, pointer(out), out.shape[0]))
        return {name: None if math.isnan(value) else float(value) for name, value in zip(NAMES, out)}

    def phase_three(self, w: np.ndarray, t0: float, times: Any) -> np.ndarray:
        """Phase III's predicted MSE at ``times`` (each ≥ t0) from the finite state ``w`` at time ``t0``."""
        w = vector(w, "w", self._d)
        times = np.ascontiguousarray(np.atleast_1d(np.asarray(times, dtype=np.float64)))
        if times.ndim != 1:
            raise ValueError(f"times must be a number or a 1-D sequence, got shape {times.shape}.")
        out = np.empty_like(times)
        check(lib.fastpr_theory_phase_three(self._live, pointer(w), w.shape[0], float(t0), pointer(times), pointer(out), times.shape[0]))
        return out
