using System.Text.Json.Serialization;
using FastPR.Cli.Commands;
using FastPR.Cli.Sweep;
using FastPR.Core;

namespace FastPR.Cli.Output;

/// <summary>
/// Compile-time JSON metadata for every document the CLI writes or reads, so serialization needs no reflection and works in a
/// NativeAOT build. The options match <see cref="SummaryJson.Context"/>, which adds the encoder no attribute can set.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(SummaryDocument))]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(SweepManifest))]
[JsonSerializable(typeof(SummaryInputs))]
[JsonSerializable(typeof(PointLeaseRecord))]
[JsonSerializable(typeof(PointFailure))]
[JsonSerializable(typeof(SlurmArray))]
[JsonSerializable(typeof(SweepStatus))]
[JsonSerializable(typeof(TheoryCommand.TheoryDocument))]
[JsonSerializable(typeof(BenchCommand.BenchDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
