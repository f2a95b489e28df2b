#!/usr/bin/env bash
# docs/MODEL.md §3.7: SGD ensembles against the sgd-ode (Wick and high-dimensional closures) and the flow, over a, d and η.
# Run from the repository root after `dotnet build FastPR.sln -c Release`. Usage: docs/reproduction/sgd-ode.sh [OUT]
set -euo pipefail
FASTPR=${FASTPR:-"dotnet FastPR.Cli/bin/Release/net10.0/fastpr.dll"}
OUT=${1:-repro/sgd-ode}
mkdir -p "$OUT"
run() { # a d eta time
  local dir="$OUT/a=$1_d=$2_eta=$3"
  [ -f "$dir/sgd/summary.json" ] || $FASTPR simulate --algorithm sgd --a "$1" --d "$2" --eta "$3" --time "$4" --seeds 8 --threads 1 \
    --gaussians philox --records 100 --out "$dir/sgd" --quiet > /dev/null || true
  [ -f "$dir/hd/summary.json" ] || $FASTPR simulate --algorithm sgd-ode --closure high-dimensional --a "$1" --d "$2" --eta "$3" --time "$4" \
    --tolerance 1e-5 --records 100 --out "$dir/hd" --quiet > /dev/null || true
  [ -f "$dir/flow/summary.json" ] || $FASTPR simulate --algorithm flow --a "$1" --d "$2" --time "$4" --tolerance 1e-5 --records 100 \
    --out "$dir/flow" --quiet > /dev/null || true
}
for d in 500 2000; do for eta in 0.005 0.02 0.05; do run 0 $d $eta $((3 * d)); done; done
for a in 1.5 2 4; do for d in 500 2000; do for eta in 0.005 0.02 0.05; do run $a $d $eta 300; done; done; done
for a in 2 4; do for eta in 0.005 0.05; do run $a 8000 $eta 100; done; done
python3 docs/reproduction/sgd_ode.py "$OUT"
