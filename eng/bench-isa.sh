#!/usr/bin/env bash
# libfastpr.so for x86-64-v3 (what the wheel ships) against a build for this machine's CPU (IlcInstructionSet=native):
# eng/isa_timing.py on each, three alternating rounds, with the CPU and the load average (BENCHMARKS.md "libfastpr:
# x86-64-v3 against native"). Needs ./build.sh --target=Python first; publishes the native build into artifacts/interop-native.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${FASTPR_PYTHON:-/usr/bin/python3}"
portable=artifacts/interop/libfastpr.so
native=artifacts/interop-native/libfastpr.so
[ -f "$portable" ] || { echo "bench-isa: run ./build.sh --target=Python first." >&2; exit 1; }
if [ ! -f "$native" ]; then
  dotnet publish FastPR.Interop/FastPR.Interop.csproj -c Release -r linux-x64 -o artifacts/interop-native -p:IlcInstructionSet=native --nologo -v quiet
  dotnet build FastPR.Interop/FastPR.Interop.csproj -c Release --nologo -v quiet  # leaves the obj folder as the v3 build had it
fi
echo "bench-isa: $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo); zmm instructions: v3 $(objdump -d --no-show-raw-insn "$portable" | grep -c zmm || true), native $(objdump -d --no-show-raw-insn "$native" | grep -c zmm || true)"
for round in 1 2 3; do
  for build in "$portable" "$native"; do
    echo "bench-isa: round $round, $build, load $(cut -d' ' -f1-3 /proc/loadavg)"
    "$python" eng/isa_timing.py "$build"
  done
done
echo "bench-isa: load $(cut -d' ' -f1-3 /proc/loadavg)"
