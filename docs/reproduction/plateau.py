#!/usr/bin/env python3
"""MSE plateau: MSE/sigma*^2 at T2 and at tau = H d^a/16 (= cutoff/2), and the times where MSE/sigma*^2 first falls below
0.9, 0.5 and 0.1, in units of H d^a/16. Usage: plateau.py RUN_DIR_OR_SWEEP_DIR..."""
import csv, glob, json, math, os, statistics, sys

def at(rows, t):  # log-log interpolation of MSE at time t
    for (t0, m0), (t1, m1) in zip(rows, rows[1:]):
        if t0 > 0 and t0 <= t <= t1:
            f = math.log(t / t0) / math.log(t1 / t0)
            return math.exp(math.log(m0) + f * math.log(m1 / m0))
    return float("nan")

def first_below(rows, level):
    for t, m in rows:
        if m <= level:
            return t
    return float("nan")

folders = []
for arg in sys.argv[1:]:
    folders += [os.path.dirname(p) for p in sorted(glob.glob(f"{arg}/*/summary.json"))] or [arg]
groups = {}
print("a  d  seed  sigma*^2  tau*=H d^a/16  MSE/s*^2 at T2  at tau*   t(0.9)/tau*  t(0.5)/tau*  t(0.1)/tau*")
for folder in folders:
    s = json.load(open(f"{folder}/summary.json"))
    p, th = s["parameters"], s["theory"]
    sig = th["sigma_star_sq"]
    tau = th["h_da"] * p["d"] ** p["a"] / 16
    rows = [(float(r["t"]), float(r["mse"]) / sig) for r in csv.DictReader(open(f"{folder}/trajectory.csv"))]
    t2 = s["phases"]["t2"]
    vals = [at(rows, t2) if t2 else float("nan"), at(rows, tau)] + [first_below(rows, x) / tau for x in (0.9, 0.5, 0.1)]
    groups.setdefault((p["a"], p["d"]), []).append(vals)
    print(f"{p['a']}  {p['d']}  {p['problem_seed']}  {sig:.3f}  {tau:.4g}  " + "  ".join(f"{v:.3g}" for v in vals))
print()
print("a  d  points  mean: MSE/s*^2 at T2  at tau*  t(0.9)/tau*  t(0.5)/tau*  t(0.1)/tau*   (nan: not reached within the run)")
for (a, d), g in sorted(groups.items()):
    print(f"{a}  {d}  {len(g)}  " + "  ".join(f"{statistics.mean(v[k] for v in g):.3g}" for k in range(5)))
