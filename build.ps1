# The one entry point on Windows, with build.sh's targets: ./build.ps1 --target=<Build|Test|Python|Publish|Run|Bench|Pack> [cake args]
# MKL is optional here: without it fastpr runs the managed engines (README, "Windows"). Publish and Python compile with NativeAOT,
# which needs Visual Studio's "Desktop development with C++" build tools; CrossCheck needs Linux (Wine, qemu).
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    Write-Error 'build.ps1: the .NET 10 SDK is required (https://dot.net, or: winget install Microsoft.DotNet.SDK.10).'
    exit 1
}

dotnet tool restore | Out-Null
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
dotnet cake build.cake @args
exit $LASTEXITCODE
