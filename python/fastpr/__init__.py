"""fastpr: phase retrieval SGD, population GD and gradient flow on power-law Gaussian data (Braun et al., arXiv 2511.18661)
from Python, through FastPR's C library libfastpr.so (fastpr.h). NumPy arrays are passed without copies; ``Engine.step``
updates the caller's array in place with the GIL released.

    p = fastpr.Problem.power_law(d=1000, a=2.0, problem_seed=0)
    e = fastpr.Engine(p, kind="auto", batch=1, eta=1e-3, seed=0)
    w = p.initial_point()
    e.step(w, 10_000)
    fastpr.statistics(p, w)

The library needs an x86-64-v3 CPU (AVX2); importing fastpr on an older one raises ImportError naming what is missing.
The model and its notation: docs/MODEL.md, shipped inside this package (``fastpr/docs/MODEL.md``).
"""

from ._version import __version__
from . import _cpu

# Before NumPy is imported: a CPU older than x86-64-v3 gets this ImportError even where NumPy's own BLAS would abort on it.
_cpu.check()

from .engine import Engine  # noqa: E402
from .errors import EngineBusyError, MklError, MklNotFoundError
from .library import abi_version, info, mkl_info, require_mkl, version
from .problem import STATISTICS, Problem, statistics
from .simulation import Progress, Run, Sweep, simulate, sweep
from .theory import Theory

__all__ = [
    "Engine", "EngineBusyError", "MklError", "MklNotFoundError", "Problem", "Progress", "Run", "STATISTICS", "Sweep", "Theory", "__version__",
    "abi_version", "info", "mkl_info", "require_mkl", "simulate", "statistics", "sweep", "version",
]
