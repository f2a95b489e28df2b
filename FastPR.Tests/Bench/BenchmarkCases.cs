using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace FastPR.Tests.Bench;

/// <summary>
/// Reads FastPR.Bench the way BenchmarkDotNet does, without running BenchmarkDotNet: the benchmark classes, their
/// [Params]/[ParamsSource] grid, [GlobalSetup]/[GlobalCleanup] and [Benchmark] methods. Lets a test call every benchmark
/// body directly on a prepared instance.
/// </summary>
internal static class BenchmarkCases
{
    public static Assembly BenchAssembly => typeof(FastPR.Bench.BenchProblems).Assembly;

    public static IEnumerable<Type> Classes =>
        BenchAssembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && BenchmarkMethods(t).Any())
            .OrderBy(t => t.Name);

    public static IEnumerable<MethodInfo> BenchmarkMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null);

    /// <summary>Every assignment of the class's parameters, as (property, value) lists; one empty list when it has none.</summary>
    public static IEnumerable<IReadOnlyList<(PropertyInfo Property, object? Value)>> ParameterGrid(Type type)
    {
        IEnumerable<IReadOnlyList<(PropertyInfo, object?)>> grid = [[]];
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            object?[]? values = ParameterValues(type, property);
            if (values is null) continue;
            grid = grid.SelectMany(prefix => values.Select(v => (IReadOnlyList<(PropertyInfo, object?)>)[.. prefix, (property, v)])).ToList();
        }
        return grid;
    }

    /// <summary>Runs the [GlobalSetup] methods that apply to <paramref name="benchmark"/>.</summary>
    public static void GlobalSetup(object instance, MethodInfo benchmark) => InvokeTargeted<GlobalSetupAttribute>(instance, benchmark, a => a.Targets);

    /// <summary>Runs the [GlobalCleanup] methods that apply to <paramref name="benchmark"/>.</summary>
    public static void GlobalCleanup(object instance, MethodInfo benchmark) => InvokeTargeted<GlobalCleanupAttribute>(instance, benchmark, a => a.Targets);

    public static string Describe(IReadOnlyList<(PropertyInfo Property, object? Value)> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.Property.Name}={p.Value}"));

    private static object?[]? ParameterValues(Type type, PropertyInfo property)
    {
        if (property.GetCustomAttribute<ParamsAttribute>() is { } fixedValues) return fixedValues.Values;
        if (property.GetCustomAttribute<ParamsSourceAttribute>() is not { } source) return null;
        const BindingFlags any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;
        MemberInfo member = type.GetMember(source.Name, any).Single();
        object? owner = member is PropertyInfo { GetMethod.IsStatic: true } or MethodInfo { IsStatic: true } or FieldInfo { IsStatic: true }
            ? null
            : Activator.CreateInstance(type);
        object? values = member switch
        {
            PropertyInfo p => p.GetValue(owner),
            MethodInfo m => m.Invoke(owner, null),
            FieldInfo f => f.GetValue(owner),
            _ => throw new InvalidOperationException($"{type.Name}.{source.Name} cannot be a parameter source."),
        };
        return ((System.Collections.IEnumerable)values!).Cast<object?>().ToArray();
    }

    private static void InvokeTargeted<TAttribute>(object instance, MethodInfo benchmark, Func<TAttribute, string[]> targets)
        where TAttribute : Attribute
    {
        foreach (var method in instance.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<TAttribute>() is not { } attribute) continue;
            string[] names = targets(attribute);
            if (names.Length == 0 || names.Contains(benchmark.Name)) method.Invoke(instance, null);
        }
    }
}
