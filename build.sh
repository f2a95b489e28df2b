#!/usr/bin/env bash
# The one entry point on Linux and macOS (Windows: build.ps1): ./build.sh --target=<Build|Test|Python|Publish|CrossCheck|Run|Bench|Pack> [cake args]
# Restores the pinned Cake tool, makes sure MKL is installed (and, for Test, Python and Publish, clang, zlib1g-dev and Debian's
# python3 with NumPy and pytest), then runs build.cake.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "build.sh: the .NET 10 SDK is required (https://dot.net). On Debian/Ubuntu: apt-get install dotnet-sdk-10.0 from packages.microsoft.com." >&2
  exit 1
fi

if [ "${FASTPR_SKIP_MKL_INSTALL:-0}" != "1" ]; then
  bash eng/install-mkl.sh
fi

# libfastpr.so and the fastpr binary (NativeAOT) and the Python tests need more; only the targets that build them install it.
case " $* " in
  *" --target=Test "* | *" --target=Python "* | *" --target=Publish "* | *" --target Test "* | *" --target Python "* | *" --target Publish "*)
    if [ "${FASTPR_SKIP_INTEROP_INSTALL:-0}" != "1" ]; then
      bash eng/install-interop.sh
    fi
    ;;
esac

dotnet tool restore >/dev/null
exec dotnet cake build.cake "$@"
