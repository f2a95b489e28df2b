"""One engine per thread: engines in parallel Python threads give the results they give one after another."""

import threading
import time

import numpy as np
import pytest

import fastpr


@pytest.mark.parametrize("kind", ["auto", "projected"])
def test_parallel_engines_equal_sequential(kind):
    p = fastpr.Problem.power_law(d=400, a=2.0, problem_seed=1)

    def run(seed):
        """One engine, made and stepped on the calling thread."""
        w = p.initial_point()
        fastpr.Engine(p, kind=kind, batch=2, eta=0.005, seed=seed).step(w, 3000)
        return w

    sequential = [run(seed) for seed in range(4)]
    parallel = [None] * 4

    def worker(seed):
        """Runs one seed on its own thread."""
        parallel[seed] = run(seed)

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for seed in range(4):
        assert np.array_equal(parallel[seed], sequential[seed]), f"seed {seed} differs when run in parallel"
    assert not np.array_equal(sequential[0], sequential[1])


def test_one_engine_from_two_threads_is_refused():
    """A second thread entering an engine that is stepping gets EngineBusyError, not a corrupted state."""
    p = fastpr.Problem.power_law(d=1000, a=2.0)
    e = fastpr.Engine(p, kind="reference", eta=1e-3)
    w, other = p.initial_point(), p.initial_point()
    started, finished = threading.Event(), threading.Event()

    def long_run():
        """Holds the engine for a long step."""
        started.set()
        try:
            while True:  # the polling below may hold the engine at the moment this thread first enters
                try:
                    e.step(w, 50_000)  # about 0.5 s: long enough for the polling to overlap it
                    break
                except fastpr.EngineBusyError:
                    continue
        finally:
            finished.set()

    t = threading.Thread(target=long_run)
    t.start()
    started.wait()
    refused, deadline = None, time.monotonic() + 120
    while not finished.is_set() and refused is None and time.monotonic() < deadline:
        try:
            e.step(other, 1)
        except fastpr.EngineBusyError as error:
            refused = error
    t.join()
    assert refused is not None, "the long step finished before a second call could overlap it"
    assert "one engine per thread" in str(refused)
