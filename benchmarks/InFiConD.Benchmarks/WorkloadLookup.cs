using System.Reflection;
using BenchmarkDotNet.Running;

namespace InFiConD.Benchmarks;

/// <summary>Finds the <see cref="Workload"/> of a benchmark case through its class's <see cref="IWorkload"/>.</summary>
internal static class WorkloadLookup
{
    private static readonly MethodInfo DescribeOf = typeof(WorkloadLookup).GetMethod(nameof(Describe), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The work of one call, or null when the class does not implement <see cref="IWorkload"/>.</summary>
    internal static Workload? For(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        if (!type.IsAssignableTo(typeof(IWorkload)))
        {
            return null;
        }
        var p = benchmarkCase.Parameters.Items.FirstOrDefault(item => item.Name == "P")?.Value is int value ? value : 1;
        var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
        return (Workload)DescribeOf.MakeGenericMethod(type).Invoke(null, [method, p])!;
    }

    private static Workload Describe<T>(string method, int segmentsPerImage)
        where T : IWorkload => T.Describe(method, segmentsPerImage);
}
