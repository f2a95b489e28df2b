"""fastpr: phase retrieval SGD, population GD and gradient flow on power-law Gaussian data (Braun et al., arXiv 2511.18661)
from Python, through FastPR's C library libfastpr.so (fastpr.h). NumPy arrays are passed without copies; ``Engine.step``
updates the caller's array in place with the GIL released.

    p = fastpr.Problem.power_law(d=1000, a=2.0, problem_seed=0)
    e = fastpr.Engine(p, kind="auto", batch=1, eta=1e-3, seed=0)
    w = p.initial_point()
    e.step(w, 10_000)
    fastpr.statistics(p, w)
"""

from .engine import Engine
from .errors import EngineBusyError, MklError, MklNotFoundError
from .library import abi_version, mkl_info, require_mkl, version
from .problem import STATISTICS, Problem, statistics
from .simulation import simulate
from .theory import Theory

__all__ = [
    "Engine", "EngineBusyError", "MklError", "MklNotFoundError", "Problem", "STATISTICS", "Theory", "abi_version", "mkl_info",
    "require_mkl", "simulate", "statistics", "version",
]
