#!/usr/bin/env python3
"""The NumPy peer of FastPR's SGD engines: online minibatch SGD for phase retrieval (docs/MODEL.md §1-§3.1), written the
way a researcher would write it (float64, rng.standard_normal, x = sqrt(lambda) * z, BLAS matrix-vector products), timed
in steps per second at each (d, B). Prints one JSON document.

  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 eng/numpy-sgd-peer.py --sizes 1000x1 4096x64 16384x8 --seconds 2
"""
import argparse
import json
import platform
import time

import numpy as np


def problem(d, a, seed):
    lam = np.arange(1, d + 1, dtype=np.float64) ** -a
    lam /= lam.sum()
    rng = np.random.default_rng(seed)
    v = rng.standard_normal(d)
    w_star = v / np.sqrt(np.sum(lam * v * v))
    w0 = rng.standard_normal(d)
    w0 /= np.linalg.norm(w0)
    return lam, w_star, w0


def sgd(w, w_star, sqrt_lam, eta, batch, steps, rng):
    for _ in range(steps):
        x = rng.standard_normal((batch, w.size)) * sqrt_lam  # x ~ N(0, Q)
        z = x @ w
        y = (x @ w_star) ** 2
        r = 4.0 * (z * z - y) * z
        w -= (eta / batch) * (x.T @ r)
    return w


def steps_per_second(d, batch, seconds, a, seed):
    lam, w_star, w0 = problem(d, a, seed)
    sqrt_lam = np.sqrt(lam)
    eta = 0.1 / d  # the benchmark's step (FastPR.Bench SgdStepBenchmarks): w stays near its start
    rng = np.random.default_rng(seed + 1)
    w = w0.copy()
    deadline = time.perf_counter() + seconds / 4
    while time.perf_counter() < deadline:  # warm-up: caches, BLAS threads
        sgd(w, w_star, sqrt_lam, eta, batch, 1, rng)
    done, chunk = 0, 1
    start = time.perf_counter()
    while True:
        sgd(w, w_star, sqrt_lam, eta, batch, chunk, rng)
        done += chunk
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
        if elapsed < seconds / 10:
            chunk *= 2
    if not np.all(np.isfinite(w)):
        raise SystemExit(f"numpy-sgd-peer: w diverged at d = {d}, B = {batch}")
    return done / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["1000x1", "4096x64", "16384x8"], help="(d, B) as DxB")
    parser.add_argument("--seconds", type=float, default=2.0, help="measured seconds per size, after a quarter as much warm-up")
    parser.add_argument("--a", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = []
    for size in args.sizes:
        d, batch = (int(v) for v in size.lower().split("x"))
        rows.append({"d": d, "batch": batch, "steps_per_second": steps_per_second(d, batch, args.seconds, args.a, args.seed)})
    blas = sorted({line.split()[-1] for line in open("/proc/self/maps") if "blas" in line.lower()})
    print(json.dumps({"numpy": np.__version__, "python": platform.python_version(), "blas": blas, "rows": rows}))


if __name__ == "__main__":
    main()
