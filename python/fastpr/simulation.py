"""simulate: an SGD ensemble, population GD or the gradient flow, as ``fastpr simulate`` runs them, with every option of it."""

import ctypes
import itertools
import json
import math
import os
import threading
import time as _time
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Union

import numpy as np

from . import errors
from ._native import check, key_values, lib, pointer, text
from .problem import Problem, _flag, _integer, _real

ALGORITHMS = ("sgd", "gd", "flow", "sgd-ode", "sgd-sde")
CLOSURES = ("wick", "high-dimensional")

# How often the waiting thread looks at the run: Ctrl-C is seen within this, and the progress callback is called on this beat.
_POLL_SECONDS = 0.05


class Progress(NamedTuple):
    """How far a running simulation has come, as ``progress`` receives it."""

    fraction: float
    """Share of the planned work done, in [0, 1]."""
    t: float
    """Model time reached (the members' mean for an ensemble)."""
    steps: int
    """Steps (or log-time leaps for the flow and the sgd-ode) done so far, summed over the members."""
    elapsed: float
    """Wall seconds since the call started."""
    remaining: Optional[float]
    """Estimated wall seconds left (elapsed·(1 − fraction)/fraction), None before any work is done."""


def _pandas():
    try:
        import pandas
    except ImportError as error:
        raise ImportError("this needs pandas (an optional dependency): apt-get install python3-pandas, or pip install pandas.") from error
    return pandas


class Run(dict):
    """The result of :func:`simulate`: a dict of float64 arrays, one per column of trajectory.csv, plus ``"info"``.

    Attributes: ``info`` (the same dict as ``run["info"]``, typed values), ``summary`` (the analysis: the very document
    ``fastpr simulate`` writes as summary.json, parsed: numbers are floats and ints, missing values None), ``members`` (each
    member's own trajectory when ``simulate(..., members=True)``, else None), and :meth:`to_pandas` and
    :meth:`analysis_frame` for pandas.
    """

    info: Dict[str, Any]
    summary: Dict[str, Any]
    members: Optional[List[Dict[str, np.ndarray]]] = None
    """With ``simulate(..., members=True)``: member m's own trajectory at ``members[m]``, a dict of float64 arrays with a
    single run's columns (t, step, s, u, loss, mse, one_minus_u, s2, u2), one row per record that member reached (fewer when
    it diverged). Not the ``"members"`` column of an ensemble's table, which counts the members finite at each record."""

    def to_pandas(self):
        """The trajectory as a pandas.DataFrame, one row per record and one column per statistic (needs pandas)."""
        return _pandas().DataFrame({name: values for name, values in self.items() if name != "info"})

    def analysis_frame(self):
        """The analysis as a one-row pandas.DataFrame: summary.json's numbers flattened to columns such as "phases.t1",
        "fits.escape.slope", "final.mse", "escape.t1_median", "parameters.eta" (lists, such as the members, left out)."""
        return _pandas().json_normalize(_without_lists(self.summary))


# summary.json's integer fields; every other number is a float even where JSON wrote it without a point ("t1": 0).
_INTEGER_KEYS = {"d", "batch", "records", "seeds", "threads", "steps", "problem_seed", "seed", "sde_stride", "members", "member",
                 "steps_completed", "diverged_at_step", "gaussians_drawn", "threads_used", "points", "escaped", "step",
                 "logical_cores", "size"}


def _typed_summary(value: Any, key: str = "") -> Any:
    """The parsed summary with ints as ints only in the integer fields, floats elsewhere."""
    if isinstance(value, dict):
        return {k: _typed_summary(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed_summary(v, key) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and key not in _INTEGER_KEYS:
        return float(value)
    return value


def _without_lists(value: Any) -> Any:
    """A JSON value with the lists (members, curves, windows) left out, for one flat row."""
    if isinstance(value, dict):
        return {key: _without_lists(item) for key, item in value.items() if not isinstance(item, list)}
    return value


_INFO_TYPES: Dict[str, Callable[[str], Any]] = {
    "diverged_at_step": int, "records_requested": int, "records": int, "steps_completed": int, "wall_seconds": float,
}


def _typed_info(raw: Dict[str, str]) -> Dict[str, Any]:
    """The run's key=value info with numbers as numbers and empty values as None."""
    return {key: (None if value == "" else _INFO_TYPES.get(key, str)(value)) for key, value in raw.items()}


def _number(value: float) -> str:
    """A float as text .NET parses back to the same bits."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return repr(value)


def _choice(value: Any, name: str, choices: tuple) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, one of {', '.join(map(repr, choices))}; got {type(value).__name__} {value!r}.")
    return value


def _path(value: Any, name: str) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a path (str or os.PathLike), got {type(value).__name__} {value!r}.")
    path = os.fspath(value)
    if "\n" in path:
        raise ValueError(f"{name} must not contain a newline.")
    return path


def simulate(problem: Problem, algorithm: Optional[str] = None, *, engine: Optional[str] = None, source: Optional[str] = None,
             batch: Optional[int] = None, eta: Optional[float] = None, sigma: Optional[float] = None, steps: Optional[int] = None,
             time: Optional[float] = None, records: Optional[int] = None, seeds: Optional[int] = None, threads: Optional[int] = None,
             seed: Optional[int] = None, epsilon: Optional[float] = None, tolerance: Optional[float] = None,
             closure: Optional[str] = None, sde_stride: Optional[int] = None, identical_minibatches: Optional[bool] = None,
             schedule: Optional[str] = None,
             no_predictions: Optional[bool] = None, members: bool = False,
             checkpoint: Union[str, "os.PathLike[str]", None] = None, checkpoint_every: Optional[float] = None,
             resume: Union[str, "os.PathLike[str]", None] = None,
             progress: Optional[Callable[[Progress], None]] = None, progress_every: float = 1.0) -> Run:
    """Runs one simulation (Simulator.Run, exactly as ``fastpr simulate``) and returns its recorded trajectory.

    Every keyword is the CLI option of the same name (``--sde-stride`` is ``sde_stride``, ``--gaussians`` is ``source``); one
    left as None takes the CLI's default, or, when resuming, the checkpoint's value.

    :param algorithm: "sgd" (default), "gd", "flow", "sgd-ode" or "sgd-sde".
    :param engine, source, batch, eta, sigma: as for :class:`fastpr.Engine`; eta also converts steps to time for every
        algorithm. Defaults: "auto", "auto", 1, 1e-3, the problem's σ.
    :param steps: number of steps; ``time``: horizon T (not both; neither: 100 for SGD, 1e5 for GD, 1e7 for the flow and
        the sgd-ode).
    :param records: log-spaced records (≥ 2, default 200) including t = 0 and the end; a run of few steps has fewer distinct
        ones, and ``run.info["records_note"]`` says why.
    :param seeds: ensemble size (SGD and sgd-sde); member m uses ``Engine(..., seed=seed, member=m)``'s stream.
    :param threads: worker threads for the ensemble (default: the processor count); results do not depend on it.
    :param seed: run seed (default 0).
    :param epsilon: ε of the convergence time T2(ε) (default 0.05).
    :param tolerance: relative accuracy of the log-time flow and sgd-ode (default 4e-4).
    :param closure: the sgd-ode's closure, "wick" (default) or "high-dimensional".
    :param sde_stride: SGD steps per sgd-sde step (default 1).
    :param identical_minibatches: require explicit B×d minibatches, pathwise comparable with the reference engine.
    :param schedule: the learning-rate schedule, as ``--schedule`` writes it (docs/MODEL.md §3.9): "constant" (default),
        "cosine:warmup=0.1,final=0", "wsd:warmup=0.05,stable=0.75,shape=cosine", "step:100=0.5,200=0.1",
        "power:t0=10,beta=0.5" or "pairs:linear:0=1e-3,100=5e-4" (a file's (t, η) pairs written inline).
    :param no_predictions: skip SGD's and the sgd-sde's built-in sgd-ode prediction (``summary["sgd_theory"]``); the
        trajectory does not change.
    :param members: also return each member's own trajectory as ``run.members`` (see :attr:`Run.members`): member m's noise
        is ``Engine(..., seed=seed, member=m)``'s stream, so member 0 is the run with ``seeds=1`` and the same seed, bit for bit.
    :param checkpoint: a file to save the run to when it is interrupted (Ctrl-C) and every ``checkpoint_every`` seconds;
        removed when the run ends. ``resume``: a checkpoint file to continue from (to the same bits as an uninterrupted run).
    :param progress: called with a :class:`Progress` about every ``progress_every`` seconds (≤ 1 s) and at the end, on the
        calling thread; an exception it raises stops the run and is raised.
    :returns: a :class:`Run` (with ``run.summary``, the analysis of summary.json): a dict of float64 arrays, one per column of trajectory.csv (t, step, s, u, loss, mse,
        one_minus_u, s2, u2; for an ensemble the means, then each statistic's _std, _q05, _q95, members, u_aligned, and
        abs_u with its _std, _q05, _q95, the band of |u|), plus "info" (also ``run.info``): stepper, source, status
        ("completed" or "diverged"), diverged_at_step, engine_reason, records_requested, records, records_note,
        steps_completed, wall_seconds.
    :raises KeyboardInterrupt: on Ctrl-C, within about a tenth of a second; the run is saved first when ``checkpoint`` is set
        (continue with ``resume=checkpoint``).
    """
    if not isinstance(problem, Problem):
        raise TypeError(f"problem must be a fastpr.Problem, got {type(problem).__name__}.")
    options: List[str] = []

    def put(key: str, value: Optional[str]) -> None:
        if value is not None:
            options.append(f"{key}={value}")

    put("algorithm", None if algorithm is None else _choice(algorithm, "algorithm", ALGORITHMS))
    put("engine", None if engine is None else _choice(engine, "engine", ("auto", "reference", "mkl", "projected")))
    put("source", None if source is None else _choice(source, "source", ("auto", "mkl", "philox", "ziggurat", "managed")))
    put("closure", None if closure is None else _choice(closure, "closure", CLOSURES))
    if schedule is not None and (not isinstance(schedule, str) or "\n" in schedule):
        raise TypeError(f"schedule must be a str such as 'cosine' or 'wsd:warmup=0.05,stable=0.75'; got {type(schedule).__name__} {schedule!r}.")
    put("schedule", schedule)
    for key, value in (("batch", batch), ("records", records), ("seeds", seeds), ("threads", threads), ("sde_stride", sde_stride)):
        put(key, None if value is None else str(_integer(value, key, -2**31, 2**31 - 1)))
    put("steps", None if steps is None else str(_integer(steps, "steps", -2**63, 2**63 - 1)))
    put("seed", None if seed is None else str(_integer(seed, "seed", 0, 2**64 - 1)))
    for key, value in (("eta", eta), ("sigma", sigma), ("time", time), ("epsilon", epsilon), ("tolerance", tolerance),
                       ("checkpoint_every", checkpoint_every)):
        put(key, None if value is None else _number(_real(value, key)))
    for key, value in (("identical_minibatches", identical_minibatches), ("no_predictions", no_predictions)):
        put(key, None if value is None else str(_flag(value, key)).lower())
    put("checkpoint", None if checkpoint is None else _path(checkpoint, "checkpoint"))
    put("resume", None if resume is None else _path(resume, "resume"))
    with_members = _flag(members, "members")
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be callable, got {type(progress).__name__}.")
    every = _real(progress_every, "progress_every")
    if not 0 < every <= 1:
        raise ValueError(f"progress_every must lie in (0, 1] seconds, got {every}.")
    return _run(problem._live, "\n".join(options).encode("utf-8"), progress, every, with_members)


def _run(problem: ctypes.c_void_p, options: bytes, progress: Optional[Callable[[Progress], None]], every: float,
         members: bool = False) -> Run:
    """Runs fastpr_simulate_options on a worker thread while this one waits, so Ctrl-C (which Python handles only on the
    main thread, between bytecodes) cancels the run through a monitor instead of waiting for it to end."""
    monitor = ctypes.c_void_p()
    check(lib.fastpr_monitor_create(ctypes.byref(monitor)))
    handle = ctypes.c_void_p()
    outcome: Dict[str, Any] = {}

    # Waited on instead of Thread.join: a KeyboardInterrupt inside join() can leave is_alive() False while the thread runs.
    finished = threading.Event()

    def work() -> None:
        try:
            status = lib.fastpr_simulate_options(problem, options, monitor, ctypes.byref(handle))
            if status != errors.OK:
                message = lib.fastpr_last_error()  # this thread's: read here, not on the waiting thread
                outcome["error"] = errors.error_for(status, message.decode("utf-8", "replace") if message else "")
        finally:
            finished.set()

    started = _time.monotonic()
    last_report = started
    stopped_by: Optional[BaseException] = None

    def report() -> None:
        fraction, t, steps, reports = ctypes.c_double(), ctypes.c_double(), ctypes.c_int64(), ctypes.c_int64()
        check(lib.fastpr_monitor_progress(monitor, ctypes.byref(fraction), ctypes.byref(t), ctypes.byref(steps), ctypes.byref(reports)))
        elapsed = _time.monotonic() - started
        f = min(max(fraction.value, 0.0), 1.0)
        progress(Progress(f, t.value, steps.value, elapsed, elapsed * (1 - f) / f if f > 0 else None))

    worker = threading.Thread(target=work, name="fastpr.simulate", daemon=True)
    try:
        worker.start()
        while not finished.is_set():
            try:
                finished.wait(_POLL_SECONDS)
                if progress is not None and not finished.is_set() and _time.monotonic() - last_report >= every:
                    report()
                    last_report = _time.monotonic()
            except BaseException as error:  # Ctrl-C, or the callback's own exception
                if stopped_by is None:
                    stopped_by = error
                    lib.fastpr_monitor_cancel(monitor)
        if "error" in outcome:
            raise outcome["error"]
        try:
            if stopped_by is None and progress is not None:
                report()
            return _result(handle, stopped_by, members)
        finally:
            lib.fastpr_run_free(handle)
    finally:
        if finished.is_set() or not worker.is_alive():  # never free the monitor under a running simulation
            lib.fastpr_monitor_free(monitor)


def _result(handle: ctypes.c_void_p, stopped_by: Optional[BaseException], members: bool = False) -> Run:
    """The run's table, info and (when ``members``) each member's table; raises ``stopped_by`` (saying where the checkpoint is) when the run was cancelled."""
    info = _typed_info(key_values(lib.fastpr_run_info, handle))
    if stopped_by is not None:
        if isinstance(stopped_by, KeyboardInterrupt):
            where = (f"saved to {info['checkpoint']}: continue with simulate(..., resume={info['checkpoint']!r})"
                     if info.get("checkpoint") else "not saved (pass checkpoint=FILE to be able to resume)")
            raise KeyboardInterrupt(f"simulate interrupted after {info['steps_completed']} steps; the run is {where}.")
        raise stopped_by
    rows, columns = ctypes.c_int64(), ctypes.c_int64()
    check(lib.fastpr_run_shape(handle, ctypes.byref(rows), ctypes.byref(columns)))
    names = text(lib.fastpr_run_columns, handle).split(",")
    table = np.empty((rows.value, columns.value), dtype=np.float64)
    check(lib.fastpr_run_table(handle, pointer(table), table.size))
    result = Run({name: np.ascontiguousarray(table[:, k]) for k, name in enumerate(names)})
    result["info"] = info
    result.info = info
    result.summary = _typed_summary(json.loads(text(lib.fastpr_run_summary, handle)))
    if members:
        result.members = _member_tables(handle, names)
    return result


def _member_tables(handle: ctypes.c_void_p, names: List[str]) -> List[Dict[str, np.ndarray]]:
    """Each member's own trajectory; its columns are the first ones of the run's table (a single run's)."""
    count = ctypes.c_int64()
    check(lib.fastpr_run_members(handle, ctypes.byref(count)))
    tables = []
    for m in range(count.value):
        rows, columns = ctypes.c_int64(), ctypes.c_int64()
        check(lib.fastpr_run_member_shape(handle, m, ctypes.byref(rows), ctypes.byref(columns)))
        table = np.empty((rows.value, columns.value), dtype=np.float64)
        check(lib.fastpr_run_member_table(handle, m, pointer(table), table.size))
        tables.append({name: np.ascontiguousarray(table[:, k]) for k, name in enumerate(names[:columns.value])})
    return tables


class Sweep(list):
    """The runs of :func:`sweep`, in grid order; each has ``run.point``, the grid values it ran with."""

    def to_pandas(self):
        """One row per run: the grid values, then the analysis (see :meth:`Run.analysis_frame`)."""
        pandas = _pandas()
        frames = [pandas.concat([pandas.DataFrame([run.point]), run.analysis_frame()], axis=1) for run in self]
        return pandas.concat(frames, ignore_index=True) if frames else pandas.DataFrame()


_PROBLEM_KEYS = ("d", "a", "normalized", "init", "problem_seed")


def sweep(grid: Dict[str, List[Any]], problem: Optional[Problem] = None, *, progress: Optional[Callable[[int, int, Dict[str, Any]], None]] = None,
          **options: Any) -> Sweep:
    """Runs :func:`simulate` over the Cartesian product of ``grid`` (keys: simulate keywords, or the power law's ``d``, ``a``,
    ``normalized``, ``init``, ``problem_seed``), as ``fastpr sweep`` does, one point after the other in this process.

    ``options`` are passed to every point (the grid's values take precedence). With ``problem`` given, the grid may not vary
    the problem; without, each point builds ``Problem.power_law`` (the CLI's defaults: d = 1000, a = 2). ``progress(k, n, point)``
    is called before point k of n. For a sweep over many cores or nodes, use the CLI (``fastpr sweep``, ``sweep slurm-script``)
    or map :func:`simulate` over a ``multiprocessing.Pool`` (Problems pickle).
    """
    if not isinstance(grid, dict) or not grid:
        raise TypeError("grid must be a non-empty dict of keyword -> list of values.")
    for key, values in grid.items():
        if not isinstance(values, (list, tuple)) or not values:
            raise TypeError(f"grid[{key!r}] must be a non-empty list of values, got {type(values).__name__}.")
    varies_problem = [key for key in grid if key in _PROBLEM_KEYS]
    if problem is not None and varies_problem:
        raise ValueError(f"the grid varies {', '.join(varies_problem)}, which define the problem: leave problem out.")
    keys = list(grid)
    points = [dict(zip(keys, values)) for values in itertools.product(*(grid[k] for k in keys))]
    runs = Sweep()
    for k, point in enumerate(points):
        if progress is not None:
            progress(k, len(points), point)
        merged = {**options, **point}
        problem_args = {key: merged.pop(key) for key in _PROBLEM_KEYS if key in merged}
        here = problem if problem is not None else Problem.power_law(problem_args.pop("d", 1000), problem_args.pop("a", 2.0), **problem_args)
        run = simulate(here, **merged)
        run.point = point
        runs.append(run)
    return runs
