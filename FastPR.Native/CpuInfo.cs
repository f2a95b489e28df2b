using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace FastPR.Native;

/// <summary>
/// The CPU this process runs on, read from CPUID: vendor, brand string, family/model and the widest vector ISA.
/// MKL's kernels and its reproducibility depend on these, so results and benchmarks record them.
/// </summary>
public static class CpuInfo
{
    private static readonly Lazy<(string Vendor, string Model, int Family, int ModelNumber)> Identity = new(ReadIdentity);

    /// <summary>The CPUID vendor string, e.g. "GenuineIntel" or "AuthenticAMD"; "unknown" off x86.</summary>
    public static string Vendor => Identity.Value.Vendor;

    /// <summary>True on Intel CPUs, the only vendor for which MKL picks ISA-specific kernels by itself.</summary>
    public static bool IsIntel => Vendor == "GenuineIntel";

    /// <summary>The CPUID brand string, e.g. "AMD EPYC 9554 64-Core Processor" (as much as a virtual machine exposes).</summary>
    public static string Model => Identity.Value.Model;

    /// <summary>Display family and model from CPUID leaf 1, e.g. (25, 17) for AMD Zen 4; (0, 0) off x86.</summary>
    public static (int Family, int Model) FamilyModel => (Identity.Value.Family, Identity.Value.ModelNumber);

    /// <summary>The widest vector instruction set the runtime can use: "AVX-512", "AVX2", "AVX", "SSE4.2", "NEON" (ARM64's AdvSimd) or "baseline".</summary>
    public static string Isa =>
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported ? "AVX-512"
        : Avx2.IsSupported ? "AVX2"
        : Avx.IsSupported ? "AVX"
        : Sse42.IsSupported ? "SSE4.2"
        : AdvSimd.Arm64.IsSupported ? "NEON"
        : "baseline";

    /// <summary>True when the runtime accelerates 512-bit vectors (Vector512); managed kernels then may use them.</summary>
    public static bool Vector512Accelerated => Vector512.IsHardwareAccelerated;

    /// <summary>One line for reports: "AMD EPYC (AuthenticAMD, family 25 model 17, AVX-512)".</summary>
    public static string Summary => $"{Model} ({Vendor}, family {FamilyModel.Family} model {FamilyModel.Model}, {Isa})";

    private static (string, string, int, int) ReadIdentity()
    {
        if (!X86Base.IsSupported)
        {
            return ("unknown", System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(), 0, 0);
        }

        var (maxLeaf, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        string vendor = Ascii(ebx, edx, ecx);
        int family = 0, model = 0;
        if (maxLeaf >= 1)
        {
            int eax = X86Base.CpuId(1, 0).Eax;
            int baseFamily = (eax >> 8) & 0xF, baseModel = (eax >> 4) & 0xF;
            family = baseFamily == 0xF ? baseFamily + ((eax >> 20) & 0xFF) : baseFamily;
            model = baseFamily is 0x6 or 0xF ? baseModel + (((eax >> 16) & 0xF) << 4) : baseModel;
        }

        string brand = vendor;
        if ((uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax >= 0x80000004)
        {
            var text = new StringBuilder(48);
            for (uint leaf = 0x80000002; leaf <= 0x80000004; leaf++)
            {
                var (a, b, c, d) = X86Base.CpuId(unchecked((int)leaf), 0);
                text.Append(Ascii(a, b, c, d));
            }
            string trimmed = text.ToString().TrimEnd('\0').Trim();
            if (trimmed.Length > 0)
            {
                brand = trimmed;
            }
        }
        return (vendor, brand, family, model);
    }

    private static string Ascii(params int[] registers)
    {
        var bytes = new byte[registers.Length * 4];
        for (int i = 0; i < registers.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(4 * i), registers[i]);
        }

        return Encoding.ASCII.GetString(bytes).TrimEnd('\0');
    }
}
