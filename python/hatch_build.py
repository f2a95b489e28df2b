"""The wheel's platform tag, read from the native libraries it carries: manylinux_2_N_x86_64, where 2.N is the newest
GLIBC_ symbol version libfastpr.so or a dispatch shim imports (objdump -T), so pip refuses the wheel where it cannot load."""

import glob
import os
import re
import subprocess

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def glibc_needed(paths):
    """The highest GLIBC_x.y version among the dynamic symbols the libraries import, as (x, y)."""
    newest = (2, 17)  # manylinux2014's floor: nothing older is worth naming
    for path in paths:
        table = subprocess.run(["objdump", "-T", path], check=True, capture_output=True, text=True).stdout
        for major, minor in re.findall(r"\bGLIBC_(\d+)\.(\d+)", table):
            newest = max(newest, (int(major), int(minor)))
    return newest


class PlatformTagHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        libraries = sorted(glob.glob(os.path.join(self.root, "fastpr", "*.so")))
        if not any(os.path.basename(p) == "libfastpr.so" for p in libraries):
            raise RuntimeError("fastpr/libfastpr.so is missing: build the wheel with ./build.sh --target=Python.")
        major, minor = glibc_needed(libraries)
        build_data["pure_python"] = False
        build_data["tag"] = f"py3-none-manylinux_{major}_{minor}_x86_64"
