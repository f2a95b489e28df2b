using System.CommandLine;
using FastPR.Cli.Output;
using FastPR.Core.Simulation;

namespace FastPR.Cli.Commands;

/// <summary><c>fastpr simulate</c>: one run or ensemble; writes trajectory.csv, summary.json and plot.png.</summary>
internal static class SimulateCommand
{
    public static Command Create(CliConsole console)
    {
        var options = new SimulateOptions();
        var output = new Option<string>("--out") { DefaultValueFactory = _ => "results/simulate", Description = "Output directory", HelpName = "dir" };
        var json = new Option<bool>("--json") { Description = "Print exactly the summary JSON on stdout and nothing else" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar, estimate or progress lines" };
        var command = new Command("simulate", "Run SGD, population GD or the gradient flow on one problem and compare with theory.");
        options.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(json);
        command.Options.Add(quiet);
        command.SetAction(parse => ErrorReporting.Execute(console, command, () =>
        {
            var spec = options.Bind(parse);
            spec.Validate();
            string directory = OutputDirectory.Check(parse.GetValue(output)!, "out");
            bool created = RunOutputs.WriteRunning(directory, spec);
            SimulationResult result;
            try
            {
                result = ConsoleRendering.WithRunProgress(console, parse.GetValue(quiet), Describe(spec), spec.Horizon,
                    progress => Simulator.Run(spec, progress, console.Cancellation));
            }
            catch
            {
                RunOutputs.RemoveRunning(directory, created);
                throw;
            }
            string summary = RunOutputs.Write(directory, result);
            if (parse.GetValue(json)) console.Out.Write(summary);
            else ConsoleRendering.Write(console, ResultTable.PredictedVsMeasured([("measured", result)]));
            return RunOutputs.ExitCode(console, result, directory);
        }));
        return command;
    }

    /// <summary>The progress-bar label.</summary>
    public static string Describe(SimulationSpec spec) =>
        spec.Algorithm switch
        {
            AlgorithmKind.Sgd => $"SGD, {spec.Seeds} seed(s), {spec.TotalSteps:N0} steps",
            AlgorithmKind.Gd => $"GD, {spec.TotalSteps:N0} steps",
            AlgorithmKind.SgdOde => $"sgd-ode to t = {spec.Horizon:G3}",
            _ => $"flow to t = {spec.Horizon:G3}",
        };
}
