#!/usr/bin/env bash
# The Python-versus-C# step loop of BENCHMARKS.md, both in one run, three alternating rounds: BenchmarkDotNet's PythonLoopBenchmarks (the published
# job) and eng/python_step_timing.py through libfastpr.so, back to back, with the load average before, between and after.
# Needs ./build.sh --target=Python first (artifacts/python).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${FASTPR_PYTHON:-/usr/bin/python3}"

[ -f artifacts/python/fastpr/libfastpr.so ] || { echo "bench-python: run ./build.sh --target=Python first." >&2; exit 1; }
dotnet build FastPR.Bench -c Release --nologo -v quiet
echo "bench-python: $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo)"
echo "bench-python: $(uptime)"
# Alternating rounds, so a change of load on this shared machine hits both sides alike.
for round in 1 2 3; do
  echo "bench-python: round $round"
  PYTHONPATH=artifacts/python "$python" eng/python_step_timing.py
  echo "bench-python: $(uptime)"
  dotnet run -c Release --no-build --project FastPR.Bench -- --filter '*PythonLoop*' | grep -E '^\| (Method|Step10k)'
  echo "bench-python: $(uptime)"
done
