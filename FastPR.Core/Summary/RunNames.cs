namespace FastPR.Core;

/// <summary>The names the CLI, summary.json and the C ABI give the values of Core's enums: the C# name in kebab case.</summary>
public static class RunNames
{
    /// <summary>"sgd-ode" for <see cref="AlgorithmKind.SgdOde"/>, "high-dimensional" for <see cref="SgdOdeClosure.HighDimensional"/>, "auto", ...</summary>
    public static string Of<T>(T value) where T : struct, Enum
    {
        string name = value.ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    /// <summary>The value named <paramref name="name"/> (as <see cref="Of{T}"/> spells it), or null.</summary>
    public static T? Parse<T>(string name) where T : struct, Enum
    {
        foreach (T value in Enum.GetValues<T>())
        {
            if (Of(value) == name) return value;
        }
        return null;
    }

    /// <summary>Every name of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => Of(v)).ToArray();
}
