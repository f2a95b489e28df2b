"""Table of docs/REPRODUCTION.md §8: SGD ensembles (8 seeds) against the sgd-ode and the flow, from the folders sgd-ode.sh writes."""
import json
import pathlib
import sys


def load(path):
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def fmt(x, spec=".3e"):
    return "–" if x is None else format(x, spec)


root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "repro/sgd-ode")
print("| a | d | η | T | SGD final MSE (mean of 8) | sgd-ode Wick | gap | sgd-ode high-dim. | gap | flow | SGD final rate | Wick rate | high-dim. rate | flow rate | to −w* |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for point in sorted(root.iterdir(), key=lambda p: [float(kv.split("=")[1]) for kv in p.name.split("_")]):
    sgd, hd, flow = (load(point / k / "summary.json") for k in ("sgd", "hd", "flow"))
    if sgd is None:
        continue
    p = sgd["parameters"]
    sgd_mse = sgd["final"]["mse"] if sgd["final"] else None
    wick = sgd.get("sgd_theory") or {}
    wick_mse = wick.get("final_mse")
    hd_mse = hd["final"]["mse"] if hd and hd["final"] and hd["status"] == "completed" else None
    flow_mse = flow["final"]["mse"] if flow and flow.get("final") else None

    def gap(x):
        return None if x is None or not sgd_mse or sgd["status"] != "completed" else x / sgd_mse - 1

    def rate(doc):
        fit = doc and doc.get("fits") and doc["fits"].get("final_decay")
        return fit["slope"] if fit else None

    status = "" if sgd["status"] == "completed" else f" ({sgd['status']})"
    print(f"| {p['a']:g} | {p['d']} | {p['eta']:g} | {p['time']:g} | {fmt(sgd_mse)}{status} | {fmt(wick_mse)}"
          f"{'' if wick.get('status') == 'completed' else ' (' + str(wick.get('status')) + ')'} | {fmt(gap(wick_mse), '+.1%')} | {fmt(hd_mse)} | {fmt(gap(hd_mse), '+.1%')}"
          f" | {fmt(flow_mse)} | {fmt(rate(sgd), '.3e')} | {fmt(wick.get('final_decay_rate'), '.3e')} | {fmt(rate(hd), '.3e')} | {fmt(rate(flow), '.3e')}"
          f" | {fmt(sgd['ensemble']['fraction_toward_minus'] if sgd.get('ensemble') else None, '.2f')} |")
