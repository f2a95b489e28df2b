"""Times the Python loop `e.step(w, 10_000)` through libfastpr.so, shaped like FastPR.Bench's PythonLoopBenchmarks.Step10k:
the same problem, engine, seed and steps per call, 3 warm-up and 9 measured iterations of about 250 ms each.

    PYTHONPATH=artifacts/python /usr/bin/python3 eng/python_step_timing.py [--d 1000]

Prints the mean, median and minimum time per call and the boundary's own cost (step(w, 0)), one line each.
"""

import argparse
import statistics
import time

import fastpr

STEPS_PER_CALL = 10_000


def iteration(function, calls):
    start = time.perf_counter_ns()
    for _ in range(calls):
        function()
    return (time.perf_counter_ns() - start) / calls


def measure(function, target_ns=250e6, warmups=3, iterations=9):
    single = iteration(function, 1)
    calls = max(1, int(target_ns / max(single, 1)))
    for _ in range(warmups):
        iteration(function, calls)
    return [iteration(function, calls) for _ in range(iterations)], calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--d", type=int, default=1000)
    args = parser.parse_args()
    p = fastpr.Problem.power_law(d=args.d, a=2.0, problem_seed=0)
    e = fastpr.Engine(p, kind="auto", batch=1, eta=1e-3, seed=0)
    w = p.initial_point()
    times, calls = measure(lambda: e.step(w, STEPS_PER_CALL))
    print(f"python step(w, {STEPS_PER_CALL}) d={args.d} engine={e.name} source={e.info['source']}: mean {statistics.mean(times) / 1e3:.1f} us, "
          f"median {statistics.median(times) / 1e3:.1f} us, min {min(times) / 1e3:.1f} us, sd {statistics.stdev(times) / 1e3:.1f} us ({calls} calls x 9 iterations)")
    overhead, calls = measure(lambda: e.step(w, 0), target_ns=50e6)
    print(f"python step(w, 0) (the call itself: checks, GIL release, handle lookup): median {statistics.median(overhead) / 1e3:.2f} us")


if __name__ == "__main__":
    main()
