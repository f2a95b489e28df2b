"""Times one libfastpr.so through its C ABI alone (ctypes, no fastpr package), for comparing builds of different instruction
sets: eng/bench-isa.sh runs it on the x86-64-v3 library the wheel ships and on a native build, alternating.

    /usr/bin/python3 eng/isa_timing.py /path/to/libfastpr.so

Each case is the median of 7 timings after 2 warm-ups, in CPU time of this process (time.process_time), which the other
processes of a loaded machine disturb far less than wall time; prints one line per case: name, median CPU ms, and a digest of
the result, so the two builds are seen to compute the same bits.
"""

import ctypes
import hashlib
import statistics
import sys
import time

import numpy as np

CASES = [
    # name, engine kind (0 auto, 2 mkl, 3 projected), source (0 auto = ziggurat), batch, steps per timing
    ("sgd d=1000 B=1 auto(mkl)", 0, 0, 1, 20_000),
    ("sgd d=1000 B=8 projected", 3, 0, 8, 5_000),
    ("sgd d=1000 B=8 mkl", 2, 0, 8, 5_000),
]


def main():
    lib = ctypes.CDLL(sys.argv[1])
    h, d64, i64 = ctypes.c_void_p, ctypes.POINTER(ctypes.c_double), ctypes.c_int64
    problem = h()
    assert lib.fastpr_problem_power_law(1000, ctypes.c_double(2.0), 1, ctypes.c_double(0.0), 0, ctypes.c_uint64(0), ctypes.byref(problem)) == 0
    w0 = np.empty(1000)
    lib.fastpr_problem_initial_point(problem, w0.ctypes.data_as(d64), i64(1000))
    for name, kind, source, batch, steps in CASES:
        engine = h()
        status = lib.fastpr_engine_create(problem, kind, source, batch, ctypes.c_double(1e-3), ctypes.c_double(float("nan")),
                                          ctypes.c_uint64(0), 0, ctypes.byref(engine))
        assert status == 0, lib.fastpr_last_error
        w = w0.copy()
        times = []
        for k in range(9):
            start = time.process_time()
            assert lib.fastpr_engine_step(engine, w.ctypes.data_as(d64), i64(1000), i64(steps)) == 0
            if k >= 2:
                times.append(time.process_time() - start)
        print(f"{name:32s} {statistics.median(times) * 1e3:9.2f} CPU ms per {steps} steps   digest {hashlib.sha256(w.tobytes()).hexdigest()[:16]}")
        lib.fastpr_engine_free(engine)
    # An ensemble through Simulator.Run (fastpr_simulate: sgd, auto engine and source), on one thread.
    times, digest = [], ""
    for k in range(5):
        run = h()
        start = time.process_time()
        assert lib.fastpr_simulate(problem, 0, 0, 0, 1, ctypes.c_double(1e-3), ctypes.c_double(float("nan")), i64(20_000),
                                   ctypes.c_double(float("nan")), 100, 4, 1, ctypes.c_uint64(1), ctypes.byref(run)) == 0
        elapsed = time.process_time() - start
        rows, cols = i64(), i64()
        lib.fastpr_run_shape(run, ctypes.byref(rows), ctypes.byref(cols))
        table = np.empty(rows.value * cols.value)
        lib.fastpr_run_table(run, table.ctypes.data_as(d64), i64(table.size))
        digest = hashlib.sha256(table.tobytes()).hexdigest()[:16]
        lib.fastpr_run_free(run)
        if k >= 1:
            times.append(elapsed)
    print(f"{'simulate 4 seeds x 20000 steps':32s} {statistics.median(times) * 1e3:9.2f} CPU ms                digest {digest}")


if __name__ == "__main__":
    main()
