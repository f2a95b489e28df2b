"""The package's surface: versions, MKL info, problems from eigenvalues, theory and simulations' shapes."""

import numpy as np

import fastpr


def test_versions():
    assert fastpr.abi_version() == 2
    assert fastpr.version().startswith("0.")


def test_mkl_info_says_whether_mkl_loaded():
    info = fastpr.mkl_info()
    assert info["available"] in ("0", "1")
    assert ("path" in info) == (info["available"] == "1")
    assert "cpu" in info


def test_problem_from_eigenvalues_keeps_them():
    eigenvalues = np.array([0.9, 0.5, 0.2, 0.1])
    teacher = np.array([1.0, 0.0, 0.0, 0.0])
    p = fastpr.Problem(eigenvalues, teacher=teacher, scale_teacher=False, w0=np.full(4, 0.5))
    assert p.d == 4
    assert np.array_equal(np.sort(p.eigenvalues()), np.sort(eigenvalues))
    assert np.array_equal(p.initial_point(), np.full(4, 0.5))
    stats = fastpr.statistics(p, p.teacher())
    # An unscaled teacher e_1 on λ_1 = 0.9: s = u = s* = 0.9 at w = w*.
    assert stats["mse"] == 0.0 and stats["s"] == stats["u"] == 0.9


def test_theory_of_a_power_law(problem):
    theory = problem.theory()
    assert theory["rho"] > 0 and theory["cutoff_time"] > 0
    assert abs(theory["s_star"] - 1) < 1e-12


def test_phase_three_prediction_starts_at_the_state(problem):
    w = problem.initial_point()
    predicted = problem.phase_three(w, 2.0, [2.0, 10.0, 100.0])
    mse = np.mean((w - np.sign(fastpr.statistics(problem, w)["u"] or 1) * problem.teacher()) ** 2)
    assert abs(predicted[0] - mse) <= 1e-12 * mse
    assert np.all(np.diff(predicted) < 0)


def test_simulate_gives_the_csv_columns(problem):
    single = fastpr.simulate(problem, eta=0.01, steps=500, records=7)
    assert [k for k in single if k != "info"] == ["t", "step", *fastpr.STATISTICS]
    assert single["step"][0] == 0 and single["step"][-1] == 500
    assert single["info"]["status"] == "completed"
    ensemble = fastpr.simulate(problem, eta=0.01, steps=500, records=7, seeds=3)
    assert np.all(ensemble["members"] == 3)
