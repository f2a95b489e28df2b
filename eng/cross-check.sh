#!/usr/bin/env bash
# The managed engines give the same bits everywhere (docs/MODEL.md, "Determinism"): this runs a fixed set of small fastpr
# commands on the native linux-x64 build and on every other platform and vector width this machine can emulate, and compares
# every trajectory.csv byte for byte with the native one:
#   noavx512 / noavx2 / noavx / scalar  the linux-x64 build natively with the runtime's ISA switches (DOTNET_Enable*=0)
#   qemu-x86-avx2                       the linux-x64 build under qemu-x86_64-static -cpu max (AVX2 + FMA, no AVX-512)
#   aot-qemu-x86-avx2                   the NativeAOT fastpr (build.cake's Publish, x86-64-v3) under the same qemu, if built
#   linux-arm64                         a self-contained linux-arm64 publish under qemu-aarch64-static (NEON)
#   win-x64                             a self-contained win-x64 publish under Wine
# osx-arm64 is published too (that it builds is checked) but cannot run here.
# A platform whose tool is missing is skipped with the reason; FASTPR_REQUIRE_CROSS=1 (CI) turns every skip into a failure.
# Usage: eng/cross-check.sh [PLATFORM...]   (default: all of noavx512 noavx2 noavx scalar qemu-x86-avx2 aot-qemu-x86-avx2
# linux-arm64 win-x64 osx-arm64). Idempotent; output in artifacts/cross.
set -euo pipefail
cd "$(dirname "$0")/.."
require="${FASTPR_REQUIRE_CROSS:-0}"
out="artifacts/cross"
arm64_libs="${FASTPR_ARM64_LIBS:-/usr/local/lib/fastpr-cross/arm64}"
runs="$out/runs"
started=$SECONDS
skipped=0 failed=0

skip() {
  echo "cross-check: SKIPPED $1: $2" >&2
  skipped=$((skipped + 1))
}

if ! bash eng/install-cross.sh; then
  echo "cross-check: eng/install-cross.sh failed; the emulated platforms will be skipped." >&2
fi

# Self-contained, ReadyToRun (FastPR.Cli.csproj): precompiled code spares the emulators most of the JIT's work, their main cost.
# osx-arm64 is only built, never run, so it skips the ReadyToRun compilation (extra arguments after the RID).
publish() {
  dotnet publish FastPR.Cli/FastPR.Cli.csproj -c Release -r "$1" --self-contained "${@:2}" \
    -o "$out/$1" -v quiet --nologo >"$out/publish-$1.log" 2>&1 || { cat "$out/publish-$1.log" >&2; echo "cross-check: publishing $1 failed" >&2; exit 1; }
  echo "cross-check: published $1 ($((SECONDS - started)) s)"
}
wanted() { [ ${#selected[@]} -eq 0 ] || [[ " ${selected[*]} " == *" $1 "* ]]; }
selected=("$@")

mkdir -p "$out"
publish linux-x64
for rid in linux-arm64 win-x64; do if wanted "$rid"; then publish "$rid"; fi; done
if wanted osx-arm64; then publish osx-arm64 -p:PublishReadyToRun=false; fi

# name|arguments: the projected and reference engines on each managed source, an ensemble, gd, flow, sgd-ode, sgd-sde.
common="--d 48 --records 12 --quiet --checkpoint-every 0"
commands=(
  "projected-ziggurat|simulate --engine projected --gaussians ziggurat --batch 4 --steps 600 $common"
  "projected-philox|simulate --engine projected --gaussians philox --batch 4 --steps 600 $common"
  "reference-ziggurat|simulate --engine reference --gaussians ziggurat --steps 400 $common"
  "reference-philox|simulate --engine reference --gaussians philox --steps 400 $common"
  "ensemble|simulate --engine projected --gaussians ziggurat --batch 2 --steps 300 --seeds 3 --threads 2 $common"
  "gd|simulate --algorithm gd --eta 0.05 --time 500 $common"
  "flow|simulate --algorithm flow --time 1e5 $common"
  "sgd-ode|simulate --algorithm sgd-ode --batch 2 --time 1e4 $common"
  "sgd-sde|simulate --algorithm sgd-sde --gaussians ziggurat --steps 800 --sde-stride 4 $common"
)

# run PLATFORM LAUNCHER...: every command under the given launcher (and environment), into $runs/PLATFORM/NAME.
run() {
  local platform="$1"
  shift
  local t0=$SECONDS
  rm -rf "${runs:?}/$platform"
  for entry in "${commands[@]}"; do
    local name="${entry%%|*}" args="${entry#*|}"
    mkdir -p "$runs/$platform"
    local status=0
    # shellcheck disable=SC2086 # args is a word list by design
    "$@" $args --out "$runs/$platform/$name" >"$runs/$platform/$name.log" 2>&1 || status=$?
    # Under Wine, CoreCLR now and then fails fast ("Internal CLR error") in the finalizer of a dynamic method
    # (System.Reflection.Emit), after the run wrote its files (2 of 9 runs once). Retried once, visibly; any other failure counts.
    if [ "$status" -ne 0 ] && grep -q 'DynamicResolver+DestroyScout.Finalize' "$runs/$platform/$name.log"; then
      echo "cross-check: $platform: '$name' hit the runtime's fail-fast in a dynamic-method finalizer at exit (seen only under Wine); running it again"
      rm -rf "${runs:?}/$platform/$name"
      status=0
      # shellcheck disable=SC2086
      "$@" $args --out "$runs/$platform/$name" >"$runs/$platform/$name.log" 2>&1 || status=$?
    fi
    if [ "$status" -ne 0 ]; then
      echo "cross-check: $platform: '$name' failed:" >&2
      tail -5 "$runs/$platform/$name.log" >&2
      failed=$((failed + 1))
    fi
  done
  echo "cross-check: ran $platform ($((SECONDS - t0)) s)"
}

# compare PLATFORM: each trajectory.csv against the native one.
compare() {
  local platform="$1" same=0
  for entry in "${commands[@]}"; do
    local name="${entry%%|*}"
    if [ ! -f "$runs/$platform/$name/trajectory.csv" ]; then
      echo "cross-check: $platform: '$name' wrote no trajectory.csv" >&2
      failed=$((failed + 1))
    elif ! cmp -s "$runs/native/$name/trajectory.csv" "$runs/$platform/$name/trajectory.csv"; then
      echo "cross-check: $platform: '$name' trajectory.csv DIFFERS from native linux-x64:" >&2
      diff "$runs/native/$name/trajectory.csv" "$runs/$platform/$name/trajectory.csv" | head -4 >&2 || true
      failed=$((failed + 1))
    else
      same=$((same + 1))
    fi
  done
  echo "cross-check: $platform: $same of ${#commands[@]} trajectories identical to native linux-x64"
}

native="$out/linux-x64/fastpr"
run native "$native"
for variant in "noavx512 DOTNET_EnableAVX512=0" "noavx2 DOTNET_EnableAVX2=0" "noavx DOTNET_EnableAVX=0" "scalar DOTNET_EnableHWIntrinsic=0"; do
  platform="${variant%% *}"
  wanted "$platform" || continue
  run "$platform" env "${variant#* }" "$native"
  compare "$platform"
done

# The emulated platforms run side by side (each is one process at a time); their reports are printed in order afterwards.
emulated=()
emulate() {
  local platform="$1"
  emulated+=("$platform")
  ( failed=0; run "$@"; compare "$platform"; echo "$failed" >"$runs/$platform.failed" ) >"$runs/$platform.report" 2>&1 &
}

# Under qemu-user the .NET runtime now and then dies of SIGSEGV mid-run (measured on 2026-12-07 with the JIT build under
# qemu-x86_64 -cpu max: 11 of 68 runs, with or without DOTNET_EnableWriteXorExecute=0 or DOTNET_TieredCompilation=0), and
# never (0 of 27) when a 512 MB gen0 budget keeps these small runs from collecting at all: qemu's emulation of the GC's
# thread suspension is the suspect. No collection changes no result, so every emulated run gets that budget.
nogc="DOTNET_GCgen0size=0x20000000"

if wanted qemu-x86-avx2; then
  if command -v qemu-x86_64-static >/dev/null 2>&1; then emulate qemu-x86-avx2 env "$nogc" qemu-x86_64-static -cpu max "$native"
  else skip qemu-x86-avx2 "qemu-x86_64-static is not installed (eng/install-cross.sh)"; fi
fi

if wanted aot-qemu-x86-avx2; then
  if [ ! -x artifacts/fastpr/fastpr ]; then skip aot-qemu-x86-avx2 "no NativeAOT build in artifacts/fastpr (./build.sh --target=Publish)"
  elif ! command -v qemu-x86_64-static >/dev/null 2>&1; then skip aot-qemu-x86-avx2 "qemu-x86_64-static is not installed"
  else emulate aot-qemu-x86-avx2 env "$nogc" qemu-x86_64-static -cpu max artifacts/fastpr/fastpr; fi
fi

if wanted linux-arm64; then
  if ! command -v qemu-aarch64-static >/dev/null 2>&1; then skip linux-arm64 "qemu-aarch64-static is not installed (eng/install-cross.sh)"
  elif [ ! -e /usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1 ]; then skip linux-arm64 "the arm64 C runtime (libc6-arm64-cross) is not installed"
  elif [ ! -e "$arm64_libs/libssl.so.3" ]; then skip linux-arm64 "the arm64 OpenSSL is not in $arm64_libs (eng/install-cross.sh)"
  else
    # .NET's SHA-256 (summary.json, checkpoints) loads libssl; qemu's -L sysroot has none, install-cross.sh puts it here.
    emulate linux-arm64 env "$nogc" LD_LIBRARY_PATH="$arm64_libs" qemu-aarch64-static -L /usr/aarch64-linux-gnu "$out/linux-arm64/fastpr"
  fi
fi

if wanted win-x64; then
  # Debian's wine64 package puts its loader in /usr/lib/wine (the wine package adds /usr/bin/wine).
  wine="$(command -v wine64 || command -v wine || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || true)"
  if [ -z "$wine" ]; then skip win-x64 "wine64 is not installed (eng/install-cross.sh)"
  else
    # Outside the repository: a prefix maps z: to /, and tools that search the tree (BenchmarkDotNet) would walk into it.
    export WINEPREFIX="${FASTPR_WINEPREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/fastpr/wineprefix}" WINEDEBUG=-all
    mkdir -p "$(dirname "$WINEPREFIX")"
    # Create the prefix first: the run that creates it gets a half-configured Windows (.NET once died there in a finalizer).
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
      "$wine" wineboot --init >"$out/wineboot.log" 2>&1 || true
      "$(command -v wineserver || echo /usr/lib/wine/wineserver)" -w || true
    fi
    emulate win-x64 "$wine" "$out/win-x64/fastpr.exe"
  fi
fi

wait
for platform in "${emulated[@]}"; do
  cat "$runs/$platform.report"
  failed=$((failed + $(cat "$runs/$platform.failed" 2>/dev/null || echo 1)))
done

echo "cross-check: $((SECONDS - started)) s in all; osx-arm64 published, not run (no emulator here)"
if [ "$failed" -gt 0 ]; then
  echo "cross-check: FAILED ($failed problems above)" >&2
  exit 1
fi
if [ "$skipped" -gt 0 ] && [ "$require" = 1 ]; then
  echo "cross-check: FAILED: $skipped platforms skipped and FASTPR_REQUIRE_CROSS=1" >&2
  exit 1
fi
echo "cross-check: passed"
