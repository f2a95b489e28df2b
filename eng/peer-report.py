#!/usr/bin/env python3
"""Runs FastPR and its NumPy peers in one run, rounds interleaved, and writes the "FastPR against NumPy peers" tables.
Called by eng/peer-report.sh (which installs NumPy and builds); see there for usage."""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAIN = os.path.join(ROOT, "FastPR.Cli/bin/Release/net10.0/fastpr")
R2R = os.path.join(ROOT, "artifacts/fastpr-r2r/fastpr")
AOT = os.path.join(ROOT, "artifacts/fastpr/fastpr")
TOLERANCES = ["1e-4", "1e-5", "1e-6"]
PY = "/usr/bin/python3"
NUMPY_ENV = dict(os.environ, OPENBLAS_NUM_THREADS="1", LD_LIBRARY_PATH="/usr/lib/x86_64-linux-gnu/openblas-pthread")
SIZES = [(1000, 1), (4096, 64), (16384, 8)]
SGD_PEER = "OPENBLAS_NUM_THREADS=1 /usr/bin/python3 eng/numpy-sgd-peer.py --sizes 1000x1 4096x64 16384x8 --seconds {s}"
FLOW_ARGS = "--d 1000 --a 2 --time 1e7"


def run(cmd, env=None):
    """Runs cmd (a list) from the repository root; returns (wall seconds, stdout)."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


def uptime():
    with open("/proc/loadavg") as f:
        return ", ".join(f.read().split()[:3])


def cpu():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown"


def read_csv(path, t_col, cols):
    import numpy as np
    data = np.genfromtxt(path, delimiter=",", names=True)
    return {name: data[name] for name in [t_col] + cols}


def main():
    rounds = int(os.environ.get("ROUNDS", "3"))
    seconds = float(os.environ.get("SECONDS_PER_CELL", "0.4"))
    peer_seconds = float(os.environ.get("PEER_SECONDS", "2"))
    strict_rounds = int(os.environ.get("STRICT_ROUNDS", "1"))
    report = os.environ.get("REPORT", os.path.join(ROOT, "BENCHMARKS.md"))
    tmp = tempfile.mkdtemp(prefix="peer-report.")
    began, load_start = datetime.now(timezone.utc), uptime()

    sgd_ratios = {}  # (d, B, column) -> list of (fastpr steps/s, ratio)
    numpy_rate = {}
    flow = {"numpy": [], "plain": [], "r2r": [], "aot": []}
    leaps = {}
    for r in range(rounds):
        print(f"peer-report: round {r + 1}/{rounds}, load {uptime()}", file=sys.stderr)
        _, out = run([PY, "eng/numpy-sgd-peer.py", "--sizes", *[f"{d}x{b}" for d, b in SIZES], "--seconds", str(peer_seconds)], NUMPY_ENV)
        peer = json.loads(out)
        _, out = run([PLAIN, "bench", "--json", "--quiet", "--seconds", str(seconds)])
        bench = json.loads(out)
        for row in peer["rows"]:
            key = (row["d"], row["batch"])
            numpy_rate.setdefault(key, []).append(row["steps_per_second"])
            for b in bench["rows"]:
                if b["d"] != key[0] or b["batch"] != key[1]:
                    continue
                column = f"auto → {b['auto_engine']}" if b["engine"] == "auto" else f"{b['engine']}, {b['source']}"
                sgd_ratios.setdefault((key, column), []).append((b["steps_per_second"], b["steps_per_second"] / row["steps_per_second"]))
        # The flow, whole process: the NumPy peer, the plain build, the ReadyToRun publish, the NativeAOT binary.
        t, out = run([PY, "eng/numpy-flow-peer.py", *FLOW_ARGS.split(), "--out", f"{tmp}/peer.csv"], NUMPY_ENV)
        flow["numpy"].append(t)
        leaps["numpy"] = json.loads(out)["leaps"]
        for name, exe in (("plain", PLAIN), ("r2r", R2R), ("aot", AOT)):
            t, _ = run([exe, "simulate", "--algorithm", "flow", *FLOW_ARGS.split(), "--out", f"{tmp}/{name}", "--quiet"])
            flow[name].append(t)
        with open(f"{tmp}/plain/summary.json") as f:
            leaps["fastpr"] = json.load(f)["run"]["steps_completed"]

    # The flow at tighter tolerances: 1e-4 and 1e-5 hold 1 − |u| and the MSE to 1e-4 relative where RK4 can reach (docs/MODEL.md
    # §3.4, the accuracy issue #12 names), and 1e-6; then both on one problem (the peer's, as .npy) to compare their trajectories.
    strict = {tol: {"numpy": [], "r2r": [], "aot": []} for tol in TOLERANCES}
    for r in range(strict_rounds):
        for tol in TOLERANCES:
            t, out = run([PY, "eng/numpy-flow-peer.py", *FLOW_ARGS.split(), "--tolerance", tol, "--out", f"{tmp}/peer-strict.csv"], NUMPY_ENV)
            strict[tol]["numpy"].append(t)
            leaps[f"numpy-{tol}"] = json.loads(out)["leaps"]
            t, _ = run([R2R, "simulate", "--algorithm", "flow", *FLOW_ARGS.split(), "--tolerance", tol, "--out", f"{tmp}/strict", "--quiet"])
            strict[tol]["r2r"].append(t)
            t, _ = run([AOT, "simulate", "--algorithm", "flow", *FLOW_ARGS.split(), "--tolerance", tol, "--out", f"{tmp}/strict-aot", "--quiet"])
            strict[tol]["aot"].append(t)
            with open(f"{tmp}/strict/summary.json") as f:
                leaps[f"fastpr-{tol}"] = json.load(f)["run"]["steps_completed"]
    agreement = compare_on_one_problem(tmp)
    ended, load_end = datetime.now(timezone.utc), uptime()

    med = statistics.median
    lines = [
        "<!-- peer-report:begin (generated by eng/peer-report.sh; edit outside the markers) -->",
        f"Run: {began:%Y-%m-%d %H:%M}–{ended:%H:%M} UTC on {cpu()} ({os.cpu_count()} logical cores); load average (1, 5, 15 min) "
        f"{load_start} at the start and {load_end} at the end. NumPy {peer['numpy']} on OpenBLAS "
        f"({os.path.basename(peer['blas'][-1]) if peer['blas'] else 'unknown BLAS'}), one BLAS thread like FastPR's single-threaded "
        f"bench; {rounds} rounds, each running the peer and FastPR back to back; medians over rounds (ratios are medians of each "
        "round's ratio).",
        "",
        "**SGD steps per second** (d, B) against the NumPy peer: `" + SGD_PEER.format(s=peer_seconds) + "` and `fastpr bench --json "
        f"--seconds {seconds}` (engine, Gaussian source; *auto* is what `--engine auto` runs on the default source).",
        "",
    ]
    columns = []
    for (key, column) in sgd_ratios:
        if column not in columns:
            columns.append(column)
    wanted = [c for c in columns if c.split(",")[0] in ("reference", "mkl", "projected") and c.split(", ")[1] in ("ziggurat", "mkl-vsl")]
    wanted += [c for c in columns if c.startswith("auto")]
    header = "| (d, B) | NumPy steps/s | " + " | ".join(wanted) + " |"
    lines += [header, "|---|---:|" + "---:|" * len(wanted)]
    for key in SIZES:
        cells = []
        for c in wanted:
            values = sgd_ratios.get((key, c))
            cells.append("" if not values else f"{med(v[0] for v in values):.3g} (**{med(v[1] for v in values):.1f}×**)")
        lines.append(f"| ({key[0]}, {key[1]}) | {med(numpy_rate[key]):.3g} | " + " | ".join(cells) + " |")
    auto_cols = ", ".join(c for c in wanted if c.startswith("auto"))
    lines += [
        "",
        f"(The *auto* columns are {auto_cols}: one column per engine auto chose at some size.)",
        "",
        "**Gradient flow, whole process** (start-up, integration, CSV, PNG plot, summary), d = 1000, a = 2, T = 10⁷, wall seconds:",
        "",
        "| Run | Leaps | NumPy peer | `fastpr` (build output) | `fastpr` (ReadyToRun publish) | `fastpr` (NativeAOT) | peer ÷ build | "
        "peer ÷ ReadyToRun | peer ÷ NativeAOT |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| default tolerance (4·10⁻⁴) | {leaps['fastpr']} (peer {leaps['numpy']}) | {med(flow['numpy']):.3f} | {med(flow['plain']):.3f} | "
        f"{med(flow['r2r']):.3f} | {med(flow['aot']):.3f} | **{med(a / b for a, b in zip(flow['numpy'], flow['plain'])):.2f}×** | "
        f"**{med(a / b for a, b in zip(flow['numpy'], flow['r2r'])):.2f}×** | **{med(a / b for a, b in zip(flow['numpy'], flow['aot'])):.2f}×** |",
    ] + [
        f"| `--tolerance {tol}` | {leaps[f'fastpr-{tol}']} (peer {leaps[f'numpy-{tol}']}) | {med(strict[tol]['numpy']):.3f} | | "
        f"{med(strict[tol]['r2r']):.3f} | {med(strict[tol]['aot']):.3f} | | "
        f"**{med(a / b for a, b in zip(strict[tol]['numpy'], strict[tol]['r2r'])):.2f}×** | "
        f"**{med(a / b for a, b in zip(strict[tol]['numpy'], strict[tol]['aot'])):.2f}×** |"
        for tol in TOLERANCES
    ] + [
        "",
        "Commands: `/usr/bin/python3 eng/numpy-flow-peer.py " + FLOW_ARGS + " --out peer.csv` (add `--tolerance τ`); `fastpr simulate "
        "--algorithm flow " + FLOW_ARGS + " --out DIR --quiet` from `FastPR.Cli/bin/Release/net10.0` and from `dotnet publish FastPR.Cli -c Release "
        "-r linux-x64 -o artifacts/fastpr-r2r` (ReadyToRun) and from `./build.sh --target=Publish` (`artifacts/fastpr/fastpr`, NativeAOT). Same accuracy: run on the peer's problem (`--teacher`, `--init`), FastPR "
        f"and the peer agree to {agreement} over the 200 output times (values above 10⁻⁸); FastPR's agreement with RK4 is a test "
        "(`LogTimeFlowIntegratorTests`).",
        "<!-- peer-report:end -->",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    splice(report, text)
    print(f"peer-report: tables written to {report}", file=sys.stderr)


def compare_on_one_problem(tmp):
    """FastPR and the peer on the peer's teacher and initial point: worst relative difference of MSE and 1 − |u|."""
    import numpy as np
    d, a = 1000, 2.0
    lam = np.arange(1, d + 1, dtype=np.float64) ** -a
    lam /= lam.sum()
    rng = np.random.default_rng(0)
    v = rng.standard_normal(d)
    teacher = v / np.sqrt(lam @ (v * v))
    w0 = rng.standard_normal(d)
    w0 /= np.linalg.norm(w0)
    np.save(f"{tmp}/teacher.npy", teacher)
    np.save(f"{tmp}/init.npy", w0)
    run([PY, "eng/numpy-flow-peer.py", *FLOW_ARGS.split(), "--teacher", f"{tmp}/teacher.npy", "--init", f"{tmp}/init.npy",
         "--out", f"{tmp}/same-peer.csv"], NUMPY_ENV)
    run([R2R, "simulate", "--algorithm", "flow", *FLOW_ARGS.split(), "--teacher", f"{tmp}/teacher.npy", "--keep-teacher-scale",
         "--init", f"{tmp}/init.npy", "--out", f"{tmp}/same", "--quiet"])
    peer = np.genfromtxt(f"{tmp}/same-peer.csv", delimiter=",", names=True)
    ours = np.genfromtxt(f"{tmp}/same/trajectory.csv", delimiter=",", names=True)
    worst = {}
    for col in ("mse", "one_minus_u"):
        p, o = peer[col], ours[col][: len(peer[col])]
        keep = (np.abs(p) > 1e-8) & (np.abs(o) > 1e-8)
        worst[col] = float(np.max(np.abs(p[keep] - o[keep]) / np.abs(p[keep]))) if keep.any() else float("nan")
    return f"{worst['mse']:.1e} in the MSE and {worst['one_minus_u']:.1e} in 1 − |u| (relative)"


def splice(path, text):
    begin, end = "<!-- peer-report:begin", "<!-- peer-report:end -->"
    content = open(path).read() if os.path.exists(path) else ""
    if begin in content:
        head = content[: content.index(begin)]
        tail = content[content.index(end) + len(end) + 1:]
        content = head + text + tail
    else:
        content = content.rstrip("\n") + "\n\n" + text
    with open(path, "w") as f:
        f.write(content)


if __name__ == "__main__":
    main()
