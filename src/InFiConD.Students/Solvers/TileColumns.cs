using System.Runtime.InteropServices;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// A depth × width matrix repacked for <see cref="ClassTiles"/>: tile t holds columns [Start(t), Start(t) + Lanes) as a
/// contiguous depth × Lanes block, so a tile's product streams memory in order instead of striding across rows. The last
/// tile ends at the last column (overlapping the one before when the width is not a multiple of Lanes).
/// </summary>
internal sealed class TileColumns
{
    private readonly float[] _data;

    private TileColumns(FloatMatrix source, int lanes)
    {
        Source = source;
        (Depth, Width, Lanes) = (source.Rows, source.Columns, lanes);
        Tiles = lanes == 0 || Width < lanes ? 0 : (Width + lanes - 1) / lanes;
        _data = new float[(long)Tiles * Depth * lanes];
    }

    /// <summary>The matrix as given (the scalar path reads it when there are no tiles).</summary>
    public FloatMatrix Source { get; }

    public int Depth { get; }

    public int Width { get; }

    /// <summary>Columns per tile (<see cref="ClassTiles.Lanes"/>).</summary>
    public int Lanes { get; }

    /// <summary>Number of tiles; 0 when the width is below one tile or there is no vector path.</summary>
    public int Tiles { get; }

    /// <summary>Packs <paramref name="source"/> into tiles for this machine's widest vector path, one tile per work item.</summary>
    public static TileColumns Pack(FloatMatrix source, int threads) => Pack(source, threads, ClassTiles.Lanes);

    /// <summary>As <see cref="Pack(FloatMatrix, int)"/> with a given tile width: 64 (512-bit tiles), 32 (256-bit tiles) or 0 (none).</summary>
    internal static TileColumns Pack(FloatMatrix source, int threads, int lanes)
    {
        var packed = new TileColumns(source, lanes);
        Parallel.For(0, packed.Tiles, new ParallelOptions { MaxDegreeOfParallelism = threads }, tile =>
        {
            var block = packed.Tile(tile);
            var (start, lanes) = (packed.Start(tile), packed.Lanes);
            for (var p = 0; p < packed.Depth; p++)
            {
                source.Row(p).Slice(start, lanes).CopyTo(block.Slice(p * lanes, lanes));
            }
        });
        return packed;
    }

    /// <summary>First column of tile t.</summary>
    public int Start(int tile) => Math.Min(tile * Lanes, Width - Lanes);

    /// <summary>Tile t: depth × Lanes, row-major.</summary>
    public Span<float> Tile(int tile) => _data.AsSpan().Slice(tile * Depth * Lanes, Depth * Lanes);
}
