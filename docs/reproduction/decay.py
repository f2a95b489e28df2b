#!/usr/bin/env python3
"""Phase IIb power law of 1 - |u| on flow sweeps: per teacher the measured slope, the teacher-specific tail-sum slope,
C = (1 - u)/tail sum at the window start, window and R^2; per (a, d) the mean over teachers beside -(1 - 1/a) and the
bound's -(a - 1)/(2a); and the local slope of 1 - |u| from cutoff/10 to cutoff (where the finite-d tail bends the law).
Usage: decay.py SWEEP_DIR... (each point folder holds summary.json and trajectory.csv)"""
import csv, glob, json, math, os, statistics, sys

def local_slope(folder, t_lo, t_hi):
    rows = [(float(r["t"]), float(r["one_minus_u"])) for r in csv.DictReader(open(f"{folder}/trajectory.csv"))]
    lo = min(rows, key=lambda p: abs(math.log(max(p[0], 1e-300) / t_lo)))
    hi = min(rows, key=lambda p: abs(math.log(max(p[0], 1e-300) / t_hi)))
    if hi[0] <= lo[0] or lo[1] <= 0 or hi[1] <= 0 or hi[0] < 0.99 * t_hi:
        return float("nan")
    return math.log(hi[1] / lo[1]) / math.log(hi[0] / lo[0])

groups = {}
print("a  d  seed  window  points  measured(R2)  tail_sum(R2)  diff  C@start  slope[cutoff/10,cutoff]")
for sweep in sys.argv[1:]:
    for summary_path in sorted(glob.glob(f"{sweep}/*/summary.json")):
        folder = os.path.dirname(summary_path)
        s = json.load(open(summary_path))
        p, th, fit = s["parameters"], s["theory"], s["fits"]["residual_decay"]
        if fit is None:
            print(f"{p['a']}  {p['d']}  {p['problem_seed']}  no Phase IIb window: T2 = {s['phases']['t2']:.4g} is past "
                  f"cutoff/10 = {th['cutoff_time'] / 10:.4g}")
            continue
        pred = fit["predicted"]
        cut = th["cutoff_time"]
        tail = local_slope(folder, cut / 10, cut)
        print(f"{p['a']}  {p['d']}  {p['problem_seed']}  [{fit['window'][0]:.3g}, {fit['window'][1]:.3g}]  {fit['points']}  "
              f"{fit['slope']:.3f}({fit['r2']:.4f})  {pred['tail_sum_slope']:.3f}({pred['tail_sum_r2']:.4f})  "
              f"{fit['slope'] - pred['tail_sum_slope']:+.3f}  {pred['tail_sum_constant']:.3f}  {tail:.3f}")
        groups.setdefault((p["a"], p["d"]), []).append((fit["slope"], pred["tail_sum_slope"], pred["tail_sum_constant"], tail,
                                                        pred["teacher_averaged_exponent"], pred["bound_exponent"]))
print()
print("a  d  teachers  measured: mean  sd  min  max  | tail-sum mean | max|diff| | C min..max | -(1-1/a) | bound | slope[cutoff/10,cutoff] mean")
for (a, d), g in sorted(groups.items()):
    m = [x[0] for x in g]
    print(f"{a}  {d}  {len(g)}  {statistics.mean(m):.3f}  {statistics.stdev(m):.3f}  {min(m):.3f}  {max(m):.3f}  | "
          f"{statistics.mean(x[1] for x in g):.3f} | {max(abs(x[0] - x[1]) for x in g):.3f} | "
          f"{min(x[2] for x in g):.2f}..{max(x[2] for x in g):.2f} | {g[0][4]:.3f} | {g[0][5]:.3f} | "
          f"{statistics.mean(x[3] for x in g):.3f}")
