using System.Runtime.InteropServices;
using FastPR.Core;

namespace FastPR.Interop;

/// <summary>fastpr_problem_*: make a problem (power law, or given eigenvalues, teacher and initial point) and read it back.</summary>
internal static unsafe class ProblemExports
{
    internal const string Kind = "problem";

    [UnmanagedCallersOnly(EntryPoint = "fastpr_problem_power_law")]
    public static int PowerLaw(int dimension, double exponent, int normalized, double sigma, int init, ulong problemSeed, nint* problem)
    {
        try
        {
            Buffers.Out(problem, "problem");
            var spec = new ProblemSpec(dimension, exponent, Codes.Flag(normalized, "normalized"), sigma, Codes.Init(init), problemSeed);
            *problem = Handles.Add(new Problem(spec));
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_problem_from_eigenvalues")]
    public static int FromEigenvalues(double* eigenvalues, long dimension, double* teacher, double* initial, int scaleTeacher, double sigma, int init,
        ulong problemSeed, nint* problem)
    {
        try
        {
            Buffers.Out(problem, "problem");
            if (dimension < 1) throw new ArgumentOutOfRangeException("d", dimension, $"d must be ≥ 1 (got {dimension}).");
            double[] lambda = Buffers.Doubles(eigenvalues, dimension, "eigenvalues").ToArray();
            var spec = ProblemSpec.ForEigenvalues(lambda, sigma, Codes.Init(init), problemSeed) with
            {
                Teacher = teacher is null ? null : Buffers.Doubles(teacher, dimension, "teacher").ToArray(),
                Initial = initial is null ? null : Buffers.Doubles(initial, dimension, "w0").ToArray(),
                ScaleTeacher = Codes.Flag(scaleTeacher, "scale_teacher"),
            };
            *problem = Handles.Add(new Problem(spec));
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_problem_dimension")]
    public static int Dimension(nint problem, long* dimension)
    {
        try
        {
            Buffers.Out(dimension, "d");
            *dimension = Handles.Get<Problem>(problem, Kind).Dimension;
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_problem_sigma")]
    public static int Sigma(nint problem, double* sigma)
    {
        try
        {
            Buffers.Out(sigma, "sigma");
            *sigma = Handles.Get<Problem>(problem, Kind).Sigma;
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "fastpr_problem_initial_point")]
    public static int InitialPoint(nint problem, double* w, long length) => Copy(problem, w, length, p => p.InitialPoint, "w");

    [UnmanagedCallersOnly(EntryPoint = "fastpr_problem_teacher")]
    public static int Teacher(nint problem, double* teacher, long length) => Copy(problem, teacher, length, p => p.Teacher, "teacher");

    [UnmanagedCallersOnly(EntryPoint = "fastpr_problem_eigenvalues")]
    public static int Eigenvalues(nint problem, double* eigenvalues, long length) =>
        Copy(problem, eigenvalues, length, p => p.Spectrum.Lambda, "eigenvalues");

    [UnmanagedCallersOnly(EntryPoint = "fastpr_problem_free")]
    public static int Free(nint problem)
    {
        try
        {
            Handles.Remove<Problem>(problem, Kind);
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }

    private delegate ReadOnlySpan<double> Vector(Problem problem);

    private static int Copy(nint handle, double* destination, long length, Vector vector, string name)
    {
        try
        {
            var problem = Handles.Get<Problem>(handle, Kind);
            vector(problem).CopyTo(Buffers.Doubles(destination, length, problem.Dimension, name));
            return Status.Ok;
        }
        catch (Exception ex)
        {
            return Errors.Report(ex);
        }
    }
}
