using System.Runtime.InteropServices;

namespace InFiConD.Core.Tests;

/// <summary>The kernel paths a test runs on (each narrowed to what the machine accelerates), and inputs that reach every edge.</summary>
internal static class PathCases
{
    /// <summary>Every path, widest first; on a narrower machine the wide ones resolve to the widest it has.</summary>
    public static readonly KernelPath[] All = [KernelPath.Vector512, KernelPath.Vector256, KernelPath.Vector128, KernelPath.Scalar];

    /// <summary>Every length from 0 to three AVX-512 widths + 1: each vector/tail boundary of every width.</summary>
    public static IEnumerable<object[]> Lengths => Enumerable.Range(0, (3 * 16) + 2).Select(n => new object[] { n });

    /// <summary>Values in about ±<paramref name="scale"/>, with ±0, ±∞, NaN, a subnormal and a large value mixed in.</summary>
    public static float[] Values(int length, int seed, float scale = 2f)
    {
        var random = new Random(seed);
        float[] special = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-40f, 3e4f, -95f];
        return Enumerable.Range(0, length)
            .Select(i => random.Next(7) == 0 ? special[random.Next(special.Length)] : (float)((random.NextDouble() * 2) - 1) * scale)
            .ToArray();
    }

    /// <summary>Finite values in ±<paramref name="scale"/>.</summary>
    public static float[] Finite(int length, int seed, float scale = 2f)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1) * scale).ToArray();
    }

    /// <summary>Whether two spans hold the same bits (NaN payloads included).</summary>
    public static bool SameBits<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual)
        where T : struct => MemoryMarshal.AsBytes(expected).SequenceEqual(MemoryMarshal.AsBytes(actual));
}
