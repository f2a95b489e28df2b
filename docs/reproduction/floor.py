#!/usr/bin/env python3
"""SGD noise floor (docs/MODEL.md section 7): final MSE over the ensemble members (mean, sd, standard error) against
(fraction of equilibrated coordinates) * eta * sigma^2 / B, a coordinate counting as equilibrated when 8 lambda_i t >= 5.
Usage: floor.py SUMMARY_JSON..."""
import json, math, statistics, sys

for path in sys.argv[1:]:
    s = json.load(open(path))
    p = s["parameters"]
    d, a, eta, sigma, batch, t = p["d"], p["a"], p["eta"], p["sigma"], p["batch"], s["final"]["t"]
    h = sum(i ** -a for i in range(1, d + 1))
    lam = [i ** -a / h for i in range(1, d + 1)]
    fraction = sum(8 * l * t >= 5 for l in lam) / d
    predicted = fraction * eta * sigma ** 2 / batch
    mse = [m["final"]["mse"] for m in s["members"] if m["status"] == "completed"]
    mean, sd = statistics.mean(mse), statistics.stdev(mse)
    print(f"{s['run']['engine']:>10} ({s['run']['gaussian_source']}): {len(mse)} members, t = {t:g}, final MSE {mean:.4f} +- {sd:.4f} "
          f"(sd; s.e. {sd / math.sqrt(len(mse)):.4f}); predicted {predicted:.4f} (fraction equilibrated {fraction:.2f}, "
          f"min 8 lambda t = {8 * lam[-1] * t:.1f}); ratio {mean / predicted:.2f}")
