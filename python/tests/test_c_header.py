"""fastpr.h is the ABI: a C program compiled against the header shipped with the package links and runs against libfastpr.so."""

import os
import shutil
import subprocess

import pytest

import fastpr

PROGRAM = r"""
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "fastpr.h"

int main(void) {
    int32_t abi = 0;
    if (fastpr_abi_version(&abi) != FASTPR_OK || abi != FASTPR_ABI_VERSION) return 10;
    fastpr_problem *p = NULL;
    if (fastpr_problem_power_law(64, 1.5, 1, 0.0, FASTPR_INIT_SPHERE, 3, &p) != FASTPR_OK) return 11;
    fastpr_engine *e = NULL;
    if (fastpr_engine_create(p, FASTPR_ENGINE_PROJECTED, FASTPR_SOURCE_ZIGGURAT, 2, 0.01, NAN, 1, 0, &e) != FASTPR_OK) return 12;
    double w[64], stats[FASTPR_STATISTIC_COUNT];
    if (fastpr_problem_initial_point(p, w, 64) != FASTPR_OK) return 13;
    if (fastpr_engine_step(e, w, 64, 500) != FASTPR_OK) return 14;
    if (fastpr_statistics(p, w, 64, stats, FASTPR_STATISTIC_COUNT) != FASTPR_OK) return 15;
    if (fastpr_engine_step(e, w, 63, 1) != FASTPR_ERROR_ARGUMENT || strstr(fastpr_last_error(), "length 64") == NULL) return 16;
    fastpr_theory *t = NULL;
    double theory[FASTPR_THEORY_COUNT];
    if (fastpr_theory_create(p, &t) != FASTPR_OK || fastpr_theory_values(t, theory, FASTPR_THEORY_COUNT) != FASTPR_OK) return 17;
    char small[4];
    int64_t needed = 0;
    if (fastpr_version(small, sizeof small, &needed) != FASTPR_ERROR_BUFFER_TOO_SMALL || needed <= 4) return 18;
    fastpr_run *run = NULL;
    int64_t members = 0, rows = 0, columns = 0;
    if (fastpr_simulate(p, FASTPR_ALGORITHM_SGD, FASTPR_ENGINE_PROJECTED, FASTPR_SOURCE_ZIGGURAT, 2, 0.01, NAN, 500, NAN, 5, 2, 1, 1,
                        &run) != FASTPR_OK) return 20;
    if (fastpr_run_members(run, &members) != FASTPR_OK || members != 2) return 21;
    if (fastpr_run_member_shape(run, 0, &rows, &columns) != FASTPR_OK || rows != 5 || columns != 2 + FASTPR_STATISTIC_COUNT) return 22;
    double table[5 * (2 + FASTPR_STATISTIC_COUNT)];
    if (fastpr_run_member_table(run, 0, table, rows * columns) != FASTPR_OK) return 23;
    /* member 0 is the engine's stream (seed 1, member 0): its last u is the stepped w's */
    if (table[(rows - 1) * columns + 3] != stats[1]) return 24;
    if (fastpr_run_member_shape(run, 2, &rows, &columns) != FASTPR_ERROR_ARGUMENT) return 25;
    fastpr_run_free(run);
    printf("%.17g %.17g\n", stats[1], theory[5]);
    fastpr_theory_free(t);
    fastpr_engine_free(e);
    fastpr_problem_free(p);
    return fastpr_problem_free(NULL) == FASTPR_OK ? 0 : 19;
}
"""


def test_c_program_against_the_header(tmp_path):
    compiler = shutil.which("cc") or shutil.which("clang")
    if compiler is None:
        pytest.fail("no C compiler (cc): eng/install-mkl.sh installs gcc, eng/install-interop.sh clang.")
    package = os.path.dirname(fastpr.__file__)
    library = os.environ.get("FASTPR_LIB") or os.path.join(package, "libfastpr.so")
    source, program = tmp_path / "abi.c", tmp_path / "abi"
    source.write_text(PROGRAM)
    built = subprocess.run([compiler, "-std=c99", "-Wall", "-Werror", "-I", package, str(source), library,
                            f"-Wl,-rpath,{os.path.dirname(library)}", "-lm", "-o", str(program)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    ran = subprocess.run([str(program)], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, f"exit {ran.returncode}: {ran.stderr}"
    u, rho = map(float, ran.stdout.split())
    # The same numbers through Python: the header and the package describe one ABI.
    p = fastpr.Problem.power_law(d=64, a=1.5, problem_seed=3)
    w = p.initial_point()
    fastpr.Engine(p, kind="projected", source="ziggurat", batch=2, eta=0.01, seed=1).step(w, 500)
    assert u == fastpr.statistics(p, w)["u"]
    assert rho == p.theory()["rho"]
