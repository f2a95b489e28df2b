using System.Security.Cryptography;
using System.Text.Json;

namespace FastPR.Tests.Cli;

/// <summary><c>--spectrum</c>, <c>--teacher</c> and <c>--init FILE</c>: text and .npy files, provenance in summary.json, one-line errors.</summary>
public sealed class SpectrumCommandTests : IDisposable
{
    private static readonly double[] Eigenvalues = [0.4, 0.25, 0.15, 0.1, 0.05, 0.03, 0.01, 0.006, 0.003, 0.001];
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    private string Text(string name, IEnumerable<double> values, string header = "# eigenvalues\n")
    {
        string path = _cli.PathTo(name);
        File.WriteAllText(path, header + string.Join("\n", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        return path;
    }

    // A NumPy 1.0 file: magic, version, header length, a dict padded to a multiple of 64 bytes, then the data.
    private string Npy(string name, double[] values, string descr = "<f8")
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({values.Length},), }}";
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
        foreach (double v in values) stream.Write(BitConverter.GetBytes(v));
        string path = _cli.PathTo(name);
        File.WriteAllBytes(path, stream.ToArray());
        return path;
    }

    private static readonly string[] Short = ["--steps", "2000", "--eta", "0.01", "--records", "10", "--engine", "reference", "--quiet"];

    [Fact]
    public void TextSpectrum_SetsD_AndSummaryRecordsItsSourceHashAndSize()
    {
        string spectrum = Text("eig.txt", Eigenvalues);
        string dir = _cli.PathTo("run");
        var run = _cli.Run(["simulate", "--spectrum", spectrum, .. Short, "--out", dir]);
        Assert.True(run.Exit == 0, run.ToString());
        var parameters = CliFiles.ReadJson(Path.Combine(dir, "summary.json")).GetProperty("parameters");
        Assert.Equal(10, parameters.GetProperty("d").GetInt32());
        Assert.Equal(JsonValueKind.Null, parameters.GetProperty("a").ValueKind);
        var input = parameters.GetProperty("inputs").GetProperty("spectrum");
        Assert.Equal(Path.GetFullPath(spectrum), input.GetProperty("source").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(spectrum))), input.GetProperty("sha256").GetString());
        Assert.Equal(10, input.GetProperty("size").GetInt32());
        Assert.Equal("drawn", parameters.GetProperty("inputs").GetProperty("teacher").GetProperty("source").GetString());
        var theory = CliFiles.ReadJson(Path.Combine(dir, "summary.json")).GetProperty("theory");
        Assert.Equal(JsonValueKind.Null, theory.GetProperty("h_da").ValueKind);
        Assert.Equal(JsonValueKind.Null, theory.GetProperty("teacher_averaged_exponent").ValueKind);
        Assert.Equal(1 / (8 * 0.001), theory.GetProperty("cutoff_time").GetDouble(), 9);
    }

    [Fact]
    public void NpyAndTextOfTheSameValues_GiveTheSameTrajectoryBytes()
    {
        string text = Text("eig.txt", Eigenvalues), npy = Npy("eig.npy", Eigenvalues);
        var a = _cli.Run(["simulate", "--spectrum", text, .. Short, "--out", _cli.PathTo("a")]);
        var b = _cli.Run(["simulate", "--spectrum", npy, .. Short, "--out", _cli.PathTo("b")]);
        Assert.True(a.Exit == 0 && b.Exit == 0, a.ToString() + b);
        Assert.Equal(File.ReadAllBytes(_cli.PathTo("a", "trajectory.csv")), File.ReadAllBytes(_cli.PathTo("b", "trajectory.csv")));
    }

    [Fact]
    public void TeacherAndInitFiles_AreUsed()
    {
        string spectrum = Text("eig.txt", Eigenvalues);
        double[] teacher = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        double[] init = [0, 0.2, 0, 0, 0, 0, 0, 0, 0, 0.1];
        string dir = _cli.PathTo("run");
        var run = _cli.Run(["simulate", "--spectrum", spectrum, "--teacher", Text("t.txt", teacher, ""), "--init", Npy("w0.npy", init),
            "--algorithm", "flow", "--time", "1", "--records", "5", "--quiet", "--out", dir]);
        Assert.True(run.Exit == 0, run.ToString());
        var summary = CliFiles.ReadJson(Path.Combine(dir, "summary.json"));
        Assert.Equal("file", summary.GetProperty("parameters").GetProperty("init").GetString());
        Assert.True(summary.GetProperty("parameters").GetProperty("inputs").GetProperty("teacher_scaled_to_unit_s_star").GetBoolean());
        // w(0) is orthogonal to the teacher (e_1): u(0) = 0 exactly, and s* = 1 after scaling.
        Assert.Equal(0.0, summary.GetProperty("theory").GetProperty("u0").GetDouble());
        Assert.Equal(1.0, summary.GetProperty("theory").GetProperty("s_star").GetDouble(), 14);
    }

    public static TheoryData<string, string, string> BadFiles() => new()
    {
        { "missing", "--spectrum", "cannot read" },
        { "empty", "--spectrum", "holds no values" },
        { "zero", "--spectrum", "must be finite and > 0" },
        { "negative", "--spectrum", "must be finite and > 0" },
        { "nan", "--spectrum", "must be finite and > 0" },
        { "inf", "--spectrum", "must be finite and > 0" },
        { "garbage", "--spectrum", "is not a number" },
        { "float32", "--spectrum", "need '<f8'" },
        { "teacher-length", "--teacher", "teacher must have length 10" },
        { "with-d", "--spectrum", "cannot be combined with --d" },
        { "init-missing", "--init", "neither sphere, gaussian nor a file" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadFile_IsOneLine_Exit2_NothingWritten(string kind, string option, string message)
    {
        string good = Text("good.txt", Eigenvalues);
        string[] args = kind switch
        {
            "missing" => ["--spectrum", _cli.PathTo("nope.txt")],
            "empty" => ["--spectrum", Text("empty.txt", [], "# nothing here\n\n")],
            "zero" => ["--spectrum", Text("z.txt", [0.5, 0, 0.1])],
            "negative" => ["--spectrum", Text("n.txt", [0.5, -0.1])],
            "nan" => ["--spectrum", Text("nan.txt", [0.5, double.NaN])],
            "inf" => ["--spectrum", Text("inf.txt", [0.5, double.PositiveInfinity])],
            "garbage" => ["--spectrum", Text("g.txt", [0.5], "0.3\nzero point one\n")],
            "float32" => ["--spectrum", Npy("f.npy", [0.5, 0.25], "<f4")],
            "teacher-length" => ["--spectrum", good, "--teacher", Text("t.txt", [1.0, 2.0])],
            "with-d" => ["--spectrum", good, "--d", "10"],
            "init-missing" => ["--spectrum", good, "--init", _cli.PathTo("w0.txt")],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        string dir = _cli.PathTo("out");
        var run = _cli.Run(["simulate", .. args, .. Short, "--out", dir]);
        Assert.True(run.Exit == 2, run.ToString());
        Assert.Equal("", run.Out);
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"fastpr: {option}: ", line);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir), "nothing may be written");
    }

    [Fact]
    public void Theory_OnASpectrumFile_LeavesThePowerLawQuantitiesOut()
    {
        var run = _cli.Run(["theory", "--spectrum", Text("eig.txt", Eigenvalues), "--json"]);
        Assert.True(run.Exit == 0, run.ToString());
        var document = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(JsonValueKind.Null, document.GetProperty("parameters").GetProperty("a").ValueKind);
        Assert.Equal(JsonValueKind.Null, document.GetProperty("theory").GetProperty("h_da").ValueKind);
        Assert.All(document.GetProperty("isotropic_benchmark").EnumerateArray(), row => Assert.Equal(JsonValueKind.Null, row.GetProperty("asymptote").ValueKind));
        Assert.True(document.GetProperty("theory").GetProperty("rho").GetDouble() > 4 * 0.4);
    }
}
