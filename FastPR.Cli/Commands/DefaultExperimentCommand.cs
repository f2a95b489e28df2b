using System.CommandLine;
using FastPR.Cli.Output;
using FastPR.Core;
using Spectre.Console;

namespace FastPR.Cli.Commands;

/// <summary>
/// <c>fastpr</c> with no command: the paper's headline in about a minute on two cores. The gradient flow for a = 2, d = 1000 to
/// T = 10^7 (all three phases) and an online-SGD ensemble (B = 1, η = 10⁻³, 8 seeds) through the end of Phase II, on the same
/// problem; writes results/flow/, results/sgd/ and results/plot.png, and prints predicted against measured values.
/// </summary>
internal static class DefaultExperimentCommand
{
    /// <summary>The experiment's sizes; <see cref="Paper"/> is what <c>fastpr</c> runs, tests use smaller ones.</summary>
    /// <param name="Dimension">d.</param>
    /// <param name="Exponent">a.</param>
    /// <param name="FlowTime">Horizon of the flow.</param>
    /// <param name="SgdTime">Horizon of SGD: past T2(0.05) for every member (T2 ≈ 24 for the flow, 30–95 for single SGD runs at d = 1000).</param>
    /// <param name="Seeds">Ensemble size.</param>
    /// <param name="Records">Records per run.</param>
    internal sealed record Settings(int Dimension, double Exponent, double FlowTime, double SgdTime, int Seeds, int Records)
    {
        public static Settings Paper { get; } = new(1000, 2.0, 1e7, 300, 8, 200);

        public SimulationSpec Flow => new()
        {
            Problem = new ProblemSpec(Dimension, Exponent),
            Algorithm = AlgorithmKind.Flow,
            Time = FlowTime,
            Records = Records,
        };

        public SimulationSpec Sgd => new()
        {
            Problem = new ProblemSpec(Dimension, Exponent),
            Algorithm = AlgorithmKind.Sgd,
            BatchSize = 1,
            LearningRate = 1e-3,
            Time = SgdTime,
            Seeds = Seeds,
            Records = Records,
        };
    }

    public static void Configure(RootCommand root, CliConsole console)
    {
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "results", Description = "Output directory of the default experiment", HelpName = "dir" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar" };
        root.Options.Add(output);
        root.Options.Add(quiet);
        root.SetAction(parse => ErrorReporting.Execute(console, root,
            () => Run(console, parse.GetValue(output)!, parse.GetValue(quiet), Settings.Paper)));
    }

    /// <summary>Runs the experiment into <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(CliConsole console, string output, bool quiet, Settings settings)
    {
        var flowSpec = settings.Flow;
        var sgdSpec = settings.Sgd;
        flowSpec.Validate();
        sgdSpec.Validate();
        string directory = OutputDirectory.Check(output, "out");

        RunOutputs.WarmUpInBackground();
        var flow = ConsoleRendering.WithRunProgress(console, quiet, SimulateCommand.Describe(flowSpec), flowSpec.Horizon,
            progress => Simulator.Run(flowSpec, progress, console.Cancellation));
        RunOutputs.Write(Path.Combine(directory, "flow"), flow);
        if (flow.Status != RunStatus.Completed) return RunOutputs.ExitCode(console, flow, Path.Combine(directory, "flow"));

        var sgd = ConsoleRendering.WithRunProgress(console, quiet, SimulateCommand.Describe(sgdSpec), sgdSpec.Horizon,
            progress => Simulator.Run(sgdSpec, progress, console.Cancellation));
        RunOutputs.Write(Path.Combine(directory, "sgd"), sgd);
        AtomicFile.WriteAllBytes(Path.Combine(directory, RunOutputs.PlotFile), PlotRenderer.Combined(
            [(flow, "flow"), (sgd, $"SGD ({sgdSpec.Seeds} seeds)")],
            $"Gradient flow and online SGD (B = 1, η = 10⁻³), d = {settings.Dimension}, a = {settings.Exponent:G3}"));

        var output2 = ConsoleRendering.Output(console);
        output2.Write(new Rule(Markup.Escape($"d = {settings.Dimension}, a = {settings.Exponent:G3}: theory against the flow and SGD")).LeftJustified());
        output2.Write(ResultTable.PredictedVsMeasured("gradient flow", flow));
        output2.Write(ResultTable.PredictedVsMeasured($"online SGD, mean of {sgdSpec.Seeds} seeds", sgd));
        output2.WriteLine($"Files: {Path.Combine(output, "flow")}{Path.DirectorySeparatorChar}, {Path.Combine(output, "sgd")}{Path.DirectorySeparatorChar} (trajectory.csv, summary.json, plot.png) and {Path.Combine(output, RunOutputs.PlotFile)}");
        return RunOutputs.ExitCode(console, sgd, Path.Combine(directory, "sgd"));
    }
}
