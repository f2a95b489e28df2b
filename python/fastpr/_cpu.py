"""The CPU features libfastpr.so was compiled for (x86-64-v3), checked before it is loaded, and whether the CPU reaches
x86-64-v4 (AVX-512), for which the package carries a second build.

NativeAOT's runtime aborts the whole process on a CPU that lacks them ("The required instruction sets are not supported by
the current CPU"), so this module asks the CPU itself with the CPUID instruction (run from a few bytes of executable memory:
/proc/cpuinfo describes the host even under an emulator such as qemu-user) and turns a missing feature into an ImportError.
"""

import ctypes
import mmap
import platform
from typing import Dict, List, Optional, Tuple

# x86-64-v3 (IlcInstructionSet in FastPR.Interop.csproj): the feature, and where CPUID reports it (leaf, subleaf, register, bit).
REQUIRED: Dict[str, Tuple[int, int, str, int]] = {
    "sse3": (1, 0, "ecx", 0),
    "ssse3": (1, 0, "ecx", 9),
    "fma": (1, 0, "ecx", 12),
    "cx16": (1, 0, "ecx", 13),
    "sse4.1": (1, 0, "ecx", 19),
    "sse4.2": (1, 0, "ecx", 20),
    "movbe": (1, 0, "ecx", 22),
    "popcnt": (1, 0, "ecx", 23),
    "avx": (1, 0, "ecx", 28),
    "f16c": (1, 0, "ecx", 29),
    "bmi1": (7, 0, "ebx", 3),
    "avx2": (7, 0, "ebx", 5),
    "bmi2": (7, 0, "ebx", 8),
    "lzcnt": (0x80000001, 0, "ecx", 5),
}

# x86-64-v4 adds these (with the OS saving the zmm state): where all are present, the package loads libfastpr_v4.so, built
# for that level, since a v3 build cannot take AVX-512 paths (FastPR.Interop.csproj); fastpr.info() reports them.
OPTIONAL: Dict[str, Tuple[int, int, str, int]] = {
    "avx512f": (7, 0, "ebx", 16),
    "avx512dq": (7, 0, "ebx", 17),
    "avx512cd": (7, 0, "ebx", 28),
    "avx512bw": (7, 0, "ebx", 30),
    "avx512vl": (7, 0, "ebx", 31),
}

# uint32 cpuid(uint32 leaf /* edi */, uint32 subleaf /* esi */, uint32 out[4] /* rdx */): eax, ebx, ecx, edx into out.
_CPUID = bytes([
    0x53,                    # push rbx
    0x49, 0x89, 0xD0,        # mov r8, rdx
    0x89, 0xF8,              # mov eax, edi
    0x89, 0xF1,              # mov ecx, esi
    0x0F, 0xA2,              # cpuid
    0x41, 0x89, 0x00,        # mov [r8], eax
    0x41, 0x89, 0x58, 0x04,  # mov [r8+4], ebx
    0x41, 0x89, 0x48, 0x08,  # mov [r8+8], ecx
    0x41, 0x89, 0x50, 0x0C,  # mov [r8+12], edx
    0x5B,                    # pop rbx
    0xC3,                    # ret
])

# uint64 xgetbv0(void): XCR0, which says whether the OS saves the AVX (bits 1, 2) and AVX-512 (bits 5-7) registers.
_XGETBV = bytes([
    0x31, 0xC9,              # xor ecx, ecx
    0x0F, 0x01, 0xD0,        # xgetbv
    0x48, 0xC1, 0xE2, 0x20,  # shl rdx, 32
    0x48, 0x09, 0xD0,        # or rax, rdx
    0xC3,                    # ret
])


class _Cpuid:
    """CPUID and XGETBV through executable memory; None where the system forbids executable mappings."""

    def __init__(self):
        self._memory = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        self._memory.write(_CPUID + b"\x90" * (64 - len(_CPUID)) + _XGETBV)
        base = ctypes.addressof(ctypes.c_char.from_buffer(self._memory))
        self._cpuid = ctypes.CFUNCTYPE(None, ctypes.c_uint32, ctypes.c_uint32, ctypes.POINTER(ctypes.c_uint32))(base)
        self._xgetbv = ctypes.CFUNCTYPE(ctypes.c_uint64)(base + 64)

    def registers(self, leaf: int, subleaf: int) -> Dict[str, int]:
        out = (ctypes.c_uint32 * 4)()
        self._cpuid(leaf, subleaf, out)
        return dict(zip(("eax", "ebx", "ecx", "edx"), out))

    def features(self, table: Dict[str, Tuple[int, int, str, int]]) -> Dict[str, bool]:
        highest = self.registers(0, 0)["eax"]
        highest_extended = self.registers(0x80000000, 0)["eax"]
        osxsave = bool(self.registers(1, 0)["ecx"] >> 27 & 1)
        xcr0 = self._xgetbv() if osxsave else 0
        result = {}
        for name, (leaf, subleaf, register, bit) in table.items():
            available = leaf <= (highest_extended if leaf >= 0x80000000 else highest)
            result[name] = available and bool(self.registers(leaf, subleaf)[register] >> bit & 1)
        # AVX needs the OS to save the ymm registers (XCR0 bits 1 and 2), AVX-512 also the opmask and zmm state (bits 5-7).
        for name in result:
            if name in ("avx", "avx2", "fma", "f16c") and xcr0 & 0b110 != 0b110:
                result[name] = False
            if name.startswith("avx512") and xcr0 & 0b11100110 != 0b11100110:
                result[name] = False
        return result


def _proc_cpuinfo_flags() -> Optional[set]:
    """The flags of /proc/cpuinfo (the host's, even under an emulator): the fallback when CPUID cannot be run."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        return None
    return None


_PROC_NAMES = {"sse3": "pni", "sse4.1": "sse4_1", "sse4.2": "sse4_2", "bmi1": "bmi1", "lzcnt": "abm"}


def features(optional: bool = False) -> Dict[str, bool]:
    """Which of the required (or, with ``optional``, the AVX-512) features this CPU has."""
    table = OPTIONAL if optional else REQUIRED
    try:
        return _Cpuid().features(table)
    except (OSError, ValueError, AttributeError):
        flags = _proc_cpuinfo_flags() or set()
        return {name: _PROC_NAMES.get(name, name.replace(".", "_")) in flags for name in table}


def missing() -> List[str]:
    """The required features this CPU lacks (empty on any x86-64-v3 CPU); every feature on a non-x86-64 machine."""
    if platform.machine() not in ("x86_64", "AMD64"):
        return list(REQUIRED)
    return [name for name, present in features().items() if not present]


def check() -> None:
    """Raises ImportError naming what this CPU lacks, before libfastpr.so could abort the process over it."""
    absent = missing()
    if absent:
        raise ImportError(
            f"fastpr's libfastpr.so needs an x86-64-v3 CPU (AVX2, BMI1, BMI2, FMA, LZCNT, MOVBE: Intel Haswell, AMD Excavator or "
            f"newer); this {platform.machine()} CPU lacks {', '.join(absent)}. Loading it would abort the process.")


def has_x86_64_v4() -> bool:
    """True where the CPU (and the OS) has every AVX-512 feature of x86-64-v4, so libfastpr_v4.so can run."""
    if platform.machine() not in ("x86_64", "AMD64") or missing():
        return False
    return all(features(optional=True).values())
