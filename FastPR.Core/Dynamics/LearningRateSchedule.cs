using System.Globalization;

namespace FastPR.Core;

/// <summary>The forms of a <see cref="LearningRateSchedule"/>.</summary>
public enum ScheduleKind
{
    /// <summary>η(t) = η₀ (the default).</summary>
    Constant,
    /// <summary>Linear warm-up, then a half cosine from η₀ down to final·η₀; shaped by the fraction of the run's steps.</summary>
    Cosine,
    /// <summary>Warm-up, stable at η₀, decay to final·η₀ (linear, cosine or sqrt); shaped by the fraction of the run's steps.</summary>
    Wsd,
    /// <summary>Factors of η₀ from given times t on.</summary>
    Step,
    /// <summary>η₀/(1 + t/t₀)^β.</summary>
    Power,
    /// <summary>(t, η) pairs, piecewise constant or linear in t; η is absolute (η₀ only converts --time to steps).</summary>
    Pairs,
}

/// <summary>How a <see cref="ScheduleKind.Wsd"/> schedule decays, as a function of the decay's progress q ∈ [0, 1].</summary>
public enum DecayShape
{
    /// <summary>1 − q.</summary>
    Linear,
    /// <summary>(1 + cos πq)/2.</summary>
    Cosine,
    /// <summary>1 − √q.</summary>
    Sqrt,
}

/// <summary>
/// A learning-rate schedule η(t) = η₀·factor (docs/MODEL.md §3.9), immutable. The shaped forms (cosine, wsd) are functions of the
/// fraction p of the run's N steps, evaluated at the middle of each step; step, power and pairs are functions of the time t, the sum
/// of the step sizes taken. A run with a non-constant schedule takes N steps: --steps N, or N = ⌈T/η₀⌉ for --time T (the compute of a
/// constant-η₀ run to T). <see cref="Parse"/> reads the canonical text (<see cref="ToString"/>), which is also what checkpoints,
/// summaries and sweep grids store, so a file of pairs is kept inline and a resume needs no file.
/// </summary>
public sealed class LearningRateSchedule : IEquatable<LearningRateSchedule>
{
    private readonly double[] _times;   // step: switch times; pairs: the times
    private readonly double[] _values;  // step: factors; pairs: η

    private LearningRateSchedule(ScheduleKind kind, double warmup = 0, double stable = 0, double decay = 0, double final = 0,
        DecayShape shape = DecayShape.Linear, double t0 = 1, double beta = 0, double[]? times = null, double[]? values = null, bool linear = false)
    {
        Kind = kind;
        Warmup = warmup;
        Stable = stable;
        Decay = decay;
        Final = final;
        Shape = shape;
        T0 = t0;
        Beta = beta;
        _times = times ?? [];
        _values = values ?? [];
        Linear = linear;
        Text = Canonical();
    }

    /// <summary>The constant schedule: every step η₀, today's bytes.</summary>
    public static LearningRateSchedule Constant { get; } = new(ScheduleKind.Constant);

    /// <summary>The form.</summary>
    public ScheduleKind Kind { get; }
    /// <summary>Warm-up fraction of the run's steps (cosine, wsd): η rises linearly from 0.</summary>
    public double Warmup { get; }
    /// <summary>Stable fraction (wsd).</summary>
    public double Stable { get; }
    /// <summary>Decay fraction (wsd; cosine decays over all steps after the warm-up).</summary>
    public double Decay { get; }
    /// <summary>The final factor of η₀ (cosine, wsd).</summary>
    public double Final { get; }
    /// <summary>The decay's shape (wsd).</summary>
    public DecayShape Shape { get; }
    /// <summary>t₀ of the power form.</summary>
    public double T0 { get; }
    /// <summary>β of the power form.</summary>
    public double Beta { get; }
    /// <summary>Whether pairs are interpolated linearly (otherwise piecewise constant).</summary>
    public bool Linear { get; }
    /// <summary>The step form's switch times, or the pairs' times.</summary>
    public IReadOnlyList<double> Times => _times;
    /// <summary>The step form's factors, or the pairs' η.</summary>
    public IReadOnlyList<double> Values => _values;
    /// <summary>Whether η is η₀ at every step.</summary>
    public bool IsConstant => Kind == ScheduleKind.Constant;
    /// <summary>Whether the form is shaped by the fraction of the run's steps (cosine, wsd) rather than by t.</summary>
    public bool IsShapedBySteps => Kind is ScheduleKind.Cosine or ScheduleKind.Wsd;
    /// <summary>The canonical text, which <see cref="Parse"/> reads back to an equal schedule.</summary>
    public string Text { get; }

    /// <summary>
    /// Reads <c>constant</c>, <c>cosine[:warmup=W,final=F]</c>, <c>wsd:warmup=W,stable=S[,decay=D][,shape=linear|cosine|sqrt][,final=F]</c>,
    /// <c>step:t1=f1,t2=f2,…</c>, <c>power:t0=T,beta=B</c> or <c>pairs:constant|linear:t1=η1,t2=η2,…</c>. Throws an
    /// <see cref="ArgumentException"/> (ParamName "schedule") with one line when the text is not a valid schedule. Sweep grids, whose
    /// values are letters, digits and . - + _, spell the same with '_' between every word and number: <c>wsd_warmup_0.05_stable_0.75</c>,
    /// <c>step_100_0.5_200_0.1</c>, <c>pairs_linear_0_1e-3_100_5e-4</c>.
    /// </summary>
    public static LearningRateSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        if (!trimmed.Contains(':', StringComparison.Ordinal) && trimmed.Contains('_', StringComparison.Ordinal)) trimmed = FromGridSpelling(trimmed);
        int colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        string name = (colon < 0 ? trimmed : trimmed[..colon]).ToLowerInvariant();
        string rest = colon < 0 ? "" : trimmed[(colon + 1)..];
        switch (name)
        {
            case "constant":
                if (rest.Length > 0) throw Bad("constant takes no parameters.");
                return Constant;
            case "cosine":
                {
                    var p = Keys(rest, "warmup", "final");
                    double warmup = Fraction(p, "warmup", 0), final = Factor(p, "final", 0);
                    if (warmup >= 1) throw Bad($"the warm-up ({Show(warmup)} of the steps) is as long as the run or longer.");
                    return new LearningRateSchedule(ScheduleKind.Cosine, warmup: warmup, decay: 1 - warmup, final: final);
                }
            case "wsd":
                {
                    var p = Keys(rest, "warmup", "stable", "decay", "shape", "final");
                    double warmup = Fraction(p, "warmup", 0), stable = Fraction(p, "stable", double.NaN);
                    if (double.IsNaN(stable)) throw Bad("wsd needs stable=FRACTION (and optionally warmup, decay, shape, final).");
                    double decay = Fraction(p, "decay", Math.Max(0, Math.Round(1 - warmup - stable, 12)));
                    if (warmup > 1) throw Bad($"the warm-up ({Show(warmup)} of the steps) is longer than the run.");
                    if (warmup + stable + decay > 1 + 1e-12)
                        throw Bad($"warmup + stable + decay = {Show(warmup + stable + decay)} exceeds the run (fractions of its steps sum to at most 1).");
                    DecayShape shape = DecayShape.Linear;
                    if (p.TryGetValue("shape", out string? s))
                    {
                        shape = s.ToLowerInvariant() switch
                        {
                            "linear" => DecayShape.Linear,
                            "cosine" => DecayShape.Cosine,
                            "sqrt" => DecayShape.Sqrt,
                            _ => throw Bad($"unknown decay shape '{s}' (allowed: linear, cosine, sqrt)."),
                        };
                    }
                    return new LearningRateSchedule(ScheduleKind.Wsd, warmup, stable, decay, Factor(p, "final", 0), shape);
                }
            case "power":
                {
                    var p = Keys(rest, "t0", "beta");
                    double t0 = Number(p, "t0", double.NaN), beta = Number(p, "beta", double.NaN);
                    if (!(t0 > 0) || !double.IsFinite(t0)) throw Bad("power needs t0 finite and > 0 (power:t0=T,beta=B).");
                    if (!(beta >= 0) || !double.IsFinite(beta)) throw Bad("power needs beta finite and ≥ 0 (power:t0=T,beta=B).");
                    return new LearningRateSchedule(ScheduleKind.Power, t0: t0, beta: beta);
                }
            case "step":
                {
                    var (times, factors) = PairList(rest, "step", "factor");
                    return new LearningRateSchedule(ScheduleKind.Step, times: times, values: factors);
                }
            case "pairs":
                {
                    int second = rest.IndexOf(':', StringComparison.Ordinal);
                    string mode = second < 0 ? "" : rest[..second].ToLowerInvariant();
                    if (mode is not ("constant" or "linear")) throw Bad("pairs needs its interpolation first: pairs:constant:t=η,… or pairs:linear:t=η,….");
                    var (times, etas) = PairList(rest[(second + 1)..], "pairs", "η");
                    return FromPairs(times, etas, mode == "linear");
                }
            default:
                throw Bad($"unknown schedule '{name}' (allowed: constant, cosine, wsd, step, power, pairs, or a file of (t, η) pairs on the command line).");
        }
    }

    /// <summary>
    /// A schedule of (t, η) pairs, piecewise constant (η_i on [t_i, t_{i+1})) or linear between them, η₁ before t₁ and the last η
    /// after the last time. Times must be finite, ≥ 0 and increasing; every η finite and &gt; 0.
    /// </summary>
    public static LearningRateSchedule FromPairs(IReadOnlyList<double> times, IReadOnlyList<double> etas, bool linear)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(etas);
        if (times.Count == 0 || times.Count != etas.Count) throw Bad("a schedule of pairs needs at least one (t, η) pair.");
        var t = times.ToArray();
        var e = etas.ToArray();
        CheckTimes(t);
        foreach (double eta in e)
            if (!double.IsFinite(eta) || eta <= 0) throw Bad($"every η must be finite and > 0 (got {Show(eta)}).");
        return new LearningRateSchedule(ScheduleKind.Pairs, times: t, values: e, linear: linear);
    }

    /// <summary>
    /// The step size of step <paramref name="step"/> (0-based) of a run of <paramref name="totalSteps"/> steps, taken at time
    /// <paramref name="time"/>; a step of <paramref name="stride"/> SGD steps (the sgd-sde) is shaped at its middle.
    /// </summary>
    public double StepSize(double eta0, long step, long totalSteps, double time, int stride = 1) =>
        IsShapedBySteps ? eta0 * FactorAtFraction((step + 0.5 * stride) / Math.Max(totalSteps, 1)) : StepSizeAtTime(eta0, time);

    /// <summary>η at time t for the forms in t (step, power, pairs); η₀ for constant.</summary>
    internal double StepSizeAtTime(double eta0, double t)
    {
        switch (Kind)
        {
            case ScheduleKind.Power:
                return eta0 / Math.Pow(1 + t / T0, Beta);
            case ScheduleKind.Step:
                {
                    double factor = 1;
                    for (int i = 0; i < _times.Length && t >= _times[i]; i++) factor = _values[i];
                    return eta0 * factor;
                }
            case ScheduleKind.Pairs:
                {
                    int i = Segment(t);
                    if (i < 0) return _values[0];
                    if (!Linear || i == _times.Length - 1) return _values[i];
                    double q = (t - _times[i]) / (_times[i + 1] - _times[i]);
                    return _values[i] + q * (_values[i + 1] - _values[i]);
                }
            default:
                return eta0;
        }
    }

    /// <summary>The factor of η₀ at fraction p ∈ [0, 1] of the steps (cosine, wsd).</summary>
    internal double FactorAtFraction(double p)
    {
        if (p < Warmup) return p / Warmup;
        if (Kind == ScheduleKind.Cosine)
        {
            double q = Math.Min(1, (p - Warmup) / Decay);
            return Final + (1 - Final) * 0.5 * (1 + Math.Cos(Math.PI * q));
        }
        if (p < Warmup + Stable) return 1;
        if (Decay <= 0) return Final;
        double x = Math.Min(1, (p - Warmup - Stable) / Decay);
        double shape = Shape switch
        {
            DecayShape.Linear => 1 - x,
            DecayShape.Cosine => 0.5 * (1 + Math.Cos(Math.PI * x)),
            _ => 1 - Math.Sqrt(x),
        };
        return Final + (1 - Final) * shape;
    }

    /// <summary>∫₀^p factor(q) dq (cosine, wsd): N·η₀ times it is the time at fraction p in the continuum limit.</summary>
    internal double IntegralToFraction(double p)
    {
        double w = Warmup;
        if (p <= w) return w > 0 ? p * p / (2 * w) : 0;
        double f = w / 2;
        if (Kind == ScheduleKind.Cosine)
        {
            double q = Math.Min(1, (p - w) / Decay);
            return f + Decay * (Final * q + (1 - Final) * (q / 2 + Math.Sin(Math.PI * q) / (2 * Math.PI)));
        }
        if (p <= w + Stable) return f + (p - w);
        f += Stable;
        double x = Decay > 0 ? Math.Min(1, (p - w - Stable) / Decay) : 1;
        double shape = Shape switch
        {
            DecayShape.Linear => x - x * x / 2,
            DecayShape.Cosine => x / 2 + Math.Sin(Math.PI * x) / (2 * Math.PI),
            _ => x - 2.0 / 3 * x * Math.Sqrt(x),
        };
        f += Decay * (Final * x + (1 - Final) * shape);
        return f + Math.Max(0, p - w - Stable - Decay) * Final;
    }

    /// <summary>∫₀^t dt′/η(t′) (step, power, pairs): the steps a run takes to time t in the continuum limit.</summary>
    internal double StepsToTime(double eta0, double t)
    {
        switch (Kind)
        {
            case ScheduleKind.Power:
                return T0 / (eta0 * (Beta + 1)) * (Math.Pow(1 + t / T0, Beta + 1) - 1);
            case ScheduleKind.Step:
                {
                    double steps = 0, from = 0, factor = 1;
                    for (int i = 0; i < _times.Length && _times[i] < t; i++)
                    {
                        steps += (_times[i] - from) / (eta0 * factor);
                        from = _times[i];
                        factor = _values[i];
                    }
                    return steps + (t - from) / (eta0 * factor);
                }
            case ScheduleKind.Pairs:
                {
                    double steps = 0, from = 0;
                    int i = 0;
                    for (; i < _times.Length && _times[i] < t; i++)
                    {
                        steps += SegmentSteps(i - 1, from, _times[i]);
                        from = _times[i];
                    }
                    return steps + SegmentSteps(i - 1, from, t);
                }
            default:
                return t / eta0;
        }
    }

    // Steps over [a, b] inside segment i (−1: before the first time).
    private double SegmentSteps(int i, double a, double b)
    {
        if (b <= a) return 0;
        if (i < 0) return (b - a) / _values[0];
        if (!Linear || i == _times.Length - 1) return (b - a) / _values[i];
        double slope = (_values[i + 1] - _values[i]) / (_times[i + 1] - _times[i]);
        double ea = _values[i] + slope * (a - _times[i]), eb = _values[i] + slope * (b - _times[i]);
        return slope == 0 ? (b - a) / ea : Math.Log(eb / ea) / slope;
    }

    // The last i with times[i] ≤ t, or −1.
    private int Segment(double t)
    {
        int i = -1;
        while (i + 1 < _times.Length && _times[i + 1] <= t) i++;
        return i;
    }

    /// <summary>The fractions of the steps where the factor has a kink or a jump (cosine, wsd).</summary>
    internal double[] FractionBreakpoints() => Kind switch
    {
        ScheduleKind.Cosine => Warmup > 0 ? [Warmup] : [],
        ScheduleKind.Wsd => [.. new[] { Warmup, Warmup + Stable, Warmup + Stable + Decay }.Where(p => p > 0 && p < 1).Distinct()],
        _ => [],
    };

    /// <summary>The times where η(t) has a kink or a jump (step, pairs).</summary>
    internal double[] TimeBreakpoints() => Kind is ScheduleKind.Step or ScheduleKind.Pairs ? [.. _times.Where(t => t > 0)] : [];

    /// <inheritdoc />
    public override string ToString() => Text;

    /// <inheritdoc />
    public bool Equals(LearningRateSchedule? other) => other is not null && other.Text == Text;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as LearningRateSchedule);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);

    private string Canonical()
    {
        static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
        string Pairs() => string.Join(',', _times.Select((t, i) => R(t) + "=" + R(_values[i])));
        return Kind switch
        {
            ScheduleKind.Constant => "constant",
            ScheduleKind.Cosine => $"cosine:warmup={R(Warmup)},final={R(Final)}",
            ScheduleKind.Wsd => $"wsd:warmup={R(Warmup)},stable={R(Stable)},decay={R(Decay)},shape={Shape.ToString().ToLowerInvariant()},final={R(Final)}",
            ScheduleKind.Power => $"power:t0={R(T0)},beta={R(Beta)}",
            ScheduleKind.Step => "step:" + Pairs(),
            _ => (Linear ? "pairs:linear:" : "pairs:constant:") + Pairs(),
        };
    }

    // wsd_warmup_0.05_stable_0.75 → wsd:warmup=0.05,stable=0.75; pairs_linear_0_1e-3 → pairs:linear:0=1e-3.
    private static string FromGridSpelling(string text)
    {
        string[] words = text.Split('_');
        int first = words[0].Equals("pairs", StringComparison.OrdinalIgnoreCase) ? 2 : 1;
        if (words.Length < first || (words.Length - first) % 2 != 0) throw Bad($"'{text}' is not name_key_value_… (keys and values in pairs).");
        var pairs = Enumerable.Range(0, (words.Length - first) / 2).Select(i => words[first + 2 * i] + "=" + words[first + 2 * i + 1]);
        string head = first == 2 ? words[0] + ":" + words[1] : words[0];
        return head + ":" + string.Join(',', pairs);
    }

    private static Dictionary<string, string> Keys(string text, params string[] allowed)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (text.Length == 0) return result;
        foreach (string part in text.Split(','))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? part.Trim() : part[..eq].Trim();
            if (eq < 0 || !allowed.Contains(key, StringComparer.OrdinalIgnoreCase))
                throw Bad($"'{part.Trim()}' is not one of {string.Join(", ", allowed.Select(a => a + "=…"))}.");
            if (!result.TryAdd(key, part[(eq + 1)..].Trim())) throw Bad($"{key} is given twice.");
        }
        return result;
    }

    private static double Number(Dictionary<string, string> p, string key, double fallback)
    {
        if (!p.TryGetValue(key, out string? text)) return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw Bad($"{key} = '{text}' is not a finite number.");
        return value;
    }

    private static double Fraction(Dictionary<string, string> p, string key, double fallback)
    {
        double value = Number(p, key, fallback);
        if (value < 0) throw Bad($"{key} = {Show(value)} is negative (it is a fraction of the run's steps).");
        if (value > 1) throw Bad($"{key} = {Show(value)} is longer than the run (it is a fraction of the run's steps, at most 1).");
        return value;
    }

    private static double Factor(Dictionary<string, string> p, string key, double fallback)
    {
        double value = Number(p, key, fallback);
        if (value < 0) throw Bad($"{key} = {Show(value)} is negative; η must stay ≥ 0.");
        return value;
    }

    private static (double[] Times, double[] Values) PairList(string text, string form, string what)
    {
        if (text.Trim().Length == 0) throw Bad($"{form} needs t=value pairs (e.g. {form}:100=0.5,200=0.1).");
        var times = new List<double>();
        var values = new List<double>();
        foreach (string part in text.Split(','))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || !double.TryParse(part[..eq], NumberStyles.Float, CultureInfo.InvariantCulture, out double t)
                || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw Bad($"'{part.Trim()}' is not t={what}.");
            if (!double.IsFinite(v) || v <= 0) throw Bad($"{what} = {Show(v)} at t = {Show(t)} must be finite and > 0.");
            times.Add(t);
            values.Add(v);
        }
        var array = times.ToArray();
        CheckTimes(array);
        return (array, values.ToArray());
    }

    private static void CheckTimes(double[] times)
    {
        for (int i = 0; i < times.Length; i++)
        {
            if (!double.IsFinite(times[i]) || times[i] < 0) throw Bad($"time {Show(times[i])} must be finite and ≥ 0.");
            if (i > 0 && times[i] <= times[i - 1]) throw Bad($"times are out of order: {Show(times[i])} after {Show(times[i - 1])}.");
        }
    }

    private static string Show(double x) => x.ToString("G6", CultureInfo.InvariantCulture);

    private static ArgumentException Bad(string message) => new(message, "schedule");
}
