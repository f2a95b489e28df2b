#!/usr/bin/env bash
# FastPR against the NumPy peers a researcher would write, measured in one run: SGD steps/s of every engine at the benchmark
# grid (fastpr bench) against eng/numpy-sgd-peer.py, and the gradient flow's whole process against eng/numpy-flow-peer.py
# (the same implicit exponential leaps). Rewrites the table between the peer-report markers of BENCHMARKS.md.
#
#   eng/peer-report.sh                      # 3 interleaved rounds (about 5 minutes on 2 cores)
#   ROUNDS=5 SECONDS_PER_CELL=1 eng/peer-report.sh
#   REPORT=/tmp/peers.md eng/peer-report.sh
#
# The machine should be otherwise idle; the table records the load average at start and end.
set -euo pipefail
cd "$(dirname "$0")/.."
eng/install-numpy.sh
dotnet build FastPR.Cli -c Release --nologo -v quiet
dotnet publish FastPR.Cli -c Release -r linux-x64 --self-contained false -o artifacts/fastpr-r2r --nologo -v quiet
./build.sh --target=Publish >/dev/null   # artifacts/fastpr/fastpr (NativeAOT)
/usr/bin/python3 eng/peer-report.py
