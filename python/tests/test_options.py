"""Every simulate option of the CLI, by the same name, gives the CLI's bits; wrong types raise TypeError; messages name the
Python keyword; the info is typed and says why there are fewer records than asked for."""

import math

import numpy as np
import pytest

import fastpr
from test_bitwise import A, D, PROBLEM_SEED, assert_bitwise, cli_trajectory


def problem():
    return fastpr.Problem.power_law(d=D, a=A, problem_seed=PROBLEM_SEED)


@pytest.mark.parametrize("cli_args,kwargs", [
    (["--algorithm", "sgd-ode", "--time", "500", "--tolerance", "1e-6", "--closure", "high-dimensional"],
     dict(algorithm="sgd-ode", time=500.0, tolerance=1e-6, closure="high-dimensional")),
    (["--algorithm", "flow", "--time", "800", "--tolerance", "1e-5"], dict(algorithm="flow", time=800.0, tolerance=1e-5)),
    (["--algorithm", "sgd-sde", "--steps", "3000", "--sde-stride", "4", "--seeds", "2"],
     dict(algorithm="sgd-sde", steps=3000, sde_stride=4, seeds=2)),
    (["--batch", "3", "--identical-minibatches", "--steps", "1500", "--seeds", "2", "--epsilon", "0.2"],
     dict(batch=3, identical_minibatches=True, steps=1500, seeds=2, epsilon=0.2)),
])
def test_options_match_the_cli(cli, tmp_path, cli_args, kwargs):
    dotnet = cli_trajectory(cli, tmp_path, "--eta", "0.01", "--records", "14", "--seed", "3", *cli_args)
    python = fastpr.simulate(problem(), eta=0.01, records=14, seed=3, **kwargs)
    assert_bitwise(python, dotnet)


@pytest.mark.parametrize("kwargs,keyword", [
    ({"eta": "0.1"}, "eta"), ({"steps": 10.0}, "steps"), ({"records": "200"}, "records"), ({"seeds": True}, "seeds"),
    ({"tolerance": "tight"}, "tolerance"), ({"closure": 1}, "closure"), ({"sde_stride": 2.0}, "sde_stride"),
    ({"identical_minibatches": 1}, "identical_minibatches"), ({"checkpoint": 3}, "checkpoint"), ({"algorithm": None, "engine": 2}, "engine"),
    ({"progress": "yes"}, "progress"), ({"threads": 1.5}, "threads"),
])
def test_wrong_types_raise_type_error_naming_the_keyword(kwargs, keyword):
    with pytest.raises(TypeError) as error:
        fastpr.simulate(problem(), **kwargs)
    assert str(error.value).startswith(keyword), str(error.value)


@pytest.mark.parametrize("kwargs,message", [
    ({"sde_stride": 0, "algorithm": "sgd-sde"}, "sde_stride must be ≥ 1"),
    ({"tolerance": 2.0}, "tolerance must lie in (0, 1)"),
    ({"closure": "exact", "algorithm": "sgd-ode"}, "closure: unknown value 'exact'"),
    ({"source": "urandom"}, "source: unknown value 'urandom'"),
    ({"epsilon": 0.0}, "epsilon must lie in (0, 1)"),
    ({"checkpoint_every": 5.0}, "checkpoint_every needs checkpoint"),
    ({"resume": "/nonexistent/run.ckpt"}, "no checkpoint file"),
])
def test_value_errors_name_the_python_keyword(kwargs, message):
    with pytest.raises(ValueError) as error:
        fastpr.simulate(problem(), steps=100, **kwargs)
    assert message in str(error.value) and "\n" not in str(error.value), str(error.value)


def test_info_is_typed_and_explains_missing_records():
    run = fastpr.simulate(problem(), eta=0.01, steps=300, records=200)
    info = run.info
    assert info is run["info"]
    assert info["status"] == "completed" and info["diverged_at_step"] is None
    assert info["records_requested"] == 200 and info["records"] == len(run["t"]) < 200
    assert "whole steps" in info["records_note"] and isinstance(info["wall_seconds"], float)
    full = fastpr.simulate(problem(), eta=0.01, steps=100_000, records=20)
    assert full.info["records"] == 20 and full.info["records_note"] is None


def test_diverged_run_says_where():
    run = fastpr.simulate(problem(), eta=50.0, steps=2000, records=20)
    assert run.info["status"] == "diverged" and isinstance(run.info["diverged_at_step"], int)
    assert "diverged" in run.info["records_note"]


def test_abs_u_band_is_the_band_of_abs_u():
    run = fastpr.simulate(problem(), seeds=6, eta=0.01, steps=20_000, records=10, seed=1)
    assert np.allclose(run["abs_u"], 1 - run["one_minus_u"], rtol=0, atol=1e-12)
    assert np.all(run["abs_u_q05"] <= run["abs_u"] + 1e-12) and np.all(run["abs_u"] <= run["abs_u_q95"] + 1e-12)
    assert np.all(run["abs_u_q05"] >= 0)


def test_to_pandas():
    pandas = pytest.importorskip("pandas")
    run = fastpr.simulate(problem(), seeds=2, eta=0.01, steps=1000, records=8)
    frame = run.to_pandas()
    assert isinstance(frame, pandas.DataFrame) and len(frame) == len(run["t"])
    assert list(frame.columns) == [k for k in run if k != "info"]
    assert np.array_equal(frame["u"].to_numpy(), run["u"])


def test_no_predictions_skips_the_prediction_and_keeps_the_trajectory():
    predicted = fastpr.simulate(problem(), eta=0.01, steps=2000, records=20, seed=1)
    skipped = fastpr.simulate(problem(), eta=0.01, steps=2000, records=20, seed=1, no_predictions=True)
    assert predicted.summary["sgd_theory"] is not None
    assert skipped.summary.get("sgd_theory") is None
    assert skipped.summary["parameters"]["no_predictions"] is True
    for name, values in predicted.items():
        if name != "info":
            assert np.array_equal(values, skipped[name], equal_nan=True), name
