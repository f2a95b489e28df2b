#!/usr/bin/env python3
"""Phase I check on fastpr run folders: rho_true vs the fitted rate, predicted vs measured T1, and how far
c*exp(rho*t) is from the recorded u(t) while s < 0.01 (docs/MODEL.md section 4). Usage: escape.py RUN_DIR..."""
import csv, json, math, sys

print("run  rho/4lambda1  rho_true  fitted_rate  late_rate  fit_R2  rate_err  c  u0  T1_pred  T1_meas  worst_gap(s<0.01)  gap_at_end(s<0.01)  points")
for folder in sys.argv[1:]:
    summary = json.load(open(f"{folder}/summary.json"))
    theory, fit = summary["theory"], summary["fits"]["escape"]
    rho, c = theory["rho"], theory["c"]
    rows = [r for r in csv.DictReader(open(f"{folder}/trajectory.csv"))]
    s_col = "s"  # the ensemble mean in an ensemble's CSV, the value in a single run's
    u_col = "u"
    gaps, window = [], []
    for r in rows:
        if float(r[s_col]) >= 0.01:
            break
        t, u = float(r["t"]), float(r[u_col])
        gaps.append(abs(c * math.exp(rho * t) / u - 1))
        window.append((t, u))
    # Rate over the second half (in t) of the s < 0.01 window, when u keeps one sign there; the fitted rate starts at t = 0.
    t_end, u_end = window[-1]
    t_mid, u_mid = min(window, key=lambda p: abs(p[0] - t_end / 2))
    late = math.log(u_end / u_mid) / (t_end - t_mid) if u_end * u_mid > 0 and all(p[1] * u_end > 0 for p in window if p[0] >= t_mid) else float("nan")
    rate = fit["slope"] if fit else float("nan")
    print(f"{folder}  {rho / (4 * theory['lambda_1']):.4f}  {rho:.4f}  {rate:.4f}  {late:.4f}  {fit['r2'] if fit else float('nan'):.4f}  {rate / rho - 1:+.3f}  {c:+.3e}  {theory['u0']:+.3e}  "
          f"{theory['t1_predicted']:.4f}  {summary['phases']['t1']:.4f}  {max(gaps):.3f}  {gaps[-1]:.3f}  {len(gaps)}")
