namespace FastPR.Core;

/// <summary>
/// Per-coordinate coefficients of a frozen-scalar leap, w_i ← growth·w_i + β·drive·w*_i, and their α-derivatives (for the
/// Newton Jacobian of the self-consistent leap; they need only be accurate enough for Newton to converge, the fixed point
/// itself depends on growth and drive alone). A struct constraint lets the JIT specialise the shared solver without virtual calls.
/// </summary>
internal interface ILeapCoefficients
{
    /// <summary>growth, drive and their α-derivatives for eigenvalue λ under frozen α; non-finite when the leap is not representable.</summary>
    void Compute(double lambda, double alpha, out double growth, out double drive, out double growthSlope, out double driveSlope);
}

/// <summary>Gradient flow over time h: growth = e^{λαh}, drive = (e^{λαh} − 1)/α = λh·φ(λαh).</summary>
internal readonly struct FlowCoefficients(double h) : ILeapCoefficients
{
    /// <summary>The leap length h.</summary>
    public double H => h;

    public void Compute(double lambda, double alpha, out double growth, out double drive, out double growthSlope, out double driveSlope)
    {
        double lh = lambda * h, x = lh * alpha;
        double e = SpecialFunctions.ExpWithRelative(x, out double phi, out double psi);
        // φ' = φ − ψ below |x| = 1/2, (eˣ − φ)/x above (neither cancels there).
        double phiSlope = Math.Abs(x) < SpecialFunctions.ExpRelativeSeriesLimit ? phi - psi : (e - phi) / x;
        growth = e;
        drive = lh * phi;
        growthSlope = lh * e;
        driveSlope = lh * lh * phiSlope;
    }
}

/// <summary>
/// n population-GD steps of size η: growth = r^n with r = 1 + ηλα, drive = (r^n − 1)/α = nηλ·φ(n ln r)·(ln r)/(ηλα).
/// r^n is taken as exp(n·log1p(ηλα)), which needs r &gt; 0; otherwise (n &gt; 1) the coefficients are NaN and the caller splits the leap.
/// For n = 1 the coefficients are the plain GD step (growth = r, drive = ηλ) for any r.
/// </summary>
internal readonly struct GdCoefficients(double eta, long steps) : ILeapCoefficients
{
    /// <summary>The step size η.</summary>
    public double Eta => eta;
    /// <summary>The steps n of the leap.</summary>
    public long Steps => steps;

    public void Compute(double lambda, double alpha, out double growth, out double drive, out double growthSlope, out double driveSlope)
    {
        double el = eta * lambda, z = el * alpha;
        if (steps == 1)
        {
            growth = 1 + z;
            drive = el;
            growthSlope = el;
            driveSlope = 0;
            return;
        }
        if (z <= -1)
        {
            growth = drive = growthSlope = driveSlope = double.NaN;
            return;
        }
        double logRelative = SpecialFunctions.Log1pRelative(z);
        double y = steps * z * logRelative;
        double e = SpecialFunctions.ExpWithRelative(y, out double phi, out _);
        growth = e;
        drive = steps * el * phi * logRelative;
        growthSlope = e * steps * el / (1 + z);
        // d/dα (r^n − 1)/α = (growthSlope − drive)/α, replaced by its α → 0 limit n(n − 1)(ηλ)²/2 where that would cancel.
        driveSlope = Math.Abs(y) < 1e-4 ? 0.5 * steps * (steps - 1.0) * el * el : (growthSlope - drive) / alpha;
    }
}
