#!/usr/bin/env bash
# Reproduces the numbers in BENCHMARKS.md: builds FastPR.Bench, runs the whole suite with BenchmarkDotNet and splices the
# generated tables (machine, load, MKL code path, command) between the markers of BENCHMARKS.md.
#
#   eng/bench-report.sh                 # the published job (FastPR.Bench/PublishedJob.cs; about 10 minutes on 2 cores)
#   eng/bench-report.sh --job medium    # BenchmarkDotNet arguments pass through; a job option replaces the published job
#   REPORT=/tmp/bench.md eng/bench-report.sh --filter '*Gaussian*'
#
# The machine should be otherwise idle; the report records the load average at start and end so readers can judge.
set -euo pipefail
cd "$(dirname "$0")/.."

report="${REPORT:-BENCHMARKS.md}"
args=("$@")
if [[ " ${args[*]-} " != *" --filter "* ]]; then args+=(--filter '*'); fi

dotnet build FastPR.Bench -c Release --nologo -v quiet
echo "bench-report: $(uptime)"
dotnet run -c Release --no-build --project FastPR.Bench -- "${args[@]}" --report "$report"
echo "bench-report: $(uptime)"
echo "bench-report: tables written to $report"
