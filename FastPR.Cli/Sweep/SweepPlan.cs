using System.CommandLine;
using FastPR.Core;

namespace FastPR.Cli.Sweep;

/// <summary>A grid point with the simulation it stands for.</summary>
internal sealed record PlannedPoint(SweepPoint Point, SimulationSpec Spec);

/// <summary>
/// Binds every grid point to a validated <see cref="SimulationSpec"/> before anything runs or is written: the point's values are
/// parsed by the same field parsers (Core's RunFields) as the command line and override the base options. Problems with a grid value are reported
/// for --grid and name the point.
/// </summary>
internal static class SweepPlan
{
    public static IReadOnlyList<PlannedPoint> Build(SweepGrid grid, SimulateOptions options, ParseResult baseResult)
    {
        foreach (var axis in grid.Axes)
        {
            if (options.Find(axis.Key) is { } option && SimulateOptions.IsExplicit(baseResult, option))
                throw new UsageException("grid", $"'{axis.Key}' is varied by the grid and also given as --{axis.Key}; give it in one place.");
        }
        var gridKeys = grid.Axes.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        bool threadsGiven = SimulateOptions.IsExplicit(baseResult, options.Threads) || gridKeys.Contains("threads");
        var planned = new List<PlannedPoint>(grid.Count);
        foreach (var point in grid.Points())
        {
            SimulationSpec spec;
            try
            {
                spec = options.Bind(baseResult, point.Assignments);
            }
            catch (RunFieldException ex)
            {
                throw new UsageException("grid", $"point {point.Name}: --{ex.ParamName}: {ExceptionText.WithoutParameterSuffix(ex)}");
            }
            // Points run in parallel, so each point is sequential unless --threads says otherwise.
            if (!threadsGiven) spec = spec with { Threads = 1 };
            try
            {
                spec.Validate();
            }
            catch (ArgumentException ex) when (ex.ParamName is { } name && gridKeys.Contains(ErrorReporting.OptionFor(name)))
            {
                throw new UsageException("grid", $"point {point.Name}: {ExceptionText.WithoutParameterSuffix(ex)}");
            }
            planned.Add(new PlannedPoint(point, spec));
        }
        return planned;
    }
}
