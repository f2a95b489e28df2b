"""Ctrl-C stops simulate and Engine.step within about a tenth of a second; a checkpointed run resumes to the same bits; the
progress callback is called at least once a second."""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np

import fastpr

INTERRUPTED = textwrap.dedent("""
    import json, os, signal, sys, threading, time, fastpr
    p = fastpr.Problem.power_law(d=400, a=1.5, problem_seed=2)
    kind, checkpoint = sys.argv[1], sys.argv[2]
    sent = []
    def interrupt():
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)
    threading.Timer(1.0, interrupt).start()
    started = time.monotonic()
    try:
        if kind == "simulate":
            fastpr.simulate(p, seeds=4, threads=2, eta=1e-3, steps=50_000_000, records=50, seed=1, checkpoint=checkpoint)
        else:
            fastpr.Engine(p, eta=1e-3, seed=1).step(p.initial_point(), 200_000_000)
    except KeyboardInterrupt as error:
        print(json.dumps({"delay": time.monotonic() - sent[0], "ran": sent[0] - started, "message": str(error)}))
""")


def interrupt(kind, checkpoint=""):
    done = subprocess.run([sys.executable, "-c", INTERRUPTED, kind, checkpoint], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), f"no KeyboardInterrupt: {done.stderr}"
    return json.loads(done.stdout)


def test_ctrl_c_stops_simulate_quickly_and_saves_the_run(tmp_path):
    checkpoint = str(tmp_path / "run.ckpt")
    report = interrupt("simulate", checkpoint)
    assert report["delay"] < 0.5, report  # about 0.1 s of work plus the interpreter; generous for a loaded CI machine
    assert os.path.isfile(checkpoint) and f"resume='{checkpoint}'" in report["message"], report


def test_ctrl_c_stops_engine_step_quickly():
    report = interrupt("step")
    assert report["delay"] < 0.5, report


def test_interrupted_run_resumes_to_the_uninterrupted_bits(tmp_path):
    p = fastpr.Problem.power_law(d=60, a=1.5, problem_seed=3)
    options = dict(seeds=3, threads=2, eta=0.01, steps=4_000_000, records=20, seed=4)
    whole = fastpr.simulate(p, **options)
    checkpoint = str(tmp_path / "run.ckpt")
    calls = []

    def stop_early(progress):
        calls.append(progress)
        if progress.fraction > 0.02:
            raise KeyboardInterrupt  # as Ctrl-C would, from the calling thread

    try:
        fastpr.simulate(p, checkpoint=checkpoint, progress=stop_early, progress_every=0.05, **options)
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("the run was not interrupted")
    assert os.path.isfile(checkpoint)
    resumed = fastpr.simulate(p, resume=checkpoint, threads=1)  # the rest comes from the checkpoint; threads may change
    assert not os.path.exists(checkpoint), "an ended run leaves no checkpoint"
    for name in whole:
        if name != "info":
            assert np.array_equal(whole[name].view(np.uint64), resumed[name].view(np.uint64)), name
    assert resumed.info["status"] == "completed"


def test_progress_is_reported_at_least_once_a_second():
    p = fastpr.Problem.power_law(d=300, a=1.5, problem_seed=1)
    seen = []
    fastpr.simulate(p, seeds=2, threads=2, eta=1e-3, steps=6_000_000, seed=1, progress=seen.append)
    assert seen and seen[-1].fraction == 1.0
    elapsed = [s.elapsed for s in seen]
    gaps = np.diff([0.0, *elapsed])
    assert gaps.max() <= 1.3, gaps  # ≤ 1 s apart, plus the polling beat
    assert all(0 <= s.fraction <= 1 for s in seen) and seen[-1].t > 0 and seen[-1].remaining == 0.0


def test_engine_step_progress_and_pieces_keep_the_bits():
    p = fastpr.Problem.power_law(d=50, a=1.5, problem_seed=1)
    one, pieces = p.initial_point(), p.initial_point()
    fastpr.Engine(p, eta=0.01, seed=2).step(one, 30_000)
    engine = fastpr.Engine(p, eta=0.01, seed=2)
    engine._piece = 7  # tiny pieces: the same 30,000 steps in thousands of calls
    calls = []
    engine.step(pieces, 30_000, progress=lambda done, n: calls.append((done, n)))
    assert np.array_equal(one, pieces)
    assert calls[-1] == (30_000, 30_000)
