#!/usr/bin/env python3
"""Larger a escapes faster (docs/MODEL.md section 4): per (a, d) the median measured and predicted T1 and the mean rho over the
teachers of flow sweeps. Usage: escape_by_a.py SWEEP_DIR..."""
import glob, json, statistics, sys

groups = {}
for sweep in sys.argv[1:]:
    for path in glob.glob(f"{sweep}/*/summary.json"):
        s = json.load(open(path))
        groups.setdefault((s["parameters"]["d"], s["parameters"]["a"]), []).append(s)
print("d  a  teachers  median_T1  min_T1  max_T1  median_T1_pred  mean_rho  lambda_1")
for (d, a), g in sorted(groups.items()):
    t1 = [s["phases"]["t1"] for s in g]
    print(f"{d}  {a}  {len(g)}  {statistics.median(t1):.3f}  {min(t1):.3f}  {max(t1):.3f}  "
          f"{statistics.median(s['theory']['t1_predicted'] for s in g):.3f}  {statistics.mean(s['theory']['rho'] for s in g):.3f}  "
          f"{g[0]['theory']['lambda_1']:.3f}")
