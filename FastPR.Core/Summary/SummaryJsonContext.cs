using System.Text.Json.Serialization;

namespace FastPR.Core;

/// <summary>Compile-time JSON metadata for <see cref="SummaryDocument"/>: no reflection, so it serializes in NativeAOT builds (libfastpr).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(SummaryDocument))]
[JsonSerializable(typeof(SummaryInputs))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext;
