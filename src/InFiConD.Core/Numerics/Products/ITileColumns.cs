namespace InFiConD.Core;

/// <summary>How many vectors of a micro-kernel tile's columns are computed: a type argument, so the JIT drops the unused half.</summary>
internal interface ITileColumns
{
    /// <summary>1 (the left half) or 2 (the whole tile).</summary>
    static abstract int Vectors { get; }
}

/// <summary>The whole tile: two vectors of columns.</summary>
internal readonly struct TwoVectors : ITileColumns
{
    public static int Vectors => 2;
}

/// <summary>The left half of the tile: one vector of columns (a last panel with at most NR / 2 valid columns).</summary>
internal readonly struct OneVector : ITileColumns
{
    public static int Vectors => 1;
}
