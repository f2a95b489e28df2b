"""docs/REPRODUCTION.md §9: SGD ensembles against sgd-sde ensembles, from their summary.json files.

Prints one row per ensemble, then the ensembles pooled by (problem, η, algorithm, stride), then each pooled sgd-sde against the
pooled SGD of the same problem and η, as differences in combined standard errors (z). Standard errors: of the mean T1, sd/√n;
of the sd, a bootstrap over the members (2,000 resamples, fixed seed; T1 is right-skewed, so sd/√(2(n − 1)) would be too
small); of the fraction p toward −w*, √(p(1 − p)/n). Members that diverged count in the fraction with the sign of their last
finite u, and in T1 when they escaped before diverging.
"""
import json
import math
import random
import sys
from collections import OrderedDict


def stats(t1, minus):
    n = len(t1)
    mean = sum(t1) / n
    sd = math.sqrt(sum((t - mean) ** 2 for t in t1) / (n - 1))
    rng = random.Random(12345)
    boot = []
    for _ in range(2000):
        sample = [t1[rng.randrange(n)] for _ in range(n)]
        m = sum(sample) / n
        boot.append(math.sqrt(sum((t - m) ** 2 for t in sample) / (n - 1)))
    bm = sum(boot) / len(boot)
    sd_se = math.sqrt(sum((b - bm) ** 2 for b in boot) / (len(boot) - 1))
    ordered = sorted(t1)

    def q(p):
        x = p * (n - 1)
        lo = int(math.floor(x))
        hi = min(lo + 1, n - 1)
        return ordered[lo] + (x - lo) * (ordered[hi] - ordered[lo])

    p = sum(minus) / len(minus)
    return dict(n=len(minus), escaped=n, mean=mean, mean_se=sd / math.sqrt(n), sd=sd, sd_se=sd_se,
                q05=q(0.05), median=q(0.5), q95=q(0.95), minus=p, minus_se=math.sqrt(p * (1 - p) / len(minus)))


def row(name, algorithm, stride, diverged, s, extra):
    return (f"| {name} | {algorithm} | {stride} | {s['n']} | {diverged} | {s['mean']:.2f} ± {s['mean_se']:.2f} "
            f"| {s['sd']:.2f} ± {s['sd_se']:.2f} | {s['q05']:.2f} / {s['median']:.2f} / {s['q95']:.2f} "
            f"| {s['minus']:.3f} ± {s['minus_se']:.3f} | {extra} |")


header = ("| run | algorithm | stride | members | diverged | T1 mean ± s.e. | T1 sd ± s.e. | T1 5% / median / 95% "
          "| to −w* ± s.e. | {} |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
pools = OrderedDict()
print(header.format("wall (s)"))
for path in sys.argv[1:]:
    with open(path) as f:
        s = json.load(f)
    if s.get("escape") is None:
        print(f"skipped {path}: status {s['status']}", file=sys.stderr)
        continue
    p = s["parameters"]
    t1 = [t for t in s["escape"]["t1_values"] if t is not None]
    minus = [1 if m["final"] is not None and m["final"]["u"] < 0 else 0 for m in s["members"]]
    diverged = sum(m["status"] == "diverged" for m in s["members"])
    stride = p["sde_stride"] or ""
    print(row(path.split("/")[-2], p["algorithm"], stride, diverged, stats(t1, minus), f"{s['timing']['wall_seconds']:.1f}"))
    problem = (p["d"], p["a"], p["problem_seed"], p["eta"], p["batch"], p["time"])
    pool = pools.setdefault(problem + (p["algorithm"], stride), dict(t1=[], minus=[], diverged=0, ode=s["sgd_theory"]["t1"],
                                                                      flow=s["theory"]["t1_predicted"]))
    pool["t1"] += t1
    pool["minus"] += minus
    pool["diverged"] += diverged

print()
print(header.format("sgd-ode T1 / flow T1").replace("| run |", "| d, a, problem seed, η |"))
pooled = OrderedDict()
for key, pool in pools.items():
    s = stats(pool["t1"], pool["minus"])
    pooled[key] = s
    print(row(f"{key[0]}, {key[1]}, {key[2]}, {key[3]}", key[6], key[7], pool["diverged"], s, f"{pool['ode']:.2f} / {pool['flow']:.2f}"))

print()
print("| d, a, problem seed, η | sgd-sde stride | z of T1 mean | z of T1 sd | z of the fraction to −w* |")
print("|---|---:|---:|---:|---:|")
for key, s in pooled.items():
    if key[6] != "sgd-sde":
        continue
    sgd = pooled.get(key[:6] + ("sgd", ""))
    if sgd is None:
        continue

    def z(a, b, ase, bse):
        return (a - b) / math.sqrt(ase ** 2 + bse ** 2) if ase + bse > 0 else float("nan")

    print(f"| {key[0]}, {key[1]}, {key[2]}, {key[3]} | {key[7]} | {z(s['mean'], sgd['mean'], s['mean_se'], sgd['mean_se']):+.2f} "
          f"| {z(s['sd'], sgd['sd'], s['sd_se'], sgd['sd_se']):+.2f} | {z(s['minus'], sgd['minus'], s['minus_se'], sgd['minus_se']):+.2f} |")
