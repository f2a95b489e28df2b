#!/usr/bin/env bash
# What MKL's kernel choice and CNR mode cost: `fastpr bench` under each setting, rounds interleaved so load drifts hit
# every setting alike; prints the median over rounds of ns per normal (VSL alone) and ns per Gaussian for the MKL engine.
# Usage: eng/mkl-modes.sh [rounds=3] [seconds-per-cell=0.4]   (after ./build.sh --target=Build)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"; seconds="${2:-0.4}"
fastpr=FastPR.Cli/bin/Release/net10.0/fastpr
out=$(mktemp -d)
settings=(
  "fast path, CNR auto (default)|"
  "fast path, CNR off|FASTPR_MKL_CNR=off"
  "MKL's own dispatch, CNR auto|FASTPR_MKL_AMD_FASTPATH=0"
  "MKL's own dispatch, CNR off|FASTPR_MKL_AMD_FASTPATH=0 FASTPR_MKL_CNR=off"
  "generic kernels forced, CNR auto|FASTPR_MKL_FORCE_GENERIC=1"
)
for round in $(seq "$rounds"); do
  for i in "${!settings[@]}"; do
    env_vars="${settings[$i]#*|}"
    env $env_vars "$fastpr" bench --json --quiet --seconds "$seconds" > "$out/$i-$round.json"
  done
done
python3 - "$out" "$rounds" "${settings[@]}" <<'PY'
import json, statistics, sys
out, rounds, settings = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def cell(rows, engine, source, d=None):
    for r in rows:
        if r["engine"] == engine and r["source"] == source and r["d"] == d:
            return r["ns_per_gaussian"]
first = json.load(open(f"{out}/0-1.json"))["environment"]
print(f"CPU: {first['cpu']} ({first['cpu_vendor']}, {first['cpu_isa']}); {first['mkl']['version']}")
print(f"median of {rounds} interleaved rounds; ns per normal (VSL alone) and ns per Gaussian (MKL engine on VSL)\n")
print("| setting | MKL code path | CNR in force | VSL ns/normal | mkl (1000, 1) | mkl (4096, 64) |")
print("|---|---|---|---:|---:|---:|")
for i, s in enumerate(settings):
    docs = [json.load(open(f"{out}/{i}-{k}.json")) for k in range(1, rounds + 1)]
    med = lambda f: statistics.median(f(d["rows"]) for d in docs)
    mkl = docs[0]["environment"]["mkl"]
    path = mkl["code_path"].replace("Intel(R) ", "").split(" with ")[0]
    print(f"| {s.split('|')[0]} | {path} | {mkl['cnr_mode']} | {med(lambda r: cell(r, '(source only)', 'mkl-vsl')):.2f} "
          f"| {med(lambda r: cell(r, 'mkl', 'mkl-vsl', 1000)):.2f} | {med(lambda r: cell(r, 'mkl', 'mkl-vsl', 4096)):.2f} |")
PY
rm -rf "$out"
