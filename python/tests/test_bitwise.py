"""The same seed gives bitwise the same trajectory from Python as from the CLI (.NET, Simulator.Run)."""

import json
import os

import numpy as np
import pytest

import fastpr
from conftest import read_trajectory

D, A, PROBLEM_SEED = 80, 1.7, 5


def cli_trajectory(cli, tmp_path, *arguments):
    out = tmp_path / "out"
    cli("simulate", "--d", str(D), "--a", str(A), "--problem-seed", str(PROBLEM_SEED), "--quiet", "--checkpoint-every", "0",
        "--out", str(out), *arguments)
    return read_trajectory(out / "trajectory.csv")


def assert_bitwise(python, dotnet):
    assert set(dotnet) <= set(python), f"columns missing from Python: {set(dotnet) - set(python)}"
    for name, expected in dotnet.items():
        got = python[name]
        assert got.shape == expected.shape, f"{name}: {got.shape} rows against the CLI's {expected.shape}"
        # Bitwise: compare the bit patterns, so even NaNs and signed zeros must agree.
        assert np.array_equal(got.view(np.uint64), expected.view(np.uint64)), f"{name} differs from the CLI: {got} vs {expected}"


@pytest.mark.parametrize("engine,source,batch", [
    ("auto", "auto", 1), ("projected", "ziggurat", 4), ("reference", "philox", 2), ("mkl", "mkl", 3),
])
def test_sgd_matches_cli(cli, tmp_path, engine, source, batch):
    p = fastpr.Problem.power_law(d=D, a=A, problem_seed=PROBLEM_SEED)
    args = ["--engine", engine, "--gaussians", source, "--batch", str(batch), "--eta", "0.01", "--steps", "3000", "--records", "12", "--seed", "11"]
    dotnet = cli_trajectory(cli, tmp_path, *args)
    python = fastpr.simulate(p, "sgd", engine=engine, source=source, batch=batch, eta=0.01, steps=3000, records=12, seed=11)
    assert_bitwise(python, dotnet)


def test_ensemble_matches_cli(cli, tmp_path):
    p = fastpr.Problem.power_law(d=D, a=A, problem_seed=PROBLEM_SEED)
    dotnet = cli_trajectory(cli, tmp_path, "--seeds", "4", "--eta", "0.01", "--steps", "2000", "--records", "10", "--seed", "2", "--threads", "2")
    python = fastpr.simulate(p, "sgd", seeds=4, eta=0.01, steps=2000, records=10, seed=2, threads=1)
    assert "members" in dotnet and "u_q95" in dotnet
    assert_bitwise(python, dotnet)


@pytest.mark.parametrize("algorithm,horizon", [("gd", ["--steps", "5000"]), ("flow", ["--time", "1000"]), ("sgd-sde", ["--steps", "2000"])])
def test_deterministic_matches_cli(cli, tmp_path, algorithm, horizon):
    p = fastpr.Problem.power_law(d=D, a=A, problem_seed=PROBLEM_SEED)
    dotnet = cli_trajectory(cli, tmp_path, "--algorithm", algorithm, "--eta", "0.01", "--records", "15", *horizon)
    kwargs = {"gd": {"steps": 5000}, "flow": {"time": 1000.0}, "sgd-sde": {"steps": 2000}}[algorithm]
    python = fastpr.simulate(p, algorithm, eta=0.01, records=15, **kwargs)
    assert_bitwise(python, dotnet)


@pytest.mark.parametrize("engine,source", [("auto", "auto"), ("projected", "philox")])
def test_step_loop_matches_cli(cli, tmp_path, engine, source):
    """Stepping w(0) with Engine(seed, member 0) to each checkpoint reproduces the CLI's single run, statistic for statistic."""
    p = fastpr.Problem.power_law(d=D, a=A, problem_seed=PROBLEM_SEED)
    dotnet = cli_trajectory(cli, tmp_path, "--engine", engine, "--gaussians", source, "--batch", "2", "--eta", "0.01",
                            "--steps", "4000", "--records", "9", "--seed", "7")
    e = fastpr.Engine(p, kind=engine, source=source, batch=2, eta=0.01, seed=7)
    w, done = p.initial_point(), 0
    for row, step in enumerate(dotnet["step"].astype(np.int64)):
        e.step(w, int(step) - done)
        done = int(step)
        stats = fastpr.statistics(p, w)
        for name in fastpr.STATISTICS:
            assert stats[name] == dotnet[name][row], f"{name} at step {step}: {stats[name]!r} vs the CLI's {dotnet[name][row]!r}"


def test_theory_matches_cli(cli):
    dotnet = json.loads(cli("theory", "--d", str(D), "--a", str(A), "--problem-seed", str(PROBLEM_SEED), "--json"))["theory"]
    python = fastpr.Problem.power_law(d=D, a=A, problem_seed=PROBLEM_SEED).theory()
    shared = [k for k in python if k in dotnet]
    assert {"rho", "c", "t1_predicted", "cutoff_time"} <= set(shared)
    for key in shared:
        assert python[key] == dotnet[key], f"{key}: {python[key]!r} vs the CLI's {dotnet[key]!r}"


def test_initial_point_matches_cli_file(cli, tmp_path):
    """A problem from given eigenvalues, teacher and w0 runs exactly as the CLI given the same vectors as files."""
    rng = np.random.default_rng(1)
    eigenvalues = rng.uniform(0.1, 1.0, D)
    eigenvalues /= eigenvalues.sum()  # trace 1, as the power law's, so η = 0.01 is stable
    teacher, w0 = rng.standard_normal(D), rng.standard_normal(D) / np.sqrt(D)
    for name, vector in (("spectrum", eigenvalues), ("teacher", teacher), ("init", w0)):
        np.save(tmp_path / f"{name}.npy", vector)
    out = tmp_path / "out"
    cli("simulate", "--spectrum", str(tmp_path / "spectrum.npy"), "--teacher", str(tmp_path / "teacher.npy"),
        "--init", str(tmp_path / "init.npy"), "--eta", "0.01", "--steps", "1000", "--records", "6", "--quiet",
        "--checkpoint-every", "0", "--out", str(out))
    dotnet = read_trajectory(os.path.join(out, "trajectory.csv"))
    p = fastpr.Problem(eigenvalues, teacher=teacher, w0=w0)
    assert_bitwise(fastpr.simulate(p, eta=0.01, steps=1000, records=6), dotnet)
