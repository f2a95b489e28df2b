"""Table and figure of docs/REPRODUCTION.md §11: SGD ensembles under four learning-rate schedules at equal steps against the
sgd-ode under the same schedule, from the folders schedules.sh writes. Usage: schedules.py OUT [FIGURE.png]"""
import csv
import json
import math
import pathlib
import sys

SCHEDULES = ["constant", "cosine", "wsd", "power"]
TARGETS = [0.85, 0.80]  # MSE levels whose first crossing is reported


def trajectory(path):
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {key: [float(row[key]) for row in rows] for key in rows[0]}


def first_crossing(t, steps, mse, level):
    """(t, step) where the MSE first falls to level, linear in log t between records; None when never."""
    for k in range(1, len(t)):
        if mse[k] <= level < mse[k - 1]:
            f = (mse[k - 1] - level) / (mse[k - 1] - mse[k])
            lt = math.log(max(t[k - 1], 1e-300)) + f * (math.log(t[k]) - math.log(max(t[k - 1], 1e-300)))
            return math.exp(lt), steps[k - 1] + f * (steps[k] - steps[k - 1])
    return None


def fmt(x, spec=".4f"):
    return "–" if x is None else format(x, spec)


root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "repro/schedules")
figure = sys.argv[2] if len(sys.argv) > 2 else None
runs = {}
for name in SCHEDULES:
    sgd, ode = root / name / "sgd", root / name / "ode"
    summary = json.loads((sgd / "summary.json").read_text())
    runs[name] = dict(summary=summary, sgd=trajectory(sgd / "trajectory.csv"), ode=trajectory(ode / "trajectory.csv"),
                      ode_summary=json.loads((ode / "summary.json").read_text()))

print("| schedule | steps | end t = Σ η_k | final η/η₀ | SGD final MSE ± s.e. (members) | s.e./MSE | sgd-ode final MSE | (SGD − ode)/s.e. |"
      + "".join(f" first MSE ≤ {x}: SGD t (step) | sgd-ode t |" for x in TARGETS))
print("|---|---|---|---|---|---|---|---|" + "---|---|" * len(TARGETS))
finals = {}
for name, run in runs.items():
    s, o = run["sgd"], run["ode"]
    members = int(s["members"][-1])
    mse, se = s["mse"][-1], s["mse_std"][-1] / math.sqrt(members)
    ode_mse = o["mse"][-1]
    finals[name] = (mse, se, ode_mse)
    eta0 = run["summary"]["parameters"]["eta"]
    cells = [name, f"{int(s['step'][-1]):,}", fmt(s["t"][-1], ".1f"), fmt(run["summary"]["run"]["final_eta"] / eta0, ".3g"),
             f"{mse:.4f} ± {se:.4f} ({members})", f"{se / mse:.1%}", f"{ode_mse:.4f}", f"{(mse - ode_mse) / se:+.1f}"]
    for level in TARGETS:
        hit = first_crossing(s["t"], s["step"], s["mse"], level)
        ode_hit = first_crossing(o["t"], o["t"], o["mse"], level)
        cells += ["–" if hit is None else f"{hit[0]:.1f} ({hit[1]:,.0f})", "–" if ode_hit is None else f"{ode_hit[0]:.1f}"]
    print("| " + " | ".join(cells) + " |")

by_sgd = sorted(finals, key=lambda n: finals[n][0])
by_ode = sorted(finals, key=lambda n: finals[n][2])
print()
print("SGD ranking (lowest final MSE first):", " < ".join(by_sgd))
print("sgd-ode ranking:                     ", " < ".join(by_ode), "(same)" if by_sgd == by_ode else "(DIFFERENT)")
best, second = by_sgd[0], by_sgd[1]
gap = finals[second][0] - finals[best][0]
gap_se = math.hypot(finals[second][1], finals[best][1])
print(f"{best} beats {second} by {gap:.4f} ({gap / finals[best][0]:.1%}), {gap / gap_se:.1f} combined standard errors")
for name in by_sgd[1:]:
    d = finals[name][0] - finals[best][0]
    print(f"  {best} vs {name}: {d:.4f} ({d / finals[best][0]:.1%}), {d / math.hypot(finals[name][1], finals[best][1]):.1f} s.e.")

if figure:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import numpy as np

    colors = dict(constant="tab:blue", cosine="tab:orange", wsd="tab:green", power="tab:red")
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(8, 7), sharex=True, gridspec_kw=dict(height_ratios=[3, 1]))
    for name, run in runs.items():
        s, o, c = run["sgd"], run["ode"], colors[name]
        # Equal compute: everything against the SGD step; the sgd-ode's t is mapped to steps through the run's own (t, step) records.
        steps = np.array(s["step"]) / 1e3
        members = np.array(s["members"])
        mean = np.array(s["mse"])
        se = np.array(s["mse_std"]) / np.sqrt(members)
        top.fill_between(steps, s["mse_q05"], s["mse_q95"], color=c, alpha=0.10, lw=0)
        top.fill_between(steps, mean - 2 * se, mean + 2 * se, color=c, alpha=0.35, lw=0)
        top.plot(steps, mean, color=c, lw=1.6, label=f"{name}: SGD mean (±2 s.e.; 5–95% of members)")
        top.plot(np.interp(o["t"], s["t"], steps), o["mse"], color=c, lw=1.2, ls="--", label=f"{name}: sgd-ode")
        eta0 = run["summary"]["parameters"]["eta"]
        dt, dk = np.diff(s["t"]), np.diff(s["step"])
        keep = dk > 0
        bottom.plot(((steps[1:] + steps[:-1]) / 2)[keep], (dt[keep] / dk[keep]) / eta0, color=c, lw=1.4, label=name)
    top.set_ylabel("MSE")
    top.set_ylim(0.72, 0.98)
    top.legend(fontsize=7, ncol=2, loc="lower left")
    top.set_title("d = 1000, a = 2, σ = 1, B = 1, η₀ = 0.005, 400,000 steps each")
    bottom.set_xlabel("SGD steps (thousands)")
    bottom.set_ylabel("η/η₀")
    bottom.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    fig.savefig(figure, dpi=110)
    print(f"figure: {figure}")
