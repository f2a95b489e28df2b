using System.Runtime.InteropServices;
using FastPR.Native;

namespace FastPR.Bench;

/// <summary>What the numbers were measured on: CPU, cores, load, runtime and MKL's version and code path.</summary>
public static class Machine
{
    /// <summary>The 1-, 5- and 15-minute load averages from /proc/loadavg, or "n/a".</summary>
    public static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        if (!File.Exists(path)) return "n/a";
        string[] parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 ? $"{parts[0]}, {parts[1]}, {parts[2]}" : "n/a";
    }

    /// <summary>CPU model, vendor, family/model and ISA (from CPUID), logical cores, and whether a hypervisor is present.</summary>
    public static string Cpu()
    {
        const string path = "/proc/cpuinfo";
        bool hypervisor = File.Exists(path) && File.ReadLines(path).Any(line => line.StartsWith("flags", StringComparison.Ordinal) && line.Contains(" hypervisor", StringComparison.Ordinal));
        return $"{CpuInfo.Summary}, {Environment.ProcessorCount} logical cores{(hypervisor ? ", virtual machine" : "")}";
    }

    /// <summary>OS and .NET runtime.</summary>
    public static string Runtime() => $"{RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}";

    /// <summary>MKL's version line and the code path it dispatched to, or why MKL is missing.</summary>
    public static string Mkl()
    {
        if (!MklLibrary.IsAvailable) return $"not available ({MklLibrary.LoadError})";
        return $"{MklService.Version}; code path: {MklService.CodePath}; kernels: {MklService.Startup.Dispatch}; CNR: {MklService.GetCbwr()}";
    }
}
