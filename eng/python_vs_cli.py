"""`fastpr.simulate` from Python against the same run of the NativeAOT `fastpr simulate`, minus that process's start-up
(issue #23: Python may cost no more than the CLI run without its process start).

    PYTHONPATH=artifacts/python /usr/bin/python3 eng/python_vs_cli.py artifacts/fastpr/fastpr

Alternating rounds of: the Python call (in this process, after one warm-up), the CLI run (whole process, its files in a
temporary folder), and the CLI's start-up alone (`fastpr theory --d 2`, a run that does no simulation). Wall times; prints
each round and the medians, with the load average.
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

import fastpr

D, SEEDS, TIME, ETA = 1000, 8, 300.0, 1e-3


def wall(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main():
    cli = os.path.abspath(sys.argv[1])
    rounds = int(os.environ.get("ROUNDS", "5"))
    problem = fastpr.Problem.power_law(d=D, a=2.0, problem_seed=0)
    python_run = lambda: fastpr.simulate(problem, seeds=SEEDS, eta=ETA, time=TIME, seed=0)
    python_run()
    with tempfile.TemporaryDirectory() as folder:
        cli_run = lambda: subprocess.run([cli, "simulate", "--d", str(D), "--seeds", str(SEEDS), "--eta", str(ETA), "--time", str(TIME),
                                          "--out", os.path.join(folder, "run"), "--quiet"], check=True, capture_output=True)
        start_up = lambda: subprocess.run([cli, "theory", "--d", "2"], check=True, capture_output=True)
        rows = []
        for round_ in range(rounds):
            row = (wall(python_run), wall(cli_run), wall(start_up))
            rows.append(row)
            print(f"round {round_ + 1}: python {row[0]:.3f} s, cli {row[1]:.3f} s, cli start-up {row[2]:.3f} s, load {os.getloadavg()[0]:.2f}")
    python_s, cli_s, start_s = (statistics.median(column) for column in zip(*rows))
    print(f"medians: python {python_s:.3f} s; cli {cli_s:.3f} s - start-up {start_s:.3f} s = {cli_s - start_s:.3f} s; "
          f"python / (cli - start-up) = {python_s / (cli_s - start_s):.3f}")


if __name__ == "__main__":
    main()
