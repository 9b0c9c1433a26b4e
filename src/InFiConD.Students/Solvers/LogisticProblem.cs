using System.Numerics.Tensors;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// The data of K one-vs-rest logistic problems that share one feature matrix: features Z (N × C, usually
/// standardised concept scores) and targets Y (N × K) in [0, 1] — teacher probabilities (soft) or 0/1
/// labels (hard). Built once, then fitted many times (λ paths, interactive edits): the features' packed layouts for
/// the solver's products (about two more copies of Z), the transposed features and the curvature bound are computed
/// once, on first use, and shared.
/// </summary>
public sealed class LogisticProblem
{
    private readonly Lazy<FloatMatrix> _featuresTransposed;
    private readonly Lazy<double> _curvature;
    private readonly Lazy<TileColumns> _featureTiles, _transposedTiles;

    /// <summary>
    /// A problem with new targets; what is derived from the features alone is shared with <paramref name="source"/>, and
    /// built on first use: the tile products need only the packed layouts, FISTA's curvature bound and the GEMM path Zᵀ.
    /// </summary>
    private LogisticProblem(FloatMatrix features, FloatMatrix targets, int threads, LogisticProblem? source)
    {
        Features = features;
        Targets = targets;
        Threads = threads;
        _featuresTransposed = source?._featuresTransposed ?? new Lazy<FloatMatrix>(() => Kernels.Transpose(features, threads));
        var transposed = _featuresTransposed;
        _curvature = source?._curvature ?? new Lazy<double>(() => GramSpectralBound(features, transposed.Value, threads));
        _featureTiles = source?._featureTiles ?? new Lazy<TileColumns>(() => TileColumns.Pack(features, threads));
        _transposedTiles = source?._transposedTiles ?? new Lazy<TileColumns>(() => TileColumns.PackTransposed(features, transposed, threads));
    }

    /// <summary>The N × C features. Kept by reference: do not change it while the problem is in use.</summary>
    public FloatMatrix Features { get; }

    /// <summary>The N × K targets in [0, 1].</summary>
    public FloatMatrix Targets { get; }

    /// <summary>Number of samples N.</summary>
    public int Samples => Features.Rows;

    /// <summary>Number of features (concepts) C.</summary>
    public int Concepts => Features.Columns;

    /// <summary>Number of classes K.</summary>
    public int Classes => Targets.Columns;

    /// <summary>Zᵀ (C × N), built on first use.</summary>
    internal FloatMatrix FeaturesTransposed => _featuresTransposed.Value;

    /// <summary>The thread count the problem's products and the solvers on it use (<c>maxDegreeOfParallelism</c> of <see cref="Create"/>, −1 resolved).</summary>
    public int Threads { get; }

    /// <summary>Z packed for <see cref="Kernels.MultiplyTiled"/> (the gradient product's operand), built on first use and shared by <see cref="ForClasses"/>.</summary>
    internal TileColumns FeatureTiles => _featureTiles.Value;

    /// <summary>Zᵀ packed for <see cref="Kernels.MultiplyTiled"/> (the logits product's operand), built on first use and shared by <see cref="ForClasses"/>.</summary>
    internal TileColumns TransposedTiles => _transposedTiles.Value;

    /// <summary>An upper estimate of the largest eigenvalue of <c>[Z 1]ᵀ[Z 1] / N</c>.</summary>
    internal double Curvature => _curvature.Value;

    /// <summary>Builds a problem, validating shapes and values.</summary>
    /// <param name="features">N × C features, all finite.</param>
    /// <param name="targets">N × K targets, each in [0, 1].</param>
    /// <param name="maxDegreeOfParallelism">Threads used while building; −1 for one per processor.</param>
    /// <exception cref="ShapeMismatchException">Row counts differ.</exception>
    /// <exception cref="NonFiniteValueException">A feature or target is NaN or infinite (row and column named).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A target is outside [0, 1] (row and column named).</exception>
    public static LogisticProblem Create(FloatMatrix features, FloatMatrix targets, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Rows != features.Rows)
        {
            throw new ShapeMismatchException(nameof(targets), $"{features.Rows} rows (one per feature row)", $"{targets.Rows} × {targets.Columns}");
        }
        features.EnsureFinite(nameof(features));
        targets.EnsureFinite(nameof(targets));
        var values = targets.AsSpan();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is < 0f or > 1f)
            {
                throw new ArgumentOutOfRangeException(nameof(targets), values[i], $"Target at row {i / targets.Columns}, column {i % targets.Columns} is {values[i]}; targets must lie in [0, 1].");
            }
        }
        var threads = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        return new LogisticProblem(features, targets.Copy(), threads, source: null);
    }

    /// <summary>
    /// Computes <c>destination[k, n] = Σ_p weights[k, p] · Z[n, p]</c> — the score of image n for class k without its
    /// intercept, one row per class — with the solver's own products: a few classes cost a fraction of a full
    /// <see cref="Kernels.MultiplyTransposed(FloatMatrix, FloatMatrix, FloatMatrix, int)"/> and give its bits.
    /// </summary>
    /// <param name="weights">K' × C standardised weights, one row per class.</param>
    /// <param name="destination">K' × N, overwritten.</param>
    /// <exception cref="ShapeMismatchException">A shape does not fit the problem.</exception>
    public void ClassScores(FloatMatrix weights, FloatMatrix destination)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(destination);
        if (weights.Columns != Concepts)
        {
            throw new ShapeMismatchException(nameof(weights), $"{Concepts} columns (one per concept)", $"{weights.Columns} columns");
        }
        if (destination.Rows != weights.Rows || destination.Columns != Samples)
        {
            throw new ShapeMismatchException(nameof(destination), $"{weights.Rows} × {Samples}", $"{destination.Rows} × {destination.Columns}");
        }
        new ScoreProducts(this, Threads, ProductPath.Auto).LogitsPerClass(weights, destination);
    }

    /// <summary>The same features with only some classes' targets, in the given order (no feature copy).</summary>
    /// <param name="classes">Class indices into <see cref="Targets"/>' columns.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, K).</exception>
    public LogisticProblem ForClasses(IReadOnlyList<int> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var subset = new FloatMatrix(Samples, classes.Count);
        foreach (var k in classes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(k);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Classes);
        }
        for (var n = 0; n < Samples; n++)
        {
            var source = Targets.Row(n);
            var target = subset.Row(n);
            for (var i = 0; i < classes.Count; i++)
            {
                target[i] = source[classes[i]];
            }
        }
        return new LogisticProblem(Features, subset, Threads, this);
    }

    /// <summary>
    /// Power iteration on <c>G = [Z 1]ᵀ[Z 1] / N</c> with a fixed start, so the bound is deterministic. The
    /// solver treats it as a first guess and backtracks if a step ever violates the descent condition.
    /// </summary>
    private static double GramSpectralBound(FloatMatrix z, FloatMatrix zt, int threads)
    {
        var (n, c) = (z.Rows, z.Columns);
        if (n == 0)
        {
            return 1;
        }
        var v = new float[c + 1];
        for (var j = 0; j <= c; j++)
        {
            v[j] = 1f + 0.01f * (j % 7); // a fixed start not orthogonal to the top eigenvector in practice
        }
        var u = new float[n];
        var next = new double[c + 1];
        var rayleigh = 0.0;
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var norm = TensorPrimitives.Norm(v);
            TensorPrimitives.Divide(v, norm, v);
            var bias = v[c];
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads }, r => u[r] = TensorPrimitives.Dot(z.Row(r), v.AsSpan(0, c)) + bias);
            // next = [Z 1]ᵀ u / N, one dot product per concept over the transposed features.
            Parallel.For(0, c, new ParallelOptions { MaxDegreeOfParallelism = threads }, j => next[j] = TensorPrimitives.Dot(zt.Row(j), u));
            next[c] = TensorPrimitives.Sum(u);
            var previous = rayleigh;
            rayleigh = 0;
            for (var j = 0; j <= c; j++)
            {
                next[j] /= n;
                rayleigh += next[j] * v[j];
                v[j] = (float)next[j];
            }
            if (iteration > 5 && Math.Abs(rayleigh - previous) <= 1e-4 * rayleigh)
            {
                break;
            }
        }
        return Math.Max(rayleigh, 1e-12);
    }
}
