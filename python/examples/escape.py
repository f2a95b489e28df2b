"""Escape from the initial plateau: SGD's overlap u(t) against the theory's Phase I prediction u(t) ≈ c·e^{ρt}.

Run with the package on the path (after ./build.sh --target=Python):

    PYTHONPATH=artifacts/python python3 python/examples/escape.py [--out escape.png]

Prints the escape time T1 = the first t with |u| ≥ δ = 0.05 (the theory's escape threshold) next to the theory's
t1_predicted = ln(δ/|c|)/ρ, and plots |u(t)| with c·e^{ρt} when matplotlib is installed (Debian: python3-matplotlib).
"""

import argparse

import numpy as np

import fastpr

ESCAPE_THRESHOLD = 0.05  # δ of the theory's t1_predicted (GrowthRate.EscapeThreshold)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--d", type=int, default=1000)
    parser.add_argument("--a", type=float, default=2.0)
    parser.add_argument("--eta", type=float, default=1e-3)
    parser.add_argument("--time", type=float, default=1.5)
    parser.add_argument("--out", default="escape.png", help="where to save the plot")
    args = parser.parse_args()

    p = fastpr.Problem.power_law(d=args.d, a=args.a, problem_seed=0)
    theory = p.theory()
    e = fastpr.Engine(p, kind="auto", batch=1, eta=args.eta, seed=0)
    w = p.initial_point()

    chunk = max(1, int(round(0.005 / args.eta)))  # record every 0.005 time units
    times, overlaps = [0.0], [fastpr.statistics(p, w)["u"]]
    for k in range(1, int(args.time / (chunk * args.eta)) + 1):
        e.step(w, chunk)  # in place, GIL released
        times.append(k * chunk * args.eta)
        overlaps.append(fastpr.statistics(p, w)["u"])
    times, overlaps = np.array(times), np.abs(np.array(overlaps))

    escaped = np.nonzero(overlaps >= ESCAPE_THRESHOLD)[0]
    t1 = times[escaped[0]] if escaped.size else float("nan")
    print(f"engine {e.name}, d = {p.d}, a = {args.a}, eta = {args.eta}")
    print(f"rho = {theory['rho']:.4g}, c = {theory['c']:.4g}, predicted T1 = {theory['t1_predicted']:.4g}, SGD's T1 (|u| >= {ESCAPE_THRESHOLD}) = {t1:.4g}")

    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no plot (Debian: apt-get install python3-matplotlib).")
        return
    figure, axes = plt.subplots(figsize=(6, 4))
    axes.semilogy(times, overlaps, label="SGD |u(t)|")
    phase_one = abs(theory["c"]) * np.exp(theory["rho"] * times) <= 1  # Phase I's exponential, up to |u| = 1
    axes.semilogy(times[phase_one], abs(theory["c"]) * np.exp(theory["rho"] * times[phase_one]), "--", label=r"$|c|\,e^{\rho t}$ (Phase I)")
    axes.axhline(ESCAPE_THRESHOLD, color="grey", linewidth=0.8)
    axes.axvline(theory["t1_predicted"], color="grey", linestyle=":", label=r"predicted $T_1$ ($|u| = \delta$)")
    axes.set_xlabel("t = η·steps")
    axes.set_ylabel("|u| = |wᵀQw*|")
    axes.set_title(f"Escape, d = {p.d}, a = {args.a}")
    axes.legend()
    figure.tight_layout()
    figure.savefig(args.out, dpi=120)
    print(f"plot: {args.out}")


if __name__ == "__main__":
    main()
