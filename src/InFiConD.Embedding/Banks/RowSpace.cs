using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// An orthonormal basis Q (r × D, r ≤ n) of the span of n rows of length D, and each row's coordinates
/// <c>z_i = Qᵀx_i</c> in it. For any <c>w = Qβ</c>, <c>w·x_i = β·z_i</c> and <c>‖w‖ = ‖β‖</c>, so a problem in w
/// whose data enter only through the margins w·x_i, with an L2 penalty, can be solved in r dimensions instead
/// of D (its optimum lies in the span: the representer theorem). When n ≥ D there is nothing to gain and the
/// space is the identity (the coordinates are the rows themselves).
/// </summary>
internal sealed class RowSpace
{
    /// <summary>A row whose part outside the span of the rows before it is at most this fraction of its norm adds no basis vector.</summary>
    internal const double DependenceThreshold = 1e-12;

    private readonly double[]? _basis; // r × D, row-major; null for the identity
    private readonly Dictionary<double[], int> _index;

    private RowSpace(double[]? basis, int rank, int dimension, double[][] rows, double[][] coordinates)
    {
        _basis = basis;
        Rank = rank;
        Dimension = dimension;
        Coordinates = coordinates;
        _index = new Dictionary<double[], int>(rows.Length, ReferenceEqualityComparer.Instance);
        for (var i = 0; i < rows.Length; i++)
        {
            _index.TryAdd(rows[i], i);
        }
    }

    /// <summary>r: the basis size (D for the identity).</summary>
    internal int Rank { get; }

    /// <summary>D: the length of the rows.</summary>
    internal int Dimension { get; }

    /// <summary>Each row's r coordinates, in the order the rows were given.</summary>
    internal double[][] Coordinates { get; }

    /// <summary>Whether the space is the identity (no reduction).</summary>
    internal bool IsIdentity => _basis is null;

    /// <summary>
    /// The row space of <paramref name="rows"/> by modified Gram–Schmidt with one re-orthogonalisation
    /// ("twice is enough", so Q stays orthonormal to rounding even for nearly dependent rows), rows taken in
    /// the order given. Coordinates are the Gram–Schmidt coefficients of both passes, so
    /// <c>x_i = Q z_i</c> up to rounding (and up to the dropped remainder of a dependent row).
    /// </summary>
    internal static RowSpace Of(double[][] rows)
    {
        var n = rows.Length;
        var d = rows[0].Length;
        if (n >= d)
        {
            return new RowSpace(null, d, d, rows, rows);
        }
        var basis = new double[n * d];
        var coordinates = new double[n][];
        var rank = 0;
        var v = new double[d];
        var projections = new double[n];
        for (var i = 0; i < n; i++)
        {
            rows[i].CopyTo(v, 0);
            var norm = Math.Sqrt(Kernels.Dot(v, v));
            Array.Clear(projections, 0, rank);
            for (var pass = 0; pass < 2; pass++)
            {
                for (var k = 0; k < rank; k++)
                {
                    var q = basis.AsSpan(k * d, d);
                    var c = Kernels.Dot(q, v);
                    projections[k] += c;
                    Kernels.AddScaled(-c, q, v);
                }
            }
            var remainder = Math.Sqrt(Kernels.Dot(v, v));
            var independent = remainder > DependenceThreshold * norm;
            var z = new double[n]; // padded to n for now: later basis vectors are orthogonal to this row
            projections.AsSpan(0, rank).CopyTo(z);
            if (independent)
            {
                var q = basis.AsSpan(rank * d, d);
                for (var j = 0; j < d; j++)
                {
                    q[j] = v[j] / remainder;
                }
                z[rank] = remainder;
                rank++;
            }
            coordinates[i] = z;
        }
        for (var i = 0; i < n; i++)
        {
            coordinates[i] = coordinates[i][..rank];
        }
        return new RowSpace(basis[..(rank * d)], rank, d, rows, coordinates);
    }

    /// <summary>
    /// The coordinates of rows this space was made from, found by reference (the same arrays, in any order and
    /// any subset); <see langword="null"/> when one of them is not such a row. A space made once from a pool
    /// of rows serves every problem whose rows all come from the pool (the problem restricted to the pool's span
    /// still contains its optimum, which lies in the span of its own rows).
    /// </summary>
    internal double[][]? CoordinatesOf(double[][] rows)
    {
        var coordinates = new double[rows.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            if (!_index.TryGetValue(rows[i], out var k))
            {
                return null;
            }
            coordinates[i] = Coordinates[k];
        }
        return coordinates;
    }

    /// <summary>Maps coordinates back: <c>w = Qβ</c> (a copy of β for the identity).</summary>
    internal double[] Lift(ReadOnlySpan<double> beta)
    {
        if (_basis is null)
        {
            return beta.ToArray();
        }
        var w = new double[Dimension];
        for (var k = 0; k < Rank; k++)
        {
            if (beta[k] != 0)
            {
                Kernels.AddScaled(beta[k], _basis.AsSpan(k * Dimension, Dimension), w);
            }
        }
        return w;
    }
}
