#!/usr/bin/env python3
"""Theta(log d) escape on a random-teacher sweep (fastpr sweep merge output): mean and spread of the measured T1 per d,
the mean increment between consecutive d against ln(d2/d1)/(2 rho), and the per-teacher increments. Usage: logd.py sweep.csv [D1,D2,...]"""
import csv, math, statistics, sys

rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["status"] == "completed"]
dims = [int(x) for x in sys.argv[2].split(",")] if len(sys.argv) > 2 else sorted({int(r["d"]) for r in rows})
by = {(int(r["d"]), int(r["problem_seed"])): r for r in rows}
seeds = sorted({int(r["problem_seed"]) for r in rows})
print("d  teachers  mean_T1  sd_T1  median_T1  min_T1  max_T1  mean_T1_pred  median_T1_pred  mean_rho")
for d in dims:
    t1 = [float(by[d, s]["t1"]) for s in seeds]
    pred = [float(by[d, s]["t1_predicted"]) for s in seeds]
    rho = [float(by[d, s]["rho"]) for s in seeds]
    print(f"{d}  {len(t1)}  {statistics.mean(t1):.4f}  {statistics.stdev(t1):.4f}  {statistics.median(t1):.4f}  {min(t1):.4f}  "
          f"{max(t1):.4f}  {statistics.mean(pred):.4f}  {statistics.median(pred):.4f}  {statistics.mean(rho):.4f}")
for d1, d2 in zip(dims, dims[1:]):
    inc = [float(by[d2, s]["t1"]) - float(by[d1, s]["t1"]) for s in seeds]
    law = [math.log(d2 / d1) / (float(by[d1, s]["rho"]) + float(by[d2, s]["rho"])) for s in seeds]
    print(f"{d1} -> {d2}: mean increment {statistics.mean(inc):+.4f} (sd over teachers {statistics.stdev(inc):.4f}), "
          f"law ln(d2/d1)/(2 rho) mean {statistics.mean(law):.4f}; per teacher: "
          + " ".join(f"{x:+.3f}" for x in inc))
