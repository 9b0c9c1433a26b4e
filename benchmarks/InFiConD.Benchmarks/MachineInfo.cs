using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using InFiConD.Core;

namespace InFiConD.Benchmarks;

/// <summary>One line about the machine, printed before BenchmarkDotNet's own (longer) environment header.</summary>
internal static class MachineInfo
{
    internal static string Describe() =>
        $"Machine: {CpuModel()}; {Environment.ProcessorCount} logical cores; " +
        $"Vector512 {(Vector512.IsHardwareAccelerated ? "accelerated" : "not accelerated")}, " +
        $"Vector256 {(Vector256.IsHardwareAccelerated ? "accelerated" : "not accelerated")}, " +
        $"Vector128 {(Vector128.IsHardwareAccelerated ? "accelerated" : "not accelerated")}; " +
        $"kernel path {KernelPaths.Resolve(KernelPath.Auto)}; {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})";

    private static string CpuModel()
    {
        try
        {
            const string CpuInfo = "/proc/cpuinfo";
            var line = File.Exists(CpuInfo) ? File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
            return line is null ? RuntimeInformation.OSArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.OSArchitecture.ToString();
        }
    }
}
