#!/usr/bin/env python3
"""s = 1/3 crossing: T1' - T1 (and |u| = 1/2 time minus T1) per point of a merged sweep, summarised per d. Usage: crossing.py sweep.csv"""
import csv, statistics, sys

rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["status"] == "completed"]
print("d  teachers  T1'-T1: mean  min  max   |  t_half-T1: mean  min  max")
for d in sorted({int(r["d"]) for r in rows}):
    pts = [r for r in rows if int(r["d"]) == d]
    gap = [float(r["t1_prime"]) - float(r["t1"]) for r in pts]
    half = [float(r["t_half"]) - float(r["t1"]) for r in pts if r["t_half"]]
    print(f"{d}  {len(pts)}  {statistics.mean(gap):.3f}  {min(gap):.3f}  {max(gap):.3f}   |  "
          f"{statistics.mean(half):.3f}  {min(half):.3f}  {max(half):.3f}  ({len(half)} reached |u| = 1/2)")
