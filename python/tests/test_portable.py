"""The wheel ships libfastpr.so for x86-64-v3 and libfastpr_v4.so for x86-64-v4 (AVX-512). The v3 build runs, with the same
bits, on an emulated AVX2 CPU without AVX-512 (qemu-x86_64-static -cpu max); on an AVX-512 CPU the package loads the v4 build,
again with the same bits; an older CPU gets an ImportError naming what it lacks instead of an aborted process.

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
info = fastpr.info()
print(json.dumps({"digest": digest, "avx512": [k for k, v in _cpu.features(optional=True).items() if v], "rows": len(run["t"]),
                  "library": info["library"].rsplit("/", 1)[-1], "vector_bits": info["library_vector_bits"]}))
"""


def qemu():
    found = shutil.which("qemu-x86_64-static")
    if found is None:
        message = "qemu-x86_64-static is not installed (Debian's qemu-user-static; eng/install-interop.sh installs it)"
        if os.environ.get("FASTPR_REQUIRE_QEMU") == "1":
            pytest.fail(f"FASTPR_REQUIRE_QEMU=1 but {message}")
        pytest.skip(message)
    return found


def python_on(cpu, script, timeout=900, **variables):
    command = [qemu(), "-cpu", cpu, os.path.realpath(sys.executable)] if cpu else [sys.executable]
    # qemu-user runs the interpreter itself; the venv's site-packages come from sys.path, so pass it on explicitly.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p), FASTPR_MKL_PATH=os.environ.get("FASTPR_MKL_PATH", ""),
               **variables)
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
    assert (there["library"], there["vector_bits"]) == ("libfastpr.so", 256), there
    assert there["digest"] == here["digest"], (here, there)


def test_the_avx512_build_gives_the_avx2_builds_bits():
    """On an AVX-512 CPU the package loads libfastpr_v4.so; FASTPR_X86_64_LEVEL=v3 loads the AVX2 build on the same CPU."""
    import json
    if os.environ.get("FASTPR_LIB"):
        pytest.skip("FASTPR_LIB names one library")
    default = python_on(None, RUN)
    assert default.returncode == 0, default.stderr
    here = json.loads(default.stdout)
    if len(here["avx512"]) < 5:
        pytest.skip(f"this CPU lacks part of x86-64-v4's AVX-512 (has {here['avx512']}): only the v3 build can run")
    # 512-bit vectors, or 256 on the Intel CPUs where the runtime avoids 512-bit width (test_package.py checks which).
    assert here["library"] == "libfastpr_v4.so" and here["vector_bits"] in (256, 512), here
    forced = python_on(None, RUN, FASTPR_X86_64_LEVEL="v3")
    assert forced.returncode == 0, forced.stderr
    v3 = json.loads(forced.stdout)
    assert (v3["library"], v3["vector_bits"]) == ("libfastpr.so", 256), v3
    assert v3["digest"] == here["digest"], (here, v3)


def test_an_unknown_level_or_v4_on_an_avx2_cpu_is_an_import_error():
    unknown = python_on(None, "import fastpr", FASTPR_X86_64_LEVEL="v5")
    assert unknown.returncode == 1 and "ImportError" in unknown.stderr and "FASTPR_X86_64_LEVEL=v5" in unknown.stderr, unknown.stderr[-2000:]
    emulated = python_on("max", "import fastpr", FASTPR_X86_64_LEVEL="v4")
    assert emulated.returncode == 1, f"exit {emulated.returncode}: {emulated.stderr[-2000:]}"
    assert "ImportError" in emulated.stderr and "avx512f" in emulated.stderr, emulated.stderr[-2000:]


def test_an_older_cpu_gets_an_import_error_naming_what_it_lacks():
    done = python_on("Nehalem", "import fastpr")
    assert done.returncode == 1, f"exit {done.returncode} (a negative code is a signal: the process aborted): {done.stderr[-2000:]}"
    assert "ImportError" in done.stderr and "avx2" in done.stderr and "x86-64-v3" in done.stderr, done.stderr[-2000:]
