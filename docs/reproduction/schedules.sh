#!/usr/bin/env bash
# docs/REPRODUCTION.md §11, docs/MODEL.md §3.9: learning-rate schedules at equal steps, SGD ensembles against the sgd-ode under the
# same schedule. d = 1000, a = 2, σ = 1, B = 1, η₀ = 0.005, 400,000 steps each (t = 2000 at constant η).
# Run from the repository root after `dotnet build FastPR.sln -c Release`; the figure needs matplotlib (Debian: python3-matplotlib;
# set PYTHON=/usr/bin/python3 when another python3 comes first). About 8 minutes on two busy cores. Usage: docs/reproduction/schedules.sh [OUT]
set -euo pipefail
FASTPR=${FASTPR:-"dotnet FastPR.Cli/bin/Release/net10.0/fastpr.dll"}
OUT=${1:-repro/schedules}
SEEDS=${SEEDS:-24}
COMMON="--d 1000 --a 2 --sigma 1 --batch 1 --eta 0.005 --steps 400000 --records 150 --problem-seed 0"
mkdir -p "$OUT"
run() { # name schedule
  [ -f "$OUT/$1/sgd/summary.json" ] || $FASTPR simulate $COMMON --schedule "$2" --seeds "$SEEDS" --seed 0 --threads 2 \
    --engine projected --gaussians philox --no-predictions --out "$OUT/$1/sgd" --quiet > /dev/null
  [ -f "$OUT/$1/ode/summary.json" ] || $FASTPR simulate $COMMON --schedule "$2" --algorithm sgd-ode --out "$OUT/$1/ode" --quiet > /dev/null
}
run constant constant
run cosine cosine:warmup=0.01,final=0
run wsd wsd:warmup=0.01,stable=0.79,decay=0.2,shape=linear
run power power:t0=100,beta=0.5
${PYTHON:-python3} docs/reproduction/schedules.py "$OUT" docs/reproduction/schedules.png
