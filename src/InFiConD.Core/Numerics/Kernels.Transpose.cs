namespace InFiConD.Core;

public static partial class Kernels
{
    private const int TransposeTile = 32;

    /// <summary>Transposes: <c>destination[j, i] = source[i, j]</c>, in cache-sized tiles.</summary>
    /// <param name="source">The m × n matrix.</param>
    /// <param name="destination">Receives the n × m transpose; must not be <paramref name="source"/>.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <exception cref="ShapeMismatchException">The destination is not n × m.</exception>
    /// <exception cref="ArgumentException">The destination is the source.</exception>
    public static void Transpose(FloatMatrix source, FloatMatrix destination, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var threads = ResolveParallelism(maxDegreeOfParallelism);
        if (ReferenceEquals(source, destination))
        {
            throw new ArgumentException("Transpose cannot run in place; give a separate destination.", nameof(destination));
        }
        RequireShape(destination, source.Columns, source.Rows, nameof(destination));
        var (rows, columns) = (source.Rows, source.Columns);
        var tiles = (rows + TransposeTile - 1) / TransposeTile;
        var src = source.Storage;
        var dst = destination.Storage;
        Parallel.For(0, tiles, new ParallelOptions { MaxDegreeOfParallelism = threads }, tile =>
        {
            var i0 = tile * TransposeTile;
            var i1 = Math.Min(rows, i0 + TransposeTile);
            for (var j0 = 0; j0 < columns; j0 += TransposeTile)
            {
                var j1 = Math.Min(columns, j0 + TransposeTile);
                for (var i = i0; i < i1; i++)
                {
                    var rowOffset = i * columns;
                    for (var j = j0; j < j1; j++)
                    {
                        dst[j * rows + i] = src[rowOffset + j];
                    }
                }
            }
        });
    }

    /// <summary>Returns the transpose of <paramref name="source"/> as a new matrix.</summary>
    /// <param name="source">The m × n matrix.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; −1 for one per processor.</param>
    /// <returns>The n × m transpose.</returns>
    public static FloatMatrix Transpose(FloatMatrix source, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(source);
        var destination = new FloatMatrix(source.Columns, source.Rows);
        Transpose(source, destination, maxDegreeOfParallelism);
        return destination;
    }
}
