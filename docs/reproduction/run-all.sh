#!/usr/bin/env bash
# Reruns every measurement quoted in docs/REPRODUCTION.md, section by section, and prints the tables the document quotes.
# Run from the repository root after `dotnet build FastPR.sln -c Release`. About 3–4 minutes on one core; every ensemble
# uses one thread and every sweep one job. Needs python3 (standard library only) and jq.
# Usage: docs/reproduction/run-all.sh [section ...]   sections: escape logd decay floor tests (default), sgdode (about 25 minutes), sgdsde (about 20 minutes; neither in the default)
set -euo pipefail
FASTPR=${FASTPR:-"dotnet FastPR.Cli/bin/Release/net10.0/fastpr.dll"}
OUT=${OUT:-repro}
HERE=docs/reproduction
sections=${*:-escape logd decay floor tests}
mkdir -p "$OUT"

for section in $sections; do
case $section in
escape)
  # §1 Phase I: flow for eight teachers at d = 1000 and 8000 (a = 2), dense early checkpoints; one SGD ensemble.
  $FASTPR sweep --grid "d=1000,8000 problem-seed=0..7" --algorithm flow --a 2 --time 20 --records 400 \
    --jobs 1 --no-plots --quiet --out "$OUT/escape"
  python3 $HERE/escape.py "$OUT"/escape/d=1000_* "$OUT"/escape/d=8000_*
  $FASTPR simulate --algorithm sgd --d 8000 --a 2 --problem-seed 2 --seed 0 --seeds 16 --threads 1 \
    --engine projected --gaussians philox --batch 1 --eta 1e-3 --time 3 --records 400 \
    --out "$OUT/escape-sgd" --json --quiet > /dev/null
  python3 $HERE/escape.py "$OUT/escape-sgd"
  jq -c '[.members[].t1] | {members: length, t1_min: min, t1_max: max}' "$OUT/escape-sgd/summary.json"
  ;;
logd)
  # §2 and §3: random teachers at d = 500, 2000, 8000 (a = 2): T1 against log d, and the s = 1/3 crossing.
  $FASTPR sweep --grid "d=500,2000,8000 problem-seed=0..7" --algorithm flow --a 2 --time 20 --records 400 \
    --jobs 1 --no-plots --quiet --out "$OUT/logd"
  $FASTPR sweep merge "$OUT/logd"
  python3 $HERE/logd.py "$OUT/logd/sweep.csv"
  python3 $HERE/crossing.py "$OUT/logd/sweep.csv"
  ;;
decay)
  # §4–§6: flow to the cutoff H·d^a/8 of d = 5000, eight teachers per (a, d), 1000 log-spaced checkpoints.
  $FASTPR sweep --grid "d=500,2000,5000 problem-seed=0..7" --algorithm flow --a 1.5 --time 1.2e5 --records 1000 \
    --jobs 1 --no-plots --quiet --out "$OUT/decay-a1.5"
  $FASTPR sweep --grid "d=500,2000,5000 problem-seed=0..7" --algorithm flow --a 2 --time 5.2e6 --records 1000 \
    --jobs 1 --no-plots --quiet --out "$OUT/decay-a2"
  $FASTPR sweep --grid "d=500,2000,5000 problem-seed=0..7" --algorithm flow --a 4 --time 8.5e13 --records 1000 \
    --jobs 1 --no-plots --quiet --out "$OUT/decay-a4"
  # docs/MODEL.md's single-teacher range was quoted for d = 1000, a = 4, T up to 10^5.
  $FASTPR sweep --grid "problem-seed=0..7" --algorithm flow --d 1000 --a 4 --time 1e5 --records 400 \
    --jobs 1 --no-plots --quiet --out "$OUT/decay-d1000-a4"
  python3 $HERE/decay.py "$OUT/decay-a1.5" "$OUT/decay-a2" "$OUT/decay-a4"
  python3 $HERE/decay.py "$OUT/decay-d1000-a4"
  python3 $HERE/plateau.py "$OUT/decay-a1.5" "$OUT/decay-a2" "$OUT/decay-a4"
  python3 $HERE/phase3.py "$OUT/decay-a1.5" "$OUT/decay-a2" "$OUT/decay-a4"
  # How the Phase III gap grows at a = 1.5, d = 500 (teacher 4): t, MSE/MSE(start), predicted/measured - 1.
  jq -r '.predictions.phase_three as $p | $p.curve[] | select(.mse_measured > 1e-9*$p.start_mse)
         | "\(.t) \(.mse_measured/$p.start_mse) \(.mse_predicted/.mse_measured-1)"' "$OUT/decay-a1.5/d=500_problem-seed=4/summary.json"
  # The isotropic Phase III benchmark S_d(tau) beside its asymptote (d = 1000, a = 2).
  $FASTPR theory --d 1000 --a 2 --json | jq -c '.isotropic_benchmark[]'
  python3 $HERE/escape_by_a.py "$OUT/decay-a1.5" "$OUT/decay-a2" "$OUT/decay-a4"
  # Independent long-time check of the log-time flow integrator: plain population GD (η = 1e-2, 513,400 steps).
  for alg in "flow" "gd --eta 1e-2"; do
    $FASTPR simulate --algorithm $alg --d 500 --a 2 --problem-seed 0 --time 5134 --records 200 \
      --out "$OUT/check-${alg// /}" --json --quiet |
      jq -c '{engine: .run.engine, steps: .run.steps_completed, slope: .fits.residual_decay.slope, final_one_minus_u: .final.one_minus_u, final_mse: .final.mse}'
  done
  # Leaps of the log-time integrator to T = 10^5 (d = 1000), with only the two required output times.
  for a in 2 4; do for s in 0 1 2; do
    $FASTPR simulate --algorithm flow --d 1000 --a $a --problem-seed $s --time 1e5 --records 2 \
      --out "$OUT/leaps-a$a-p$s" --json --quiet | jq -c '{a: .parameters.a, problem_seed: .parameters.problem_seed, leaps: .run.steps_completed}'
  done; done
  ;;
floor)
  # §7 SGD noise floor: d = 20, a = 1.5, σ = 2, B = 1, η = 5e-3, 40,000 steps; explicit (MKL) vs projected.
  for engine in mkl projected; do
    for run in "40 0" "400 1"; do
      set -- $run
      $FASTPR simulate --algorithm sgd --d 20 --a 1.5 --sigma 2 --batch 1 --eta 5e-3 --steps 40000 --seeds "$1" --seed "$2" \
        --threads 1 --engine $engine --gaussians philox --problem-seed 0 --records 100 \
        --out "$OUT/floor-$engine-$1" --json --quiet > /dev/null
    done
  done
  python3 $HERE/floor.py "$OUT"/floor-mkl-40/summary.json "$OUT"/floor-projected-40/summary.json \
    "$OUT"/floor-mkl-400/summary.json "$OUT"/floor-projected-400/summary.json
  ;;
sgdode)
  # §8 SGD ensembles against the sgd-ode (docs/MODEL.md §3.7) and the flow, over a, d and η (about 20 minutes on one core).
  FASTPR="$FASTPR" $HERE/sgd-ode.sh "$OUT/sgd-ode"
  ;;
sgdsde)
  # §9 the noise-driven escape: SGD ensembles against sgd-sde ensembles (docs/MODEL.md §3.8).
  FASTPR="$FASTPR" $HERE/sgd-sde.sh "$OUT/sgd-sde"
  ;;
tests)
  # The tests that measure a claim and print what they measured.
  dotnet test FastPR.Tests -c Release --no-build --logger "console;verbosity=detailed" \
    --filter "FullyQualifiedName~FastPR.Tests.Theory.PhaseOneTests|FullyQualifiedName~FastPR.Tests.Theory.ResidualDecayTests|FullyQualifiedName~FastPR.Tests.Theory.PhaseThreeTests|FullyQualifiedName~FastPR.Tests.Theory.LogTimeFlowIntegratorTests" |
    grep -E "^ |Passed|Failed|Total"
  ;;
*) echo "unknown section $section" >&2; exit 2 ;;
esac
done
