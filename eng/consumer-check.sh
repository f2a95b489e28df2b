#!/usr/bin/env bash
# The library as a stranger meets it: pack FastPR.Core and FastPR.Native, then build and run a new console project that
# references the packed FastPR.Core (not the sources) and runs SGD, the flow and the theory on the digits spectrum in
# under 20 lines with one `using`. Fails if any of that breaks, or if the program grows past 20 lines.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

suffix="consumer$(date +%s)"   # a fresh version, so the NuGet cache cannot serve an older pack
for project in FastPR.Native FastPR.Core; do
  dotnet pack "$project/$project.csproj" -c Release -o "$work/feed" -p:VersionSuffix="$suffix" -v q -nologo >/dev/null
done
version=$(ls "$work/feed" | sed -n 's/^FastPR\.Core\.\(.*\)\.nupkg$/\1/p')

mkdir -p "$work/app"
cat >"$work/app/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="fastpr" value="$work/feed" />
  </packageSources>
</configuration>
EOF
# The program a user would write, kept to the README's "your own spectrum" example.
cat >"$work/app/Program.cs" <<'EOF'
using FastPR.Core;

double[] eigenvalues = VectorFormats.ParseText(File.ReadAllText(args[0]));
ProblemSpec spec = ProblemSpec.ForEigenvalues(eigenvalues);
SimulationResult sgd = Simulator.Run(new SimulationSpec { Problem = spec, Seeds = 8, Time = 60 });
SimulationResult flow = Simulator.Run(new SimulationSpec { Problem = spec, Algorithm = AlgorithmKind.Flow, Time = 1e6 });
TheorySummary theory = TheorySummary.For(new Problem(spec));
Console.WriteLine($"d = {eigenvalues.Length}, rho = {theory.Rho:G4}, T1 predicted = {theory.T1Predicted:G4}");
Console.WriteLine($"SGD ({sgd.Stepper}): {sgd.Status}, T1 = {sgd.Analysis.Phases.Escape:G4}; flow: {flow.Status}, final MSE = {flow.Final?.Mse:G3}");
EOF
lines=$(grep -c . "$work/app/Program.cs")
[ "$lines" -lt 20 ] || { echo "consumer-check: the program has $lines lines (must be < 20)" >&2; exit 1; }

cat >"$work/app/app.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="FastPR.Core" Version="$version" />
  </ItemGroup>
</Project>
EOF
# Outside the repository, so its Directory.Build.props and central package versions do not apply.
dotnet run --project "$work/app/app.csproj" -c Release -- "$root/docs/reproduction/data/digits-eigenvalues.txt" | tee "$work/out.txt"
grep -q "SGD (.*): Completed" "$work/out.txt" && grep -q "flow: Completed" "$work/out.txt"
echo "consumer-check: a new project on the packed FastPR.Core $version ran SGD, the flow and the theory in $lines lines"
