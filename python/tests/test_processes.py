"""Problems cross process boundaries, and a forked child (even of a parent that ran threads inside the library) works."""

import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import fastpr


def test_problems_pickle_to_equal_problems():
    power_law = fastpr.Problem.power_law(d=40, a=1.3, sigma=0.1, init="gaussian", problem_seed=9)
    rng = np.random.default_rng(2)
    given = fastpr.Problem(rng.uniform(0.1, 1, 12), teacher=rng.standard_normal(12), w0=rng.standard_normal(12),
                           scale_teacher=False, sigma=0.2)
    for problem in (power_law, given):
        copy = pickle.loads(pickle.dumps(problem))
        assert copy == problem and copy is not problem
        assert copy.d == problem.d and copy.sigma == problem.sigma
    assert power_law != fastpr.Problem.power_law(d=40, a=1.3, sigma=0.1, init="gaussian", problem_seed=10)


def run(job):
    """One ensemble, as a worker computes it: (problem, seed) -> the trajectory's u column and final means."""
    problem, seed = job
    result = fastpr.simulate(problem, seeds=3, eta=0.01, steps=1500, records=8, seed=seed, threads=2)
    return np.stack([result["u"], result["mse"], result["abs_u"]])


def jobs():
    problem = fastpr.Problem.power_law(d=60, a=1.5, problem_seed=4)
    return [(problem, seed) for seed in range(4)]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_pool_map_matches_sequential_runs_bit_for_bit(method):
    sequential = [run(job) for job in jobs()]  # the parent has now run multi-threaded simulations: fork must still work
    with multiprocessing.get_context(method).Pool(2) as pool:
        parallel = pool.map(run, jobs(), chunksize=1)
    for expected, got in zip(sequential, parallel):
        assert np.array_equal(expected.view(np.uint64), got.view(np.uint64))


FORKED = textwrap.dedent("""
    import os, sys, numpy as np, fastpr
    p = fastpr.Problem.power_law(d=50, a=1.5, problem_seed=1)
    fastpr.simulate(p, seeds=4, threads=2, eta=0.01, steps=2000)  # threads inside the library, before the fork
    e = fastpr.Engine(p, eta=0.01, seed=3)
    expected = fastpr.simulate(p, seeds=4, threads=2, eta=0.01, steps=2000, seed=5)["u"]
    w_parent = p.initial_point()
    fastpr.Engine(p, eta=0.01, seed=3).step(w_parent, 500)
    pid = os.fork()
    if pid == 0:
        try:
            got = fastpr.simulate(p, seeds=4, threads=2, eta=0.01, steps=2000, seed=5)["u"]
            assert np.array_equal(got, expected), "the child's simulate differs"
            w = p.initial_point()
            fastpr.Engine(p, eta=0.01, seed=3).step(w, 500)
            assert np.array_equal(w, w_parent), "the child's engine differs"
            try:
                e.step(p.initial_point(), 1)
            except RuntimeError as error:
                assert "before os.fork()" in str(error), error
            else:
                raise AssertionError("an engine from before the fork was used in the child")
        except BaseException as error:
            print("child:", repr(error), flush=True)
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    print("exit", os.waitstatus_to_exitcode(status))
""")


def test_forked_child_simulates_and_steps_and_refuses_old_engines():
    done = subprocess.run([sys.executable, "-c", FORKED], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("exit 0"), done.stdout + done.stderr
