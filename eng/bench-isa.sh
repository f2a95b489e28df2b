#!/usr/bin/env bash
# The wheel's two libfastpr builds, x86-64-v3 (libfastpr.so) and x86-64-v4 (libfastpr_v4.so, loaded on AVX-512 CPUs), against
# a build for this machine's CPU (IlcInstructionSet=native): eng/isa_timing.py on each, three alternating rounds, with the CPU
# and the load average (BENCHMARKS.md "libfastpr: x86-64-v3 and v4 against native"). Needs ./build.sh --target=Python first;
# publishes the native build into artifacts/interop-native. The v4 build is timed only where this CPU can run it.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${FASTPR_PYTHON:-/usr/bin/python3}"
portable=artifacts/interop/libfastpr.so
v4=artifacts/interop-v4/libfastpr.so
native=artifacts/interop-native/libfastpr.so
[ -f "$portable" ] || { echo "bench-isa: run ./build.sh --target=Python first." >&2; exit 1; }
if [ ! -f "$native" ]; then
  dotnet publish FastPR.Interop/FastPR.Interop.csproj -c Release -r linux-x64 -o artifacts/interop-native -p:IlcInstructionSet=native --nologo -v quiet
  dotnet build FastPR.Interop/FastPR.Interop.csproj -c Release --nologo -v quiet  # leaves the obj folder as the v3 build had it
fi
builds=("$portable")
if [ -f "$v4" ] && grep -q avx512vl /proc/cpuinfo; then builds+=("$v4"); fi
builds+=("$native")
zmm() { objdump -d --no-show-raw-insn "$1" | grep -c zmm || true; }
echo "bench-isa: $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo); zmm instructions: $(for b in "${builds[@]}"; do printf '%s %s; ' "$b" "$(zmm "$b")"; done)"
for round in $(seq "${FASTPR_ISA_ROUNDS:-3}"); do
  for build in "${builds[@]}"; do
    echo "bench-isa: round $round, $build, load $(cut -d' ' -f1-3 /proc/loadavg)"
    "$python" eng/isa_timing.py "$build"
  done
done
echo "bench-isa: load $(cut -d' ' -f1-3 /proc/loadavg)"
