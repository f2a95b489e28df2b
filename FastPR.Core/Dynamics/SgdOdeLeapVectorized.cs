using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastPR.Core;

/// <summary>
/// The O(d) evaluation pass of an sgd-ode leap (<see cref="LogTimeSgdOdeIntegrator"/>), four coordinates at a time with Vector256, as
/// <see cref="LeapVectorized"/> does for the flow: the integrator spends nearly all its time in them, two exponentials per
/// coordinate. The same formulas as the scalar loop. Like <see cref="LeapVectorized"/> it runs on every machine (Vector256
/// emulated where not accelerated) with the lanes' sums reduced in one fixed order, so a leap gives the same bits everywhere. Each
/// returns the count ⌊d/4⌋·4 of coordinates it does; the caller finishes the rest with its scalar loop.
/// </summary>
internal static class SgdOdeLeapVectorized
{
    /// <summary>The frozen per-leap inputs: scalars, closure weight (1 for Wick, 0 for high-dimensional), η/B and the leap h.</summary>
    public readonly record struct Frozen(SgdOdeScalars Scalars, double Wick, double Noise, double H);

    /// <summary>The end state's S₁, U₁ and their derivatives in S̄ and Ū, over the coordinates done.</summary>
    public readonly record struct Sums(double S, double U, double SS, double SU, double US, double UU);

    /// <summary>The leap from (m0, v0) with self-terms at (mFrozen, vFrozen) into (mNext, vNext) (variances clamped at 0), and its sums.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static int Evaluate(in Frozen frozen, ReadOnlySpan<double> lambda, ReadOnlySpan<double> teacher, ReadOnlySpan<double> m0,
        ReadOnlySpan<double> v0, ReadOnlySpan<double> mFrozen, ReadOnlySpan<double> vFrozen, Span<double> mNext, Span<double> vNext, out Sums sums)
    {
        int n = Count(lambda.Length, teacher, m0, v0, mFrozen, vFrozen);
        if (mNext.Length < n || vNext.Length < n) throw new ArgumentException("Buffer sizes do not match.");
        ref double mOut = ref MemoryMarshal.GetReference(mNext);
        ref double vOut = ref MemoryMarshal.GetReference(vNext);
        ref double l0 = ref MemoryMarshal.GetReference(lambda);
        ref double t0 = ref MemoryMarshal.GetReference(teacher);
        ref double mm0 = ref MemoryMarshal.GetReference(m0);
        ref double vv0 = ref MemoryMarshal.GetReference(v0);
        ref double mf0 = ref MemoryMarshal.GetReference(mFrozen);
        ref double vf0 = ref MemoryMarshal.GetReference(vFrozen);
        var k = frozen.Scalars;
        var p = new Coefficients(frozen);
        var kS = new Drive(k.K0S, k.KqS, k.KmS, k.KtS, frozen);
        var kU = new Drive(k.K0U, k.KqU, k.KmU, k.KtU, frozen);
        var minus12 = Vector256.Create(-12.0);
        var minus24 = Vector256.Create(-24.0);
        var eight = Vector256.Create(8.0);
        var two = Vector256.Create(2.0);
        Vector256<double> s = default, u = default, sS = default, sU = default, uS = default, uU = default;
        for (int i = 0; i < n; i += Vector256<double>.Count)
        {
            var l = Vector256.LoadUnsafe(ref l0, (nuint)i);
            var t = Vector256.LoadUnsafe(ref t0, (nuint)i);
            var mf = Vector256.LoadUnsafe(ref mf0, (nuint)i);
            var vf = Vector256.LoadUnsafe(ref vf0, (nuint)i);
            var mi = Vector256.LoadUnsafe(ref mm0, (nuint)i);
            var vi = Vector256.LoadUnsafe(ref vv0, (nuint)i);
            var (a, b, c, f, q, ll) = p.Of(l, t, mf, vf);
            var (ea, pa, dea, dpa) = p.Linear(a);
            var m1 = ea * mi + b * pa;
            var m1S = (dea * mi + b * dpa) * (minus12 * l);
            var m1U = eight * l * t * pa;
            var fS = kS.Of(l, ll, q, mf, t);
            var fU = kU.Of(l, ll, q, mf, t);
            var (ec, pc, dec, dpc) = p.Linear(c);
            // As the scalar loop: rounding near the optimum can push a vanishing variance below 0.
            var v1 = Vector256.Max(Vector256<double>.Zero, ec * vi + f * pc);
            var v1S = (dec * vi + f * dpc) * (minus24 * l) + pc * fS;
            var v1U = pc * fU;
            m1.StoreUnsafe(ref mOut, (nuint)i);
            v1.StoreUnsafe(ref vOut, (nuint)i);
            s += l * (m1 * m1 + v1);
            u += l * m1 * t;
            sS += l * (two * m1 * m1S + v1S);
            sU += l * (two * m1 * m1U + v1U);
            uS += l * t * m1S;
            uU += l * t * m1U;
        }
        sums = new Sums(LeapVectorized.Sum(s), LeapVectorized.Sum(u), LeapVectorized.Sum(sS), LeapVectorized.Sum(sU), LeapVectorized.Sum(uS), LeapVectorized.Sum(uU));
        return n;
    }

    private static int Count(int d, ReadOnlySpan<double> teacher, ReadOnlySpan<double> m0, ReadOnlySpan<double> v0, ReadOnlySpan<double> mFrozen,
        ReadOnlySpan<double> vFrozen)
    {
        int n = d - d % Vector256<double>.Count;
        if (teacher.Length < n || m0.Length < n || v0.Length < n || mFrozen.Length < n || vFrozen.Length < n)
            throw new ArgumentException("Buffer sizes do not match.");
        return n;
    }

    /// <summary>The per-coordinate rates and drives of a leap, as the scalar loops of <see cref="LogTimeSgdOdeIntegrator"/> form them.</summary>
    private readonly struct Coefficients(in Frozen frozen)
    {
        private readonly Vector256<double> _alpha = Vector256.Create(frozen.Scalars.Alpha), _beta = Vector256.Create(frozen.Scalars.Beta);
        private readonly Vector256<double> _wick = Vector256.Create(frozen.Wick), _h = Vector256.Create(frozen.H);
        private readonly Drive _drive = new(frozen.Scalars.K0, frozen.Scalars.Kq, frozen.Scalars.Km, frozen.Scalars.Kt, frozen);

        /// <summary>The mean's rate a and drive b, the variance's rate c and injection f, with q = m_f² + v_f and the closure's λ².</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (Vector256<double> A, Vector256<double> B, Vector256<double> C, Vector256<double> F, Vector256<double> Q, Vector256<double> LL) Of(
            Vector256<double> l, Vector256<double> t, Vector256<double> mf, Vector256<double> vf)
        {
            var a = l * (_alpha - _wick * Vector256.Create(24.0) * l * vf);
            var b = l * _beta * t;
            var c = Vector256.Create(2.0) * l * _alpha + _wick * l * l * (Vector256.Create(16.0) * t * t - Vector256.Create(48.0) * (vf + mf * mf));
            var q = mf * mf + vf;
            var ll = _wick * l * l;
            return (a, b, c, _drive.Of(l, ll, q, mf, t), q, ll);
        }

        /// <summary>x' = rate·x + f over h: e^{rate·h}, hφ(rate·h) and their derivatives in the rate (as <see cref="FlowCoefficients"/> at λ = 1).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (Vector256<double> Growth, Vector256<double> Drive, Vector256<double> GrowthSlope, Vector256<double> DriveSlope) Linear(
            Vector256<double> rate)
        {
            var x = _h * rate;
            var (e, phi, psi, small) = VectorExp.WithRelative(x);
            // Divided, not multiplied by 1/x: the scalar path's rounding (FlowCoefficients).
            var slope = Vector256.ConditionalSelect(small, phi - psi, (e - phi) / x);
            return (e, _h * phi, _h * e, _h * _h * slope);
        }
    }

    /// <summary>η/B·(λK0 + λ²(q Kq + m w* Km + w*² Kt)) for one set of K's (the drive itself or one of its derivatives).</summary>
    private readonly struct Drive(double k0, double kq, double km, double kt, in Frozen frozen)
    {
        private readonly Vector256<double> _k0 = Vector256.Create(k0), _kq = Vector256.Create(kq), _km = Vector256.Create(km), _kt = Vector256.Create(kt);
        private readonly Vector256<double> _noise = Vector256.Create(frozen.Noise);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> Of(Vector256<double> l, Vector256<double> ll, Vector256<double> q, Vector256<double> mf, Vector256<double> t) =>
            _noise * (l * _k0 + ll * (q * _kq + mf * t * _km + t * t * _kt));
    }
}
