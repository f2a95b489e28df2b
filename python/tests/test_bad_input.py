"""Every bad input raises with a clear one-line message, and none of them crashes the interpreter."""

import math
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import fastpr


def one_line(error):
    message = str(error.value)
    assert message and "\n" not in message, f"not one line: {message!r}"
    return message


@pytest.mark.parametrize("make,expected", [
    (lambda d: np.zeros(d, dtype=np.float32), "dtype float64"),
    (lambda d: np.zeros(d, dtype=np.int64), "dtype float64"),
    (lambda d: list(np.zeros(d)), "numpy.ndarray"),
    (lambda d: np.zeros(2 * d)[::2], "C-contiguous"),
    (lambda d: np.zeros((d, 1)), "one-dimensional"),
    (lambda d: np.zeros(d + 1), "must have length 64"),
    (lambda d: np.zeros(0), "must have length 64"),
])
def test_bad_arrays(problem, make, expected):
    e = fastpr.Engine(problem, eta=0.01)
    w = make(problem.d)
    snapshot = np.array(w, copy=True)
    with pytest.raises(ValueError) as error:
        e.step(w, 10)
    assert expected in one_line(error)
    if isinstance(w, np.ndarray):
        assert np.array_equal(np.asarray(w), snapshot), "a rejected array must not be touched"
    with pytest.raises(ValueError) as error:
        fastpr.statistics(problem, w)
    assert expected in one_line(error)


def test_read_only_array(problem):
    w = problem.initial_point()
    w.flags.writeable = False
    with pytest.raises(ValueError) as error:
        fastpr.Engine(problem, eta=0.01).step(w, 1)
    assert "read-only" in one_line(error)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_state_is_refused_by_step(problem, bad):
    w = problem.initial_point()
    w[5] = bad
    with pytest.raises(ValueError) as error:
        fastpr.Engine(problem, eta=0.01).step(w, 1)
    assert "w[5]" in one_line(error) and "finite" in str(error.value)


def test_statistics_of_a_diverged_state_are_non_finite(problem):
    w = problem.initial_point()
    w[0] = math.nan
    stats = fastpr.statistics(problem, w)
    assert math.isnan(stats["s"]) and math.isnan(stats["loss"])


@pytest.mark.parametrize("kwargs,expected", [
    ({"eta": -1.0}, "LearningRate"),
    ({"eta": math.nan}, "LearningRate"),
    ({"batch": 0}, "batch"),
    ({"kind": "fastest"}, "kind must be one of"),
    ({"source": "urandom"}, "source must be one of"),
    ({"sigma": -0.5}, "Sigma"),
    ({"seed": -1}, "seed must lie"),
    ({"member": -2}, "member must lie"),
])
def test_bad_engine_parameters(problem, kwargs, expected):
    with pytest.raises(ValueError) as error:
        fastpr.Engine(problem, **kwargs)
    assert expected in one_line(error)


@pytest.mark.parametrize("kwargs,expected", [
    ({"eta": "big"}, "eta must be a real number"),
    ({"batch": 2.0}, "batch must be an integer"),
    ({"kind": 3}, "kind must be a str"),
    ({"seed": True}, "seed must be an integer"),
])
def test_wrong_engine_types(problem, kwargs, expected):
    with pytest.raises(TypeError) as error:
        fastpr.Engine(problem, **kwargs)
    assert expected in one_line(error)


@pytest.mark.parametrize("kwargs,expected", [
    ({"d": 0, "a": 2.0}, "d must lie"),
    ({"d": 10, "a": -1.0}, "Exponent"),
    ({"d": 10, "a": math.inf}, "Exponent"),
    ({"d": 10, "a": 1.0, "sigma": math.nan}, "Sigma"),
    ({"d": 10, "a": 1.0, "init": "cube"}, "init must be one of"),
])
def test_bad_problem_parameters(kwargs, expected):
    with pytest.raises(ValueError) as error:
        fastpr.Problem.power_law(**kwargs)
    assert expected in one_line(error)


@pytest.mark.parametrize("kwargs,expected", [
    ({"d": 2.5, "a": 1.0}, "d must be an integer"),
    ({"d": 10, "a": "2"}, "a must be a real number"),
    ({"d": 10, "a": 1.0, "normalized": 1}, "normalized must be True or False"),
])
def test_wrong_problem_types(kwargs, expected):
    with pytest.raises(TypeError) as error:
        fastpr.Problem.power_law(**kwargs)
    assert expected in one_line(error)


@pytest.mark.parametrize("eigenvalues,expected", [
    (np.array([1.0, math.nan, 0.5]), "eigenvalue"),
    (np.array([1.0, -0.5]), "eigenvalue"),
    (np.array([]), "must not be empty"),
])
def test_bad_eigenvalues(eigenvalues, expected):
    with pytest.raises(ValueError) as error:
        fastpr.Problem(eigenvalues)
    assert expected in one_line(error).lower()


def test_bad_teacher_and_initial_point():
    eigenvalues = np.linspace(1.0, 0.1, 5)
    with pytest.raises(ValueError) as error:
        fastpr.Problem(eigenvalues, teacher=np.zeros(4))
    assert "length 5" in one_line(error)
    with pytest.raises(ValueError) as error:
        fastpr.Problem(eigenvalues, w0=np.array([0.0, math.inf, 0, 0, 0]))
    assert "finite" in one_line(error)


@pytest.mark.parametrize("kwargs,expected", [
    ({"algorithm": "adam"}, "algorithm: unknown value 'adam'"),
    ({"records": 1}, "records"),
    ({"seeds": 0}, "seeds"),
    ({"steps": 10, "time": 1.0}, "either steps or time"),
    ({"algorithm": "gd", "seeds": 2}, "deterministic"),
    ({"time": -1.0}, "time"),
])
def test_bad_simulation_parameters(problem, kwargs, expected):
    with pytest.raises(ValueError) as error:
        fastpr.simulate(problem, **kwargs)
    assert expected in one_line(error)


def test_closed_handles_raise(problem):
    e = fastpr.Engine(problem, eta=0.01)
    e.close()
    e.close()  # closing twice is harmless
    with pytest.raises(ValueError) as error:
        e.step(problem.initial_point(), 1)
    assert "closed" in one_line(error)
    p = fastpr.Problem.power_law(d=8, a=1.0)
    p.close()
    with pytest.raises(ValueError):
        p.initial_point()


def test_forged_handles_are_reported_not_dereferenced():
    """The C ABI itself rejects handles it never made (a ctypes caller can pass anything)."""
    import ctypes
    from fastpr import _native
    w = np.zeros(3)
    status = _native.lib.fastpr_engine_step(ctypes.c_void_p(0xDEADBEEF), _native.pointer(w), 3, 1)
    assert status == 2
    assert b"not live" in _native.lib.fastpr_last_error()
    assert _native.lib.fastpr_problem_dimension(None, ctypes.byref(ctypes.c_int64())) == 2


def test_phase_three_before_its_start_time(problem):
    w = problem.initial_point()
    with pytest.raises(ValueError) as error:
        problem.phase_three(w, 10.0, [5.0])
    assert "start time" in one_line(error)


MISSING_MKL = textwrap.dedent("""
    import fastpr
    p = fastpr.Problem.power_law(d=50, a=2.0)
    for kind, source in (("auto", "mkl"), ("projected", "mkl")):  # VSL, the one part that calls MKL
        try:
            fastpr.Engine(p, kind=kind, source=source)
        except fastpr.MklNotFoundError as error:
            message = str(error)
            assert "\\n" not in message and "libmkl_rt.so" in message and "FASTPR_MKL_PATH" in message, message
        else:
            raise SystemExit("no MklNotFoundError for " + kind + "/" + source)
    try:
        fastpr.require_mkl()
    except fastpr.MklNotFoundError:
        pass
    else:
        raise SystemExit("require_mkl did not raise")
    assert fastpr.mkl_info()["available"] == "0"
    # The explicit engine calls no MKL: "auto" takes it as it does with MKL, and kind="mkl" runs, as in .NET.
    for kind in ("auto", "mkl"):
        e = fastpr.Engine(p, kind=kind)
        w = p.initial_point()
        e.step(w, 100)
        assert e.name == "mkl", e.name
    print("ok")
""")


def test_missing_mkl_raises_mkl_not_found_in_a_fresh_interpreter(tmp_path):
    """MKL is loaded once per process, so an interpreter of its own gets an environment where it cannot be found."""
    env = dict(os.environ, FASTPR_MKL_PATH=str(tmp_path / "no-such" / "libmkl_rt.so"))
    done = subprocess.run([sys.executable, "-c", MISSING_MKL], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr.strip()}"
    assert done.stdout.strip() == "ok"


def test_bad_inputs_never_crash_a_fresh_interpreter(tmp_path):
    """The battery again in a child process: it must exit normally (a crash would be a signal, not an exception)."""
    script = textwrap.dedent("""
        import math, numpy as np, fastpr
        p = fastpr.Problem.power_law(d=16, a=1.0)
        e = fastpr.Engine(p)
        bad = [np.zeros(16, np.float32), np.zeros(32)[::2], np.zeros(3), np.full(16, math.nan), None, "w"]
        errors = 0
        for w in bad:
            try:
                e.step(w, 5)
            except ValueError:
                errors += 1
        print(errors)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr.strip()}"
    assert done.stdout.strip() == "6"
