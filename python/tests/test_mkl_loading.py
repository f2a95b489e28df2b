"""MKL is loaded inside libfastpr.so by FastPR.Native's loader, with the dispatch shims found next to the library."""

import os
import subprocess
import sys

import pytest

import fastpr


def mkl_or_skip():
    info = fastpr.mkl_info()
    if info["available"] != "1":
        if os.environ.get("FASTPR_REQUIRE_MKL") == "1":
            pytest.fail(f"FASTPR_REQUIRE_MKL=1 but MKL did not load: {info.get('error')}")
        pytest.skip(f"MKL is not available: {info.get('error')}")
    return info


def info_in_child(**env):
    script = "import fastpr; print(repr(fastpr.mkl_info()))"
    done = subprocess.run([sys.executable, "-c", script], env=dict(os.environ, **env), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return eval(done.stdout)  # our own repr of a dict of strings


def test_layers_and_cnr_as_in_dotnet():
    info = mkl_or_skip()
    assert info["threading"] == "sequential"
    assert info["cnr"].startswith("Auto") or "MKL_CBWR" in os.environ or "FASTPR_MKL_CNR" in os.environ


def test_the_generic_shim_is_found_next_to_libfastpr():
    """FASTPR_MKL_FORCE_GENERIC=1 works only by loading libfastpr_mkl_generic_dispatch.so, on any CPU vendor."""
    mkl_or_skip()
    info = info_in_child(FASTPR_MKL_FORCE_GENERIC="1")
    assert info["dispatch"] == "ForcedGeneric", info["dispatch_note"]


def test_non_intel_cpus_get_the_fast_path_unless_turned_off():
    info = mkl_or_skip()
    if "GenuineIntel" in info["cpu"]:
        assert info["dispatch"] == "MklDefault"  # MKL picks Intel kernels itself; no shim needed
        return
    expected = "MklDefault" if os.environ.get("FASTPR_MKL_AMD_FASTPATH") == "0" else "FastPath"
    assert info["dispatch"] == expected, info["dispatch_note"]
    assert info_in_child(FASTPR_MKL_AMD_FASTPATH="0")["dispatch"] == "MklDefault"


def test_fastpr_lib_overrides_and_is_checked(tmp_path):
    library = os.path.join(os.path.dirname(fastpr.__file__), "libfastpr.so")
    script = "import fastpr; print(fastpr.abi_version())"
    good = subprocess.run([sys.executable, "-c", script], env=dict(os.environ, FASTPR_LIB=library), capture_output=True, text=True, timeout=120)
    assert good.returncode == 0 and good.stdout.strip() == "2", good.stderr
    missing = str(tmp_path / "libfastpr.so")
    bad = subprocess.run([sys.executable, "-c", script], env=dict(os.environ, FASTPR_LIB=missing), capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert f"FASTPR_LIB={missing} does not exist" in bad.stderr
