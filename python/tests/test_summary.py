"""simulate returns summary.json's analysis (the CLI and libfastpr build it with Core's RunSummary), typed, and sweeps."""

import json

import numpy as np
import pytest

import fastpr
from test_bitwise import A, D, PROBLEM_SEED

# What legitimately differs between two processes running the same run: the clock and the process; and "files", the SHA-256 of
# the trajectory.csv and plot.png the CLI publishes beside summary.json (libfastpr writes no files: null there).
VOLATILE = {"timing", "environment", "files"}


def cli_summary(cli, tmp_path, *arguments):
    out = tmp_path / "out"
    cli("simulate", "--d", str(D), "--a", str(A), "--problem-seed", str(PROBLEM_SEED), "--quiet", "--checkpoint-every", "0",
        "--out", str(out), *arguments)
    with open(out / "summary.json", encoding="utf-8") as handle:
        return json.load(handle)


@pytest.mark.parametrize("cli_args,kwargs", [
    (["--seeds", "6", "--eta", "0.01", "--steps", "40000", "--records", "60", "--seed", "3", "--threads", "2"],
     dict(seeds=6, eta=0.01, steps=40_000, records=60, seed=3, threads=2)),
    (["--algorithm", "flow", "--time", "20000", "--records", "80"], dict(algorithm="flow", time=20_000.0, records=80)),
])
def test_summary_is_the_clis(cli, tmp_path, cli_args, kwargs):
    dotnet = cli_summary(cli, tmp_path, *cli_args)
    run = fastpr.simulate(fastpr.Problem.power_law(d=D, a=A, problem_seed=PROBLEM_SEED), **kwargs)
    python = run.summary
    assert python["schema"] == "fastpr.summary/1" and set(python) == set(dotnet)
    for key in set(dotnet) - VOLATILE:
        assert python[key] == dotnet[key], f"{key}: {python[key]!r} vs the CLI's {dotnet[key]!r}"
    assert set(python["timing"]) == set(dotnet["timing"]) and python["timing"]["threads_used"] == dotnet["timing"]["threads_used"]
    assert python["environment"]["fastpr_version"] == fastpr.version()
    assert python["files"] is None and set(dotnet["files"]) == {"trajectory.csv", "plot.png"}


def test_summary_values_are_typed():
    p = fastpr.Problem.power_law(d=D, a=A, problem_seed=PROBLEM_SEED)
    run = fastpr.simulate(p, seeds=4, eta=0.01, steps=60_000, records=80, seed=1)
    s = run.summary
    assert isinstance(s["phases"]["t1"], float) and isinstance(s["run"]["steps_completed"], int)
    assert s["escape"]["members"] == 4 and len(s["escape"]["t1_values"]) == 4
    assert s["fits"]["escape"] is None or isinstance(s["fits"]["escape"]["slope"], float)
    assert s["final"]["t"] == run["t"][-1]
    assert s["sgd_theory"] is not None  # SGD's own predictions, as in summary.json


def test_analysis_frame_and_sweep():
    pandas = pytest.importorskip("pandas")
    p = fastpr.Problem.power_law(d=D, a=A, problem_seed=PROBLEM_SEED)
    runs = fastpr.sweep({"eta": [0.005, 0.01], "seed": [1, 2]}, p, steps=5000, records=20, seeds=2)
    assert [r.point for r in runs] == [{"eta": 0.005, "seed": 1}, {"eta": 0.005, "seed": 2}, {"eta": 0.01, "seed": 1}, {"eta": 0.01, "seed": 2}]
    single = fastpr.simulate(p, eta=0.01, seed=2, steps=5000, records=20, seeds=2)
    assert np.array_equal(runs[3]["u"], single["u"])  # a sweep point is the simulate call with its values
    frame = runs.to_pandas()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 4
    assert {"eta", "seed", "phases.t1", "final.mse", "parameters.eta"} <= set(frame.columns)
    assert list(frame["parameters.eta"]) == [0.005, 0.005, 0.01, 0.01]
    row = single.analysis_frame()
    assert len(row) == 1 and row["final.mse"][0] == single.summary["final"]["mse"]
    varied = fastpr.sweep({"d": [30, 40]}, steps=100, eta=0.01)
    assert [r.summary["parameters"]["d"] for r in varied] == [30, 40]
