namespace InFiConD.Core;

/// <summary>
/// A depth × width matrix M packed for <see cref="Kernels.MultiplyTiled"/>, the product of a few rows with it: tile t
/// holds columns [Start(t), Start(t) + Lanes) as a contiguous depth × Lanes block, so a tile's product streams memory in
/// order instead of striding across rows. The last tile ends at the last column (overlapping the one before when the
/// width is not a multiple of Lanes). Pack once, multiply many times (the students' solver packs its features once per fit).
/// </summary>
public sealed class TileColumns
{
    /// <summary>Source rows per packing work item.</summary>
    private const int PackRows = 256;

    /// <summary>Depth steps per pass of the transposing pack (one cache line of each source row).</summary>
    private const int TransposeDepth = 16;

    private readonly float[] _data;
    private readonly Lazy<FloatMatrix> _source;

    private TileColumns(Lazy<FloatMatrix> source, int depth, int width, int lanes)
    {
        _source = source;
        (Depth, Width, Lanes) = (depth, width, lanes);
        Tiles = lanes == 0 || Width < lanes ? 0 : (Width + lanes - 1) / lanes;
        // Every element is written by the packing: no need to zero 20-odd MB first.
        _data = GC.AllocateUninitializedArray<float>(checked(Tiles * Depth * lanes));
    }

    /// <summary>The matrix unpacked (the scalar path reads it when there are no tiles).</summary>
    public FloatMatrix Source => _source.Value;

    /// <summary>Rows of the matrix (the products' depth).</summary>
    public int Depth { get; }

    /// <summary>Columns of the matrix.</summary>
    public int Width { get; }

    /// <summary>
    /// Columns per tile on <see cref="Kernels.ActivePath"/>: four vectors (64 on AVX-512, 32 on AVX2, 16 with 128-bit
    /// vectors), 0 on the scalar path, where nothing is packed and <see cref="Kernels.MultiplyTiled"/> computes the same
    /// chains one element at a time.
    /// </summary>
    public static int ActiveLanes => ClassTiles.Lanes;

    /// <summary>Columns per tile (<see cref="ActiveLanes"/> when packed).</summary>
    public int Lanes { get; }

    /// <summary>Number of tiles; 0 when the width is below one tile or there is no vector path.</summary>
    public int Tiles { get; }

    /// <summary>Packs <paramref name="source"/> (depth × width) into tiles for <see cref="Kernels.ActivePath"/>, reading it row by row.</summary>
    /// <param name="source">M, depth × width; kept as <see cref="Source"/>.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <returns>The packed matrix.</returns>
    public static TileColumns Pack(FloatMatrix source, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Pack(source, Kernels.ResolveParallelism(maxDegreeOfParallelism), ClassTiles.Lanes);
    }

    /// <summary>As <see cref="Pack(FloatMatrix, int)"/> with a given tile width: 64, 32, 16 (four vectors of a path) or 0 (none).</summary>
    internal static TileColumns Pack(FloatMatrix source, int threads, int lanes)
    {
        var packed = new TileColumns(new Lazy<FloatMatrix>(source), source.Rows, source.Columns, lanes);
        if (packed.Tiles == 0)
        {
            return packed;
        }
        // Row by row (each source row read once, in order), each tile receiving its run: sequential streams both ways.
        var blocks = (packed.Depth + PackRows - 1) / PackRows;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, block =>
        {
            for (var p = block * PackRows; p < Math.Min(packed.Depth, (block + 1) * PackRows); p++)
            {
                var row = source.Row(p);
                for (var tile = 0; tile < packed.Tiles; tile++)
                {
                    row.Slice(packed.Start(tile), lanes).CopyTo(packed.Tile(tile).Slice(p * lanes, lanes));
                }
            }
        });
        return packed;
    }

    /// <summary>
    /// Packs the transpose of <paramref name="rows"/> (depth = its columns, width = its rows) straight from it, without
    /// forming the transpose; <paramref name="transposed"/> gives the transpose only if the scalar path needs it.
    /// </summary>
    /// <param name="rows">Mᵀ, width × depth.</param>
    /// <param name="transposed">M itself, made only when read (<see cref="Source"/>).</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <returns>The packed M.</returns>
    public static TileColumns PackTransposed(FloatMatrix rows, Lazy<FloatMatrix> transposed, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(transposed);
        return PackTransposed(rows, transposed, Kernels.ResolveParallelism(maxDegreeOfParallelism), ClassTiles.Lanes);
    }

    /// <summary>As <see cref="PackTransposed(FloatMatrix, Lazy{FloatMatrix}, int)"/> with a given tile width.</summary>
    internal static TileColumns PackTransposed(FloatMatrix rows, Lazy<FloatMatrix> transposed, int threads, int lanes)
    {
        var packed = new TileColumns(transposed, rows.Columns, rows.Rows, lanes);
        Parallel.For(0, packed.Tiles, new ParallelOptions { MaxDegreeOfParallelism = threads }, tile =>
        {
            var block = packed.Tile(tile);
            var (start, depth) = (packed.Start(tile), packed.Depth);
            // Sixteen depth steps at a time: the source runs and the destination rows they fill (4 KB each) stay in L1.
            for (var p0 = 0; p0 < depth; p0 += TransposeDepth)
            {
                var p1 = Math.Min(depth, p0 + TransposeDepth);
                for (var l = 0; l < lanes; l++)
                {
                    var row = rows.Row(start + l);
                    for (var p = p0; p < p1; p++)
                    {
                        block[p * lanes + l] = row[p];
                    }
                }
            }
        });
        return packed;
    }

    /// <summary>First column of tile t.</summary>
    internal int Start(int tile) => Math.Min(tile * Lanes, Width - Lanes);

    /// <summary>Tile t: depth × Lanes, row-major.</summary>
    internal Span<float> Tile(int tile) => _data.AsSpan().Slice(tile * Depth * Lanes, Depth * Lanes);
}
