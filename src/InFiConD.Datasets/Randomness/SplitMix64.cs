namespace InFiConD.Datasets;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose outputs are fixed by its published
/// constants, so a world rendered with one seed has the same pixels on every .NET version (System.Random's
/// algorithm is unspecified). Mutable value type: pass it by <see langword="ref"/>.
/// </summary>
internal struct SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Finalise(_state += Golden);

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public double Range(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>Uniform integer in [0, <paramref name="count"/>) by multiply-shift (bias below 2⁻³², irrelevant here).</summary>
    public int NextInt(int count) => (int)(((NextUInt64() >> 32) * (ulong)count) >> 32);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => NextDouble() < p;

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>A seed derived from a parent seed and a tag, so sub-streams are independent of draw order.</summary>
    public static ulong Derive(ulong seed, ulong tag) => Finalise(seed ^ Finalise(tag + Golden));

    /// <summary>SplitMix64's output function (a bijective 64-bit mix).</summary>
    public static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
