#!/usr/bin/env python3
"""The NumPy peer of `fastpr simulate --algorithm flow`: the gradient flow of phase retrieval by the same self-consistent
exponential leaps on the same log-time schedule (docs/MODEL.md §3.3-§3.4: trapezoidal scalars solved by Newton with the
analytic Jacobian to 1e-13, leaps split in two when Newton fails, h = max(0.01, 0.005 t), rate limit
h <= 0.02 / r, leaps clipped to land on 200 log-spaced output times). Writes the trajectory as CSV, like the CLI.

  /usr/bin/python3 eng/numpy-flow-peer.py --d 1000 --a 2 --time 1e7 --out /tmp/flow-peer.csv

--tolerance tau scales the schedule as `fastpr --tolerance` does (kappa = sqrt(tau), c = kappa/4, initial step kappa/2).
--teacher/--init read .npy vectors (as `fastpr simulate --teacher/--init` do) so both can run the same problem.
"""
import argparse
import json
import sys
import time

import numpy as np

FLOOR = 1e-8


def phi_and_slope(x, e):
    """phi(x) = (e^x - 1)/x and phi'(x) = (e^x - phi)/x, with their series where the quotients cancel."""
    small = np.abs(x) < 1e-4
    safe = np.where(small, 1.0, x)
    phi = np.where(small, 1 + x / 2 + x * x / 6, np.expm1(x) / safe)
    slope = np.where(small, 0.5 + x / 3, (e - phi) / safe)
    return phi, slope


def try_leap(w, h, s0, u0, lam, ws, s_star, tol=1e-13, max_iter=30):
    """One self-consistent leap of length h; returns the new w or None when Newton does not converge."""
    a, b = 4 * (s_star - 3 * s0), 8 * u0
    lt = lam * ws
    for _ in range(max_iter):
        lh = lam * h
        x = lh * a
        e = np.exp(x)
        phi, slope = phi_and_slope(x, e)
        drive = lh * phi * ws
        nxt = e * w + b * drive
        by_a = lh * e * w + b * lh * lh * slope * ws
        ln = lam * nxt
        s1, u1 = ln @ nxt, ln @ ws
        dsa, dsb = 2 * (ln @ by_a), 2 * (ln @ drive)
        dua, dub = lt @ by_a, lt @ drive
        r1 = a - 4 * (s_star - 3 * (s0 + s1) / 2)
        r2 = b - 8 * (u0 + u1) / 2
        j11, j12, j21, j22 = 1 + 6 * dsa, 6 * dsb, -4 * dua, 1 - 4 * dub
        det = j11 * j22 - j12 * j21
        da, db = -(r1 * j22 - j12 * r2) / det, -(j11 * r2 - j21 * r1) / det
        if not (np.isfinite(da) and np.isfinite(db)):
            return None
        a, b = a + da, b + db
        if abs(da) <= tol * max(1, abs(a)) and abs(db) <= tol * max(1, abs(b)):
            lh = lam * h
            x = lh * a
            e = np.exp(x)
            phi, _ = phi_and_slope(x, e)
            return e * w + b * lh * phi * ws
    return None


def leap(w, h, state, lam, ws, s_star, depth=0):
    """Leaps by h (splitting on failure); returns (w, leaps taken)."""
    new = try_leap(w, h, state[0], state[1], lam, ws, s_star)
    if new is not None:
        return new, 1
    if depth >= 40:
        raise SystemExit(f"numpy-flow-peer: no convergence for h = {h}")
    w, n1 = leap(w, h / 2, overlaps(w, lam, ws), lam, ws, s_star, depth + 1)
    w, n2 = leap(w, h / 2, overlaps(w, lam, ws), lam, ws, s_star, depth + 1)
    return w, n1 + n2


def overlaps(w, lam, ws):
    lw = lam * w
    return lw @ w, lw @ ws, (lam * lw) @ w, (lam * lw) @ ws


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--d", type=int, default=1000)
    p.add_argument("--a", type=float, default=2.0)
    p.add_argument("--time", type=float, default=1e7)
    p.add_argument("--records", type=int, default=200)
    p.add_argument("--tolerance", type=float, default=4e-4)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--teacher", help=".npy teacher (used as given)")
    p.add_argument("--init", help=".npy initial point")
    p.add_argument("--out", default="flow-peer.csv")
    args = p.parse_args()
    start = time.perf_counter()

    d = args.d
    lam = np.arange(1, d + 1, dtype=np.float64) ** -args.a
    lam /= lam.sum()
    rng = np.random.default_rng(args.seed)
    if args.teacher:
        ws = np.load(args.teacher)
    else:
        v = rng.standard_normal(d)
        ws = v / np.sqrt(lam @ (v * v))
    if args.init:
        w = np.load(args.init).copy()
    else:
        w = rng.standard_normal(d)
        w /= np.linalg.norm(w)
    s_star, s_star2 = (lam * ws) @ ws, (lam * lam * ws) @ ws

    kappa = np.sqrt(args.tolerance)
    initial, relative, rate_factor = kappa / 2, kappa / 4, kappa
    times = np.concatenate([[0.0], np.geomspace(0.01, args.time, args.records - 1)])
    times[-1] = args.time

    def record(t, w, steps):
        s, u = overlaps(w, lam, ws)[:2]
        loss = 3 * s * s + 3 * s_star * s_star - 2 * s * s_star - 4 * u * u
        mse = min(np.sum((w - ws) ** 2), np.sum((w + ws) ** 2)) / d
        return (t, steps, s, u, loss, mse, 1 - abs(u))

    rows = [record(0.0, w, 0)]
    t, leaps = 0.0, 0
    state = overlaps(w, lam, ws)
    for target in times[1:]:
        while t < target:
            s, u, s2, u2 = state
            alpha, beta = 4 * (s_star - 3 * s), 8 * u
            s_dot, u_dot = 2 * (alpha * s2 + beta * u2), alpha * u2 + beta * s_star2
            r = max(abs(s_dot) / max(abs(s), FLOOR), abs(u_dot) / max(abs(u), FLOOR))
            h = max(initial, relative * t)
            if r > 0:
                h = min(h, rate_factor / r)
            if t + h * (1 + 1e-9) >= target:
                h = target - t
            w, n = leap(w, h, state, lam, ws, s_star)
            leaps += n
            state = overlaps(w, lam, ws)
            t = target if t + h >= target else t + h
        rows.append(record(t, w, leaps))
    np.savetxt(args.out, np.array(rows), delimiter=",", header="t,leaps,s,u,loss,mse,one_minus_u", comments="")
    last = rows[-1]
    print(json.dumps({"leaps": leaps, "seconds_in_script": time.perf_counter() - start, "final_mse": last[5],
                      "final_one_minus_u": last[6], "out": args.out}))


if __name__ == "__main__":
    sys.exit(main())
