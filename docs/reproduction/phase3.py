#!/usr/bin/env python3
"""Phase III law: from summary.json's predictions.phase_three curve, the start time and MSE, and the worst relative gap
|predicted/measured - 1| over the curve while the measured MSE is above 1e-9 of its start (below that the flow's MSE is
rounding-level in the tail). Usage: phase3.py RUN_DIR_OR_SWEEP_DIR..."""
import glob, json, os, statistics, sys

folders = []
for arg in sys.argv[1:]:
    folders += [os.path.dirname(p) for p in sorted(glob.glob(f"{arg}/*/summary.json"))] or [arg]
groups = {}
print("a  d  seed  start_t  start/cutoff  start_MSE/s*^2  end_t  MSE_drop  points  worst_gap")
for folder in folders:
    s = json.load(open(f"{folder}/summary.json"))
    p, th, p3 = s["parameters"], s["theory"], (s["predictions"] or {}).get("phase_three")
    if not p3:
        print(f"{p['a']}  {p['d']}  {p['problem_seed']}  Phase III not reached by t = {s['final']['t']:.3g} "
              f"(final 1-|u| = {s['final']['one_minus_u']:.2e})")
        continue
    curve = [c for c in p3["curve"] if c["mse_measured"] >= 1e-9 * p3["start_mse"]]
    gap = max(abs(c["mse_predicted"] / c["mse_measured"] - 1) for c in curve)
    groups.setdefault((p["a"], p["d"]), []).append(gap)
    print(f"{p['a']}  {p['d']}  {p['problem_seed']}  {p3['start_time']:.3g}  {p3['start_time'] / th['cutoff_time']:.3f}  "
          f"{p3['start_mse'] / th['sigma_star_sq']:.3f}  {curve[-1]['t']:.3g}  {curve[-1]['mse_measured'] / p3['start_mse']:.1e}  "
          f"{len(curve)}  {gap:.2e}")
print()
for (a, d), g in sorted(groups.items()):
    print(f"a = {a}, d = {d}: {len(g)} teachers reached Phase III; worst gap max {max(g):.2e}, median {statistics.median(g):.2e}")
