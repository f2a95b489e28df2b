"""Engine.step works on the caller's array itself: no copy in, no copy out."""

import numpy as np

import fastpr


def test_step_updates_the_callers_array(problem):
    e = fastpr.Engine(problem, eta=0.01, seed=1)
    w = problem.initial_point()
    before, address = w.copy(), w.ctypes.data
    returned = e.step(w, 100)
    assert returned is w
    assert w.ctypes.data == address
    assert not np.array_equal(w, before)


def test_step_through_a_view_updates_the_base(problem):
    e = fastpr.Engine(problem, eta=0.01, seed=1)
    block = np.zeros((2, problem.d))
    block[1] = problem.initial_point()
    e.step(block[1], 50)  # a contiguous row view: the parent's memory changes
    assert np.all(block[0] == 0)
    assert not np.array_equal(block[1], problem.initial_point())


def test_zero_steps_leave_w_alone(problem):
    e = fastpr.Engine(problem, eta=0.01, seed=1)
    w = problem.initial_point()
    e.step(w, 0)
    assert np.array_equal(w, problem.initial_point())


def test_steps_compose(problem):
    """n steps at once equal n single steps from the same seed."""
    a, b = fastpr.Engine(problem, eta=0.01, seed=4), fastpr.Engine(problem, eta=0.01, seed=4)
    wa, wb = problem.initial_point(), problem.initial_point()
    a.step(wa, 30)
    for _ in range(30):
        b.step(wb)
    assert np.array_equal(wa, wb)


def test_initial_point_is_a_fresh_copy(problem):
    w = problem.initial_point()
    w[:] = 0
    assert np.any(problem.initial_point() != 0)
