"""Shared fixtures: a small problem, and the CLI (the .NET build of the same code) to compare against."""

import csv
import os
import subprocess
import sys

import numpy as np
import pytest

sys.dont_write_bytecode = True

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cli_dll():
    """The CLI's assembly: FASTPR_CLI_DLL (set by build.cake) or the Release build in this repository."""
    return os.environ.get("FASTPR_CLI_DLL") or os.path.join(REPO, "FastPR.Cli", "bin", "Release", "net10.0", "fastpr.dll")


@pytest.fixture(scope="session")
def cli():
    """Runs `fastpr ARGS...` and returns its stdout; fails (not skips) when the CLI has not been built."""
    dll = cli_dll()
    if not os.path.isfile(dll):
        pytest.fail(f"the CLI is not built at {dll}; run ./build.sh --target=Test (or set FASTPR_CLI_DLL).")

    def run(*arguments):
        done = subprocess.run(["dotnet", dll, *arguments], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"fastpr {' '.join(arguments)} failed: {done.stderr.strip()}"
        return done.stdout

    return run


def read_trajectory(path):
    """trajectory.csv as a dict of float64 arrays; the CLI writes round-trip numbers, so float() recovers every bit."""
    with open(path, newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    return {name: np.array([float(row[k]) for row in body]) for k, name in enumerate(header)}


@pytest.fixture
def problem():
    import fastpr
    return fastpr.Problem.power_law(d=64, a=1.5, problem_seed=3)
