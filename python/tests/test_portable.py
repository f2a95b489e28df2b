"""The shipped libfastpr.so is built for x86-64-v3: it runs, with the same bits, on an emulated AVX2 CPU without AVX-512
(qemu-x86_64-static -cpu max), and an older CPU gets an ImportError naming what it lacks instead of an aborted process.

Needs Debian's qemu-user-static (eng/install-interop.sh installs it); skipped without it, except where FASTPR_REQUIRE_QEMU=1
(.ci/run) turns the skip into a failure."""

import os
import shutil
import subprocess
import sys

import pytest

RUN = """
import hashlib, json, fastpr
from fastpr import _cpu
p = fastpr.Problem.power_law(d=64, a=1.5, problem_seed=3)
run = fastpr.simulate(p, seeds=2, threads=1, eta=0.01, steps=1500, records=10, seed=7)
w = p.initial_point()
fastpr.Engine(p, kind="projected", batch=2, eta=0.01, seed=1).step(w, 300)
digest = hashlib.sha256(b"".join(run[k].tobytes() for k in sorted(run) if k != "info") + w.tobytes()).hexdigest()
print(json.dumps({"digest": digest, "avx512": [k for k, v in _cpu.features(optional=True).items() if v], "rows": len(run["t"])}))
"""


def qemu():
    found = shutil.which("qemu-x86_64-static")
    if found is None:
        message = "qemu-x86_64-static is not installed (Debian's qemu-user-static; eng/install-interop.sh installs it)"
        if os.environ.get("FASTPR_REQUIRE_QEMU") == "1":
            pytest.fail(f"FASTPR_REQUIRE_QEMU=1 but {message}")
        pytest.skip(message)
    return found


def python_on(cpu, script, timeout=900):
    command = [qemu(), "-cpu", cpu, os.path.realpath(sys.executable)] if cpu else [sys.executable]
    # qemu-user runs the interpreter itself; the venv's site-packages come from sys.path, so pass it on explicitly.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p), FASTPR_MKL_PATH=os.environ.get("FASTPR_MKL_PATH", ""))
    if not env["FASTPR_MKL_PATH"]:
        del env["FASTPR_MKL_PATH"]
    return subprocess.run([*command, "-c", script], capture_output=True, text=True, timeout=timeout, env=env)


def test_same_bits_on_an_avx2_cpu_without_avx512():
    import json
    native = python_on(None, RUN)
    assert native.returncode == 0, native.stderr
    emulated = python_on("max", RUN)
    assert emulated.returncode == 0, f"exit {emulated.returncode}: {emulated.stderr[-2000:]}"
    here, there = json.loads(native.stdout), json.loads(emulated.stdout)
    assert there["avx512"] == [], "qemu's 'max' CPU should have no AVX-512; the test would prove nothing"
    assert there["digest"] == here["digest"], (here, there)


def test_an_older_cpu_gets_an_import_error_naming_what_it_lacks():
    done = python_on("Nehalem", "import fastpr")
    assert done.returncode == 1, f"exit {done.returncode} (a negative code is a signal: the process aborted): {done.stderr[-2000:]}"
    assert "ImportError" in done.stderr and "avx2" in done.stderr and "x86-64-v3" in done.stderr, done.stderr[-2000:]
