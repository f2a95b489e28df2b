"""The installed package: one version everywhere, what the wheel carries, a truthful platform tag, and fastpr.info()."""

import glob
import importlib.metadata
import os
import re
import subprocess
import sys
import zipfile

import pytest

import fastpr
from conftest import REPO


def version_prefix():
    with open(os.path.join(REPO, "Directory.Build.props"), encoding="utf-8") as handle:
        return re.search(r"<VersionPrefix>([^<]+)</VersionPrefix>", handle.read()).group(1)


def test_one_version_everywhere():
    assert fastpr.__version__ == importlib.metadata.version("fastpr") == version_prefix()
    # The library's build version is the .NET packages' (VersionPrefix plus the commit suffix build.cake adds).
    assert fastpr.version().split("+")[0].split("-")[0] == fastpr.__version__
    assert fastpr.abi_version() == 2


def test_tests_run_against_the_installed_wheel():
    """build.cake installs the wheel into a fresh venv and names it here; the package must come from there, not the tree."""
    wheel = os.environ.get("FASTPR_EXPECT_WHEEL")
    if wheel is None:
        pytest.skip("not run by build.cake's Test target (FASTPR_EXPECT_WHEEL unset)")
    package = os.path.dirname(os.path.abspath(fastpr.__file__))
    assert package.startswith(os.path.abspath(sys.prefix)) and "site-packages" in package, package
    assert not package.startswith(os.path.join(REPO, "python"))
    files = {os.path.basename(f) for f in importlib.metadata.files("fastpr")}
    assert {"libfastpr.so", "fastpr.h", "py.typed", "MODEL.md"} <= files, files


def wheel_path():
    wheel = os.environ.get("FASTPR_EXPECT_WHEEL")
    if wheel is None:
        found = glob.glob(os.path.join(REPO, "artifacts", "python", "fastpr-*.whl"))
        if not found:
            pytest.skip("no wheel built (./build.sh --target=Python)")
        wheel = found[0]
    return wheel


def test_wheel_contents_and_tag():
    wheel = wheel_path()
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        wheel_meta = archive.read(next(n for n in names if n.endswith(".dist-info/WHEEL"))).decode()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    for needed in ("fastpr/libfastpr.so", "fastpr/libfastpr_v4.so", "fastpr/fastpr.h", "fastpr/py.typed", "fastpr/docs/MODEL.md", "fastpr/LICENSE",
                   "fastpr/libfastpr_mkl_generic_dispatch.so", "fastpr/libfastpr_mkl_intel_dispatch.so", "fastpr/_version.py"):
        assert needed in names, f"{needed} missing from {os.path.basename(wheel)}"
    assert "Root-Is-Purelib: false" in wheel_meta
    tag = re.search(r"^Tag: (\S+)$", wheel_meta, re.M).group(1)
    assert os.path.basename(wheel) == f"fastpr-{fastpr.__version__}-{tag}.whl"
    assert "License: MIT" in metadata and "Requires-Dist: numpy" in metadata
    # The tag names the newest glibc symbol version the libraries import, no more and no less.
    match = re.fullmatch(r"py3-none-manylinux_(\d+)_(\d+)_x86_64", tag)
    assert match, tag
    newest = (2, 17)
    for library in glob.glob(os.path.join(os.path.dirname(fastpr.__file__), "*.so")):
        table = subprocess.run(["objdump", "-T", library], check=True, capture_output=True, text=True).stdout
        for major, minor in re.findall(r"\bGLIBC_(\d+)\.(\d+)", table):
            newest = max(newest, (int(major), int(minor)))
    assert (int(match.group(1)), int(match.group(2))) == newest


def test_docstrings_cite_what_the_package_carries():
    model = os.path.join(os.path.dirname(fastpr.__file__), "docs", "MODEL.md")
    assert os.path.isfile(model)
    assert "docs/MODEL.md" in fastpr.Engine.__doc__


def intel_cpu():
    with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
        return any(line.startswith("vendor_id") and "GenuineIntel" in line for line in handle)


def test_info_mirrors_fastpr_info():
    info = fastpr.info()
    assert info["fastpr_version"] == fastpr.__version__
    # The AVX-512 build where the CPU has all of x86-64-v4, the AVX2 build otherwise; each runs the vectors its level allows.
    v4 = set(info["cpu_avx512"]) == {"avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"}
    if os.environ.get("FASTPR_LIB") is None and os.environ.get("FASTPR_X86_64_LEVEL") is None:
        assert os.path.basename(info["library"]) == ("libfastpr_v4.so" if v4 else "libfastpr.so"), info
        assert info["library_isa"].startswith("x86-64-v4" if v4 else "x86-64-v3")
        # The v4 build runs 512-bit vectors, except where the runtime keeps to 256 bits on Intel CPUs whose clocks drop under
        # AVX-512 (Skylake-X to Cooper Lake): there it still takes AVX-512's instructions at 256-bit width.
        assert info["library_vector_bits"] == 256 or (v4 and info["library_vector_bits"] == 512), info
        if v4 and info["library_vector_bits"] != 512:
            assert intel_cpu(), info
    assert info["logical_cores"] == os.cpu_count()
    assert isinstance(info["cpu_avx512"], list) and isinstance(info["mkl_available"], bool)
    if info["mkl_available"]:
        assert info["mkl_version"] and info["mkl_threading"] == "sequential"
    else:
        assert info["mkl_error"]
