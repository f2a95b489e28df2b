using System.Text.RegularExpressions;

namespace FastPR.Tests.Architecture;

/// <summary>
/// Core's folders form layers: no folder uses a type of a folder that uses one of its own, directly or around a cycle. A type
/// counts as used when its name appears in a file's code (comments and string literals are left out).
/// </summary>
public sealed partial class CoreFolderDependencyTests
{
    [Fact]
    public void CoreFoldersHaveNoDependencyCycle()
    {
        string core = Path.Combine(TestRepository.Root, "FastPR.Core");
        var files = Directory.GetFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(core, f)))
            .Select(f => (Folder: FolderOf(Path.GetRelativePath(core, f)), Code: CodeOf(File.ReadAllText(f)), Name: Path.GetFileName(f)))
            .ToList();
        var home = new Dictionary<string, string>();
        foreach (var (folder, code, _) in files)
            foreach (Match m in Declaration().Matches(code)) home.TryAdd(m.Groups[1].Value, folder);

        var uses = new Dictionary<string, Dictionary<string, string>>(); // folder → used folder → one example "File: Type"
        foreach (var (folder, code, name) in files)
        {
            var edges = uses.TryGetValue(folder, out var e) ? e : uses[folder] = [];
            foreach (Match m in Identifier().Matches(code))
                if (home.TryGetValue(m.Value, out string? other) && other != folder) edges.TryAdd(other, $"{name}: {m.Value}");
        }
        Assert.True(uses.Count >= 5, $"only {uses.Count} folders read from {core}");

        // Depth-first search for a cycle; the failure names it with one use per edge.
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        string? Cycle(string folder)
        {
            state[folder] = 1;
            path.Add(folder);
            foreach (string next in uses.GetValueOrDefault(folder, []).Keys.Order())
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var loop = path.Skip(path.IndexOf(next)).Append(next).ToList();
                    return string.Join(" → ", loop.Zip(loop.Skip(1), (a, b) => $"{a} ({uses[a][b]})")) + $" → {next}";
                }
                if (state.GetValueOrDefault(next) == 0 && Cycle(next) is string found) return found;
            }
            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
            return null;
        }
        foreach (string folder in uses.Keys.Order())
            if (state.GetValueOrDefault(folder) == 0 && Cycle(folder) is string cycle) Assert.Fail($"Core folders depend on each other: {cycle}");
    }

    private static bool IsBuildOutput(string relative) => relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string FolderOf(string relative) => relative.Split(Path.DirectorySeparatorChar) is { Length: > 1 } parts ? parts[0] : ".";

    private static string CodeOf(string source) => StringLiteral().Replace(LineComment().Replace(source, ""), "\"\"");

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record)\s+([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"@?""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringLiteral();
}
