#!/usr/bin/env bash
# docs/REPRODUCTION.md §9: the noise-driven escape of SGD ensembles against sgd-sde ensembles (docs/MODEL.md §3.8).
# Run from the repository root after `dotnet build FastPR.sln -c Release`. Usage: docs/reproduction/sgd-sde.sh [OUT]
set -euo pipefail
FASTPR=${FASTPR:-"dotnet FastPR.Cli/bin/Release/net10.0/fastpr.dll"}
OUT=${1:-repro/sgd-sde}
mkdir -p "$OUT"
run() { # name, then simulate options
  local name=$1; shift
  [ -f "$OUT/$name/summary.json" ] || $FASTPR simulate "$@" --quiet --checkpoint-every 0 --out "$OUT/$name" > /dev/null || true
}
# a = 0, d = 1000, u(0) = 3.1e-4 (problem seed 0), η = 0.01, B = 1, to T = 1500 (past T2 of every member).
A0="--d 1000 --a 0 --eta 0.01 --time 1500 --records 400"
run a0-sgd-32 --algorithm sgd $A0 --seeds 32 --seed 1
run a0-sde1-32 --algorithm sgd-sde $A0 --seeds 32 --seed 1
run a0-sde10-32 --algorithm sgd-sde --sde-stride 10 $A0 --seeds 32 --seed 1
run a0-sgd-128 --algorithm sgd $A0 --seeds 128 --seed 2
run a0-sde1-128 --algorithm sgd-sde $A0 --seeds 128 --seed 2
run a0-sde10-128 --algorithm sgd-sde --sde-stride 10 $A0 --seeds 128 --seed 2
run a0-sde100-128 --algorithm sgd-sde --sde-stride 100 $A0 --seeds 128 --seed 2
run a0-sgd-256 --algorithm sgd $A0 --seeds 256 --seed 4
run a0-sde10-256 --algorithm sgd-sde --sde-stride 10 $A0 --seeds 256 --seed 4
# a = 2, d = 1000, η = 0.002, to T = 30: problem seed 0 (u(0) = 0.034, a deterministic escape), 7 (u(0) = −1.1e-4) and
# 13 (u(0) = −4.4e-4 against a growing mode c = +1.4e-4).
for ps in 0 7 13; do
  A2="--d 1000 --a 2 --problem-seed $ps --eta 0.002 --time 30 --records 300 --seeds 64 --seed 3"
  run a2-p$ps-sgd-64 --algorithm sgd $A2
  run a2-p$ps-sde1-64 --algorithm sgd-sde $A2
  run a2-p$ps-sde10-64 --algorithm sgd-sde --sde-stride 10 $A2
  A2="--d 1000 --a 2 --problem-seed $ps --eta 0.002 --time 30 --records 300 --seeds 256 --seed 6"
  run a2-p$ps-sgd-256 --algorithm sgd $A2
  run a2-p$ps-sde10-256 --algorithm sgd-sde --sde-stride 10 $A2
done
# Blow-ups at a = 2 with larger η: how many of 32 members diverge by T = 30.
for eta in 0.005 0.01; do
  S="--d 1000 --a 2 --eta $eta --time 30 --records 100 --seeds 32 --seed 5"
  run a2-eta$eta-sgd-32 --algorithm sgd $S
  run a2-eta$eta-sde1-32 --algorithm sgd-sde $S
done
python3 docs/reproduction/sgd_sde.py "$OUT"/*/summary.json
