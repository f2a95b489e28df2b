using FastPR.Core;
using ScottPlot;
using SkiaSharp;

namespace FastPR.Cli.Output;

/// <summary>
/// plot.png: MSE, 1 − |u|, s and |u| against t on log-log axes, with the phase boundaries, the theory overlays (the escape line
/// |c|·e^{ρt}, a −(1 − 1/a) slope guide, the Phase III prediction) and, for ensembles, 5%–95% bands.
/// Log axes are drawn as log10 of the data with decade ticks; non-positive values are left out.
/// </summary>
internal static class PlotRenderer
{
    /// <summary>Image width in pixels.</summary>
    public const int Width = 1000;
    /// <summary>Image height in pixels.</summary>
    public const int Height = 700;

    private const double Floor = 1e-10; // lowest value drawn: keeps the phases readable (the flow reaches rounding level late in Phase III)

    private static readonly (string Name, Statistic Statistic, bool Absolute, Color Color)[] Series =
    [
        ("MSE", Statistic.Mse, false, Color.FromHex("#1f77b4")),
        ("1 − |u|", Statistic.OneMinusU, false, Color.FromHex("#ff7f0e")),
        ("s", Statistic.S, false, Color.FromHex("#2ca02c")),
        ("|u|", Statistic.U, true, Color.FromHex("#d62728")),
    ];

    private static Task? s_warmUp;

    /// <summary>
    /// Starts, on a thread of its own, what a process pays once before its first plot (loading SkiaSharp and relocating it,
    /// ScottPlot's font lookup, faulting in their code), so that it overlaps the run instead of following it. Rendering waits for
    /// it. Not a pool thread: with one worker per core the pool would queue it behind MKL's load or the run's prediction.
    /// </summary>
    /// <param name="first">Runs first on the same thread (other warm-ups that must not overlap this one).</param>
    public static void WarmUpInBackground(Action? first = null) => s_warmUp ??= Task.Factory.StartNew(() =>
    {
        first?.Invoke();
        try
        {
            var plot = new Plot();
            plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 });
            plot.Title("t");
            Png(plot, 64, 48);
        }
        catch (Exception)
        {
            // Only a warm-up: the real rendering meets and reports the same problem.
        }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The plot of one simulation, as PNG bytes.</summary>
    public static byte[] Trajectory(SimulationResult result, string title) => Render([(result, "")], title);

    /// <summary>Several simulations of one problem on shared axes (first solid, then dashed), as PNG bytes.</summary>
    public static byte[] Combined(IReadOnlyList<(SimulationResult Result, string Label)> runs, string title) => Render(runs, title);

    private static byte[] Render(IReadOnlyList<(SimulationResult Result, string Label)> runs, string title)
    {
        s_warmUp?.Wait();
        var plot = new Plot();
        var bounds = new Bounds();
        for (int r = 0; r < runs.Count; r++)
        {
            var (result, label) = runs[r];
            string prefix = label.Length > 0 ? label + ": " : "";
            var pattern = r == 0 ? LinePattern.Solid : LinePattern.Dashed;
            if (result.Ensemble is not null) AddBands(plot, result, bounds);
            foreach (var (name, statistic, absolute, color) in Series)
            {
                var (xs, ys) = LogPoints(result.Trajectory, s => absolute ? Math.Abs(s.Get(statistic)) : s.Get(statistic));
                if (xs.Length == 0) continue;
                bounds.Include(xs, ys);
                var line = plot.Add.ScatterLine(xs, ys, color);
                line.LineWidth = 2;
                line.LinePattern = pattern;
                line.LegendText = prefix + name + (result.Ensemble is not null ? " (mean, 5–95% band)" : "");
            }
        }
        var primary = runs[0].Result;
        AddTheory(plot, primary, bounds);
        Style(plot, title, bounds);
        AddPhases(plot, primary, bounds);
        AddSchedule(plot, primary, bounds);
        return Png(plot, Width, Height);
    }

    // ScottPlot's own PNG export lets libpng try every row filter at zlib level 6: 27 ms for this 1000×700 plot, 21 of them
    // encoding. The Up filter at level 3 encodes it in about 5 ms for a file about 20% larger (measured on AMD EPYC Zen 4).
    private static byte[] Png(Plot plot, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height))
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {width}×{height} surface.");
        plot.Render(surface.Canvas, width, height);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 3))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the plot as PNG.");
        return png.ToArray();
    }

    private static void AddBands(Plot plot, SimulationResult result, Bounds bounds)
    {
        var ensemble = result.Ensemble!;
        foreach (var (_, statistic, absolute, color) in Series)
        {
            var xs = new List<double>();
            var lows = new List<double>();
            var highs = new List<double>();
            for (int c = 0; c < ensemble.RecordCount; c++)
            {
                var band = ensemble.Get(c, statistic);
                double t = ensemble.Times[c];
                double lo = band.Q05, hi = band.Q95;
                if (absolute && lo < 0 && hi <= 0) (lo, hi) = (-hi, -lo);
                if (band.Count == 0 || !(t > 0) || !(lo > Floor) || !(hi > Floor) || !double.IsFinite(hi)) continue;
                xs.Add(Math.Log10(t));
                lows.Add(Math.Log10(lo));
                highs.Add(Math.Log10(hi));
            }
            if (xs.Count < 2) continue;
            bounds.Include(xs, lows);
            bounds.Include(xs, highs);
            var fill = plot.Add.FillY(xs.ToArray(), lows.ToArray(), highs.ToArray());
            fill.FillColor = color.WithAlpha(0.18);
            fill.LineWidth = 0;
        }
    }

    private static void AddTheory(Plot plot, SimulationResult result, Bounds bounds)
    {
        var theory = result.Analysis.Theory;
        var trajectory = result.Trajectory;
        double tFirst = trajectory.Select(s => s.Time).FirstOrDefault(t => t > 0);
        double tLast = trajectory.Length > 0 ? trajectory[^1].Time : 0;
        if (!(tFirst > 0) || !(tLast > tFirst)) return;

        // Phase I: |u| ≈ |c|·e^{ρt}, drawn until it reaches 1.
        if (theory.Rho is double rho && theory.C is double c && c != 0)
        {
            double tEnd = Math.Min(tLast, Math.Log(1 / Math.Abs(c)) / rho);
            if (tEnd > tFirst)
            {
                var xs = LogRange(tFirst, tEnd, 60);
                var ys = xs.Select(x => Math.Log10(Math.Abs(c)) + rho * Math.Pow(10, x) / Math.Log(10)).ToArray();
                var line = plot.Add.ScatterLine(xs, ys, Colors.Black);
                line.LineWidth = 1.5f;
                line.LinePattern = LinePattern.Dotted;
                line.LegendText = $"|c|·e^(ρt), ρ = {rho:G3}";
            }
        }

        // Phase IIb: a −(1 − 1/a) guide through 1 − |u| where the residual fit starts (or at T2).
        if (theory.TeacherAveragedExponent is double slope)
        {
            double? anchor = result.Analysis.ResidualDecay?.Measured.WindowStart ?? result.Analysis.Phases.Convergence;
            if (anchor is double t0 && t0 > 0 && t0 < tLast)
            {
                var at = trajectory.FirstOrDefault(s => s.Time >= t0);
                if (at.OneMinusAbsU > Floor)
                {
                    double t1 = Math.Min(tLast, t0 * 1e3);
                    double x0 = Math.Log10(t0), x1 = Math.Log10(t1), y0 = Math.Log10(at.OneMinusAbsU) + 0.3; // offset so it does not hide the data
                    var guide = plot.Add.ScatterLine(new[] { x0, x1 }, new[] { y0, y0 + slope * (x1 - x0) }, Colors.Gray);
                    guide.LineWidth = 1.5f;
                    guide.LinePattern = LinePattern.Dashed;
                    guide.LegendText = $"slope −(1 − 1/a) = {slope:G3}";
                }
            }
        }

        // Phase III: the predicted MSE from the state where Phase III began.
        if (result.Analysis.PhaseThree is { } curve)
        {
            var (xs, ys) = LogPoints(curve.Times, curve.PredictedMse);
            if (xs.Length > 1)
            {
                bounds.Include(xs, ys);
                var line = plot.Add.ScatterLine(xs, ys, Colors.Purple);
                line.LineWidth = 2;
                line.LinePattern = LinePattern.Dotted;
                line.LegendText = "Phase III prediction (MSE)";
            }
        }
    }

    private static void AddPhases(Plot plot, SimulationResult result, Bounds bounds)
    {
        var phases = result.Analysis.Phases;
        double top = Math.Max(bounds.YMax, 0) + 0.15;
        foreach (var (time, label) in new[] { (phases.Escape, "T1"), (phases.SCrossing, "T1′"), (phases.Convergence, "T2"), (phases.PhaseThree, "III") })
        {
            if (time is not double t || !(t > 0)) continue;
            double x = Math.Log10(t);
            plot.Add.VerticalLine(x, 1, Colors.DimGray, LinePattern.Dotted);
            var text = plot.Add.Text(label, x, top);
            text.LabelFontSize = 13;
            text.LabelFontColor = Colors.DimGray;
            text.LabelAlignment = Alignment.MiddleLeft;
        }
    }

    /// <summary>A schedule's η(t)/η₀ on the right axis (linear), over the plot's log-t range (docs/MODEL.md §3.9).</summary>
    private static void AddSchedule(Plot plot, SimulationResult result, Bounds bounds)
    {
        if (result.Spec.NewClock() is not { } clock || !bounds.IsSet) return;
        double[] xs = LogRange(Math.Pow(10, bounds.XMin), Math.Pow(10, bounds.XMax), 400);
        double[] ys = [.. xs.Select(x => clock.StepSizeAt(Math.Pow(10, x)) / clock.Eta0)];
        var line = plot.Add.ScatterLine(xs, ys, Colors.DarkOrange);
        line.LineWidth = 1.5f;
        line.LinePattern = LinePattern.DenselyDashed;
        line.Axes.YAxis = plot.Axes.Right;
        line.LegendText = $"η(t)/η₀, right axis ({result.Spec.Schedule})";
        plot.Axes.Right.Label.Text = "η(t)/η₀";
        plot.Axes.SetLimitsY(0, Math.Max(1, ys.Max()) * 1.05, plot.Axes.Right);
    }

    private static void Style(Plot plot, string title, Bounds bounds)
    {
        plot.Title(title);
        plot.XLabel("t");
        plot.YLabel("value");
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = true,
                LabelFormatter = PowerOfTen,
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            };
        }
        if (bounds.IsSet)
        {
            plot.Axes.SetLimits(bounds.XMin, bounds.XMax, Math.Max(bounds.YMin, Math.Log10(Floor)) - 0.2, Math.Max(bounds.YMax, 0) + 0.35);
        }
        plot.ShowLegend(Alignment.LowerLeft);
    }

    private static (double[] X, double[] Y) LogPoints(IReadOnlyList<Snapshot> trajectory, Func<Snapshot, double> value) =>
        LogPoints(trajectory.Select(s => s.Time).ToArray(), trajectory.Select(value).ToArray());

    private static (double[] X, double[] Y) LogPoints(IReadOnlyList<double> t, IReadOnlyList<double> y)
    {
        var xs = new List<double>(t.Count);
        var ys = new List<double>(t.Count);
        for (int k = 0; k < t.Count; k++)
        {
            if (t[k] > 0 && y[k] > Floor && double.IsFinite(y[k]))
            {
                xs.Add(Math.Log10(t[k]));
                ys.Add(Math.Log10(y[k]));
            }
        }
        return (xs.ToArray(), ys.ToArray());
    }

    private static double[] LogRange(double from, double to, int count)
    {
        double a = Math.Log10(from), b = Math.Log10(to);
        return Enumerable.Range(0, count).Select(k => a + (b - a) * k / (count - 1)).ToArray();
    }

    private static string PowerOfTen(double exponent)
    {
        int k = (int)Math.Round(exponent);
        const string superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        string digits = string.Concat(Math.Abs(k).ToString(System.Globalization.CultureInfo.InvariantCulture).Select(ch => superscripts[ch - '0']));
        return "10" + (k < 0 ? "⁻" : "") + digits;
    }

    /// <summary>The data range in log10 coordinates.</summary>
    private sealed class Bounds
    {
        public double XMin = double.PositiveInfinity, XMax = double.NegativeInfinity, YMin = double.PositiveInfinity, YMax = double.NegativeInfinity;
        public bool IsSet => XMin < XMax && YMin <= YMax;

        public void Include(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
        {
            for (int k = 0; k < xs.Count; k++)
            {
                XMin = Math.Min(XMin, xs[k]);
                XMax = Math.Max(XMax, xs[k]);
                YMin = Math.Min(YMin, ys[k]);
                YMax = Math.Max(YMax, ys[k]);
            }
        }
    }
}
