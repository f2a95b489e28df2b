using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using FastPR.Cli.Output;
using FastPR.Core;
using FastPR.Native;
using Spectre.Console;

namespace FastPR.Cli.Commands;

/// <summary>
/// <c>fastpr bench</c>: quick single-thread Stopwatch throughput of every engine × Gaussian source at (d, B) = (1000, 1),
/// (4096, 64) and (16384, 8), the benchmark grid: steps/s, ns per Gaussian, and the ratio to the reference engine on the scalar
/// managed source; then what <c>--engine auto</c> runs on the default source. Also the sources alone, and how an ensemble and a
/// sweep scale with threads (<see cref="ScalingBench"/>). Honest label: a few hundred milliseconds per cell, not BenchmarkDotNet (see ./build.sh --target=Bench).
/// </summary>
internal static class BenchCommand
{
    private static readonly (int D, int Batch)[] Sizes = [(1000, 1), (4096, 64), (16384, 8)];

    /// <summary>Each engine cell's budget is split into this many slices, taken in turn with the other cells of its size.</summary>
    private const int Rounds = 8;

    internal sealed record SourceKind(string Name, Func<ulong, IGaussianSource> Create, bool NeedsMkl);
    internal sealed record EngineKindEntry(string Name, EngineFactoryFn Create, bool NeedsMkl);
    internal delegate ISgdEngine EngineFactoryFn(Problem problem, SgdSettings settings, IGaussianSource source);

    private static readonly SourceKind[] Sources =
    [
        new("managed-scalar", key => new ManagedGaussianSource(key), false),
        new("managed-simd", key => new SimdGaussianSource(key), false),
        new("ziggurat", key => new ZigguratGaussianSource(key), false),
        new("mkl-vsl", key => new VslGaussianSource(key), true),
    ];

    private static readonly EngineKindEntry[] Engines =
    [
        new("reference", (p, s, g) => new ReferenceSgdEngine(p, s, g), false),
        new("mkl", (p, s, g) => new MklSgdEngine(p, s, g), true),
        new("projected", (p, s, g) => new ProjectedSgdEngine(p, s, g), false),
    ];

    /// <summary>
    /// One row of the results; <see cref="Engine"/> is "(source only)" for raw source throughput, and "auto" for what
    /// <c>--engine auto --gaussians auto</c> runs, with the engine it chose in <see cref="AutoEngine"/>.
    /// </summary>
    internal sealed record BenchRow(string Engine, string Source, int? D, int? Batch, int? GaussiansPerStep,
        double? StepsPerSecond, double NsPerGaussian, double? RatioToReference, string? AutoEngine = null);

    internal sealed record BenchDocument(string Method, double SecondsPerCell, double WarmupSeconds, SummaryEnvironment Environment, IReadOnlyList<BenchRow> Rows,
        string ScalingMethod, IReadOnlyList<ScalingBench.ScalingRow> Scaling);

    public static Command Create(CliConsole console)
    {
        var seconds = OptionFactory.Double("--seconds", 0.4, "finite > 0", "Measured seconds per cell (after a quarter as much warm-up)");
        var json = new Option<bool>("--json") { Description = "Print the results as JSON only" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar" };
        var command = new Command("bench", "Quick throughput of each engine and Gaussian source at (d, B) = (1000, 1), (4096, 64) and (16384, 8), and of --engine auto.");
        command.Options.Add(seconds);
        command.Options.Add(json);
        command.Options.Add(quiet);
        command.SetAction(parse => ErrorReporting.Execute(console, command, () =>
        {
            double budget = parse.GetValue(seconds);
            if (!(budget > 0) || !double.IsFinite(budget)) throw new UsageException("seconds", $"seconds must be finite and > 0 (got {budget.ToString(CultureInfo.InvariantCulture)}).");
            double warmup = budget / 4;
            var rows = ConsoleRendering.WithProgress(console, parse.GetValue(quiet) || parse.GetValue(json), "bench",
                progress => Measure(budget, warmup, progress, console.Cancellation));
            var scaling = console.Cancellation.IsCancellationRequested ? [] : ScalingBench.Measure(4 * budget, console.Cancellation);
            string method = $"single-thread Stopwatch, {budget:G3} s per cell after {warmup:G3} s warm-up, engine cells of a size in {Rounds} interleaved slices (quick ratios, not BenchmarkDotNet)";
            string scalingMethod = string.Create(CultureInfo.InvariantCulture,
                $"d = 1000, a = 2, B = 1, engine and source auto; an ensemble of {ScalingBench.Members} members sized to about {4 * budget:G3} s on one thread (its own wall time), then a sweep of short points (no files; predictions off, then on: a point's prediction runs beside its steps when a core is free); efficiency = throughput ÷ (threads × one thread's); load average {ScalingBench.LoadAverage()} at the end");
            if (parse.GetValue(json))
            {
                console.Out.Write(JsonSerializer.Serialize(new BenchDocument(method, budget, warmup, EnvironmentReport.Get(), rows, scalingMethod, scaling),
                    SummaryJson.Context.BenchDocument) + "\n");
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(method))
                    .AddColumn("engine").AddColumn("source").AddColumn(new TableColumn("d").RightAligned()).AddColumn(new TableColumn("B").RightAligned())
                    .AddColumn(new TableColumn("normals/step").RightAligned()).AddColumn(new TableColumn("steps/s").RightAligned())
                    .AddColumn(new TableColumn("ns/Gaussian").RightAligned()).AddColumn(new TableColumn("× reference").RightAligned());
                foreach (var r in rows)
                {
                    table.AddRow(Markup.Escape(r.AutoEngine is null ? r.Engine : $"auto → {r.AutoEngine}"), Markup.Escape(r.Source), Text(r.D), Text(r.Batch), Text(r.GaussiansPerStep),
                        ResultTable.Format(r.StepsPerSecond), ResultTable.Format(r.NsPerGaussian), ResultTable.Format(r.RatioToReference));
                }
                ConsoleRendering.Write(console, table);
                console.Out.WriteLine("× reference: steps/s relative to the reference engine on the scalar managed source at the same (d, B).");
                console.Out.WriteLine("ns/Gaussian: wall time per step ÷ normals per step (the projected engine draws d + 2B per step, the explicit ones B·d).");
                var scalingTable = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(scalingMethod))
                    .AddColumn("workload").AddColumn(new TableColumn("threads").RightAligned()).AddColumn(new TableColumn("per second").RightAligned())
                    .AddColumn(new TableColumn("efficiency").RightAligned()).AddColumn(new TableColumn("× bare").RightAligned());
                foreach (var r in scaling)
                {
                    scalingTable.AddRow(Markup.Escape(r.Workload), Text(r.Threads), ResultTable.Format(r.PerSecond), ResultTable.Format(r.Efficiency),
                        ResultTable.Format(r.RatioToBare));
                }
                ConsoleRendering.Write(console, scalingTable);
            }
            return console.Cancellation.IsCancellationRequested ? console.InterruptedExitCode() : ExitCodes.Ok;
        }));
        return command;
    }

    private static List<BenchRow> Measure(double budget, double warmup, IProgress<double>? progress, CancellationToken cancellation)
    {
        bool mkl = MklLibrary.IsAvailable;
        var sources = Sources.Where(s => mkl || !s.NeedsMkl).ToArray();
        var engines = Engines.Where(e => mkl || !e.NeedsMkl).ToArray();
        int total = sources.Length + Sizes.Length * (engines.Length * sources.Length + 1), done = 0;
        var rows = new List<BenchRow>();
        foreach (var source in sources)
        {
            if (cancellation.IsCancellationRequested) return rows;
            using var s = source.Create(SeedSequence.RunKey(1));
            var m = Throughput.Gaussians(s, 1 << 16, budget, warmup);
            rows.Add(new BenchRow("(source only)", source.Name, null, null, null, null, m.NanosecondsPerOperation, null));
            progress?.Report(++done / (double)total);
        }
        foreach (var (d, batch) in Sizes)
        {
            var problem = new Problem(new ProblemSpec(d, 2.0));
            var settings = new SgdSettings(batch, 1e-3);
            var choice = SgdEngines.Choose(EngineKind.Auto, problem, batch);
            var sourceKind = GaussianSources.Resolve(GaussianSourceKind.Auto);
            var cells = new List<(string Engine, string Source, ISgdEngine Stepper, string? Auto)>();
            try
            {
                foreach (var engine in engines)
                {
                    foreach (var source in sources) cells.Add((engine.Name, source.Name, engine.Create(problem, settings, source.Create(SeedSequence.RunKey(2))), null));
                }
                cells.Add(("auto", sourceKind.ToString().ToLowerInvariant(), SgdEngines.Create(choice.Kind, problem, settings, GaussianSources.Create(sourceKind, 2)),
                    choice.Kind.ToString().ToLowerInvariant()));
                // Cells take turns in short slices, so a change of load during the run hits every cell alike.
                var measured = new Measurement[cells.Count];
                for (int round = 0; round < Rounds; round++)
                {
                    for (int c = 0; c < cells.Count; c++)
                    {
                        if (cancellation.IsCancellationRequested) return rows;
                        var m = Throughput.Steps(cells[c].Stepper, budget / Rounds, round == 0 ? warmup : 0);
                        measured[c] = new Measurement(measured[c].Operations + m.Operations, measured[c].Seconds + m.Seconds);
                    }
                }
                double baseline = measured[0].PerSecond; // reference × managed-scalar comes first
                for (int c = 0; c < cells.Count; c++)
                {
                    var (engine, source, stepper, auto) = cells[c];
                    rows.Add(new BenchRow(engine, source, d, batch, stepper.GaussiansPerStep, measured[c].PerSecond,
                        measured[c].NanosecondsPerOperation / stepper.GaussiansPerStep, measured[c].PerSecond / baseline, auto));
                    progress?.Report(++done / (double)total);
                }
            }
            finally
            {
                foreach (var cell in cells) cell.Stepper.Dispose();
            }
        }
        return rows;
    }

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
