namespace InFiConD.Datasets;

/// <summary>Stateless per-pixel noise from an integer hash, so any pixel can be painted in any order.</summary>
internal static class PixelNoise
{
    /// <summary>A value in [−1, 1) for pixel (x, y) under <paramref name="seed"/>.</summary>
    public static float Signed(int x, int y, uint seed)
    {
        var h = Hash((uint)x, (uint)y, seed);
        return ((h >> 8) * (1f / (1 << 23))) - 1f;
    }

    /// <summary>A 32-bit hash of three words (a murmur3-style finaliser over a mixed sum).</summary>
    public static uint Hash(uint a, uint b, uint seed)
    {
        var h = (a * 0x8DA6B343u) ^ (b * 0xD8163841u) ^ (seed * 0xCB1AB31Fu);
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}
