"""simulate: an SGD ensemble, population GD or the gradient flow, as ``fastpr simulate`` runs them."""

import ctypes
import math

import numpy as np

from ._native import check, key_values, lib, pointer, text
from .engine import ENGINES, SOURCES
from .problem import Problem, _code, _integer, _real

ALGORITHMS = {"sgd": 0, "gd": 1, "flow": 2, "sgd-ode": 3, "sgd-sde": 4}


def simulate(problem, algorithm="sgd", *, engine="auto", source="auto", batch=1, eta=1e-3, sigma=None, steps=None, time=None,
             records=200, seeds=1, threads=None, seed=0):
    """Runs one simulation (Simulator.Run, as ``fastpr simulate``) and returns its recorded trajectory.

    :param algorithm: "sgd", "gd", "flow", "sgd-ode" or "sgd-sde" (stride 1).
    :param engine, source, batch, eta, sigma: as for :class:`fastpr.Engine`; eta also converts steps to time for GD.
    :param steps: number of steps, or None to use ``time``; ``time``: horizon T, or None for the algorithm's default.
    :param records: number of log-spaced checkpoints (≥ 2) including t = 0 and the end.
    :param seeds: ensemble size (SGD only); member m uses ``Engine(..., seed=seed, member=m)``'s stream.
    :param threads: worker threads for the ensemble, or None for the processor count (results do not depend on it).
    :returns: a dict of float64 arrays, one per column of trajectory.csv (t, step, s, u, loss, mse, one_minus_u, s2, u2;
        for an ensemble the means, then each statistic's _std, _q05, _q95, members and u_aligned, the mean of each member's u
        times the sign of its own final u), plus "info": a dict with the
        stepper, source, status ("completed", "diverged"), diverged_at_step and engine_reason.
    """
    if not isinstance(problem, Problem):
        raise ValueError(f"problem must be a fastpr.Problem, got {type(problem).__name__}.")
    handle = ctypes.c_void_p()
    check(lib.fastpr_simulate(
        problem._live, _code(ALGORITHMS, algorithm, "algorithm"), _code(ENGINES, engine, "engine"), _code(SOURCES, source, "source"),
        _integer(batch, "batch", 1, 2**31 - 1), _real(eta, "eta"), math.nan if sigma is None else _real(sigma, "sigma"),
        -1 if steps is None else _integer(steps, "steps", 0, 2**63 - 1), math.nan if time is None else _real(time, "time"),
        _integer(records, "records", -2**31, 2**31 - 1), _integer(seeds, "seeds", -2**31, 2**31 - 1),
        0 if threads is None else _integer(threads, "threads", 1, 2**31 - 1), _integer(seed, "seed", 0, 2**64 - 1),
        ctypes.byref(handle)))
    try:
        rows, columns = ctypes.c_int64(), ctypes.c_int64()
        check(lib.fastpr_run_shape(handle, ctypes.byref(rows), ctypes.byref(columns)))
        names = text(lib.fastpr_run_columns, handle).split(",")
        table = np.empty((rows.value, columns.value), dtype=np.float64)
        check(lib.fastpr_run_table(handle, pointer(table), table.size))
        result = {name: np.ascontiguousarray(table[:, k]) for k, name in enumerate(names)}
        result["info"] = key_values(lib.fastpr_run_info, handle)
        return result
    finally:
        lib.fastpr_run_free(handle)
