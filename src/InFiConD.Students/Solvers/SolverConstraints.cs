using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// Per-weight box bounds and per-concept penalty factors for <see cref="SparseLogisticSolver"/>. A penalty
/// factor of 0 never shrinks a concept; +∞ excludes it (its weights are fixed at 0). Bounds are K × C
/// matrices of lower and upper limits (±∞ for none); interactive tuning narrows them for edited weights.
/// </summary>
public sealed class SolverConstraints
{
    private readonly float[] _lower;
    private readonly float[] _upper;
    private readonly float[] _penaltyFactors;

    private SolverConstraints(int classes, int concepts, float[] lower, float[] upper, float[] penaltyFactors)
    {
        Classes = classes;
        Concepts = concepts;
        _lower = lower;
        _upper = upper;
        _penaltyFactors = penaltyFactors;
    }

    /// <summary>Number of classes K.</summary>
    public int Classes { get; }

    /// <summary>Number of concepts C.</summary>
    public int Concepts { get; }

    /// <summary>Whether some weight has a finite lower or upper bound (then <see cref="SolverMethod.QuasiNewton"/> fits use FISTA; <see cref="SolverMethod.ProjectedQuasiNewton"/> keeps the bounds).</summary>
    public bool HasFiniteBounds => _lower.AsSpan().IndexOfAnyExcept(float.NegativeInfinity) >= 0 || _upper.AsSpan().IndexOfAnyExcept(float.PositiveInfinity) >= 0;

    /// <summary>Lower bounds, row-major K × C.</summary>
    public ReadOnlySpan<float> Lower => _lower;

    /// <summary>Upper bounds, row-major K × C.</summary>
    public ReadOnlySpan<float> Upper => _upper;

    /// <summary>Penalty factors, one per concept.</summary>
    public ReadOnlySpan<float> PenaltyFactors => _penaltyFactors;

    /// <summary>No bounds and unit penalty factors.</summary>
    /// <param name="classes">K ≥ 0.</param>
    /// <param name="concepts">C ≥ 0.</param>
    public static SolverConstraints None(int classes, int concepts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classes);
        ArgumentOutOfRangeException.ThrowIfNegative(concepts);
        var lower = new float[classes * concepts];
        var upper = new float[classes * concepts];
        lower.AsSpan().Fill(float.NegativeInfinity);
        upper.AsSpan().Fill(float.PositiveInfinity);
        var factors = new float[concepts];
        factors.AsSpan().Fill(1f);
        return new SolverConstraints(classes, concepts, lower, upper, factors);
    }

    /// <summary>Creates constraints from explicit bounds and factors (copied), validating them.</summary>
    /// <param name="lower">K × C lower bounds (−∞ allowed).</param>
    /// <param name="upper">K × C upper bounds (+∞ allowed), each ≥ its lower bound.</param>
    /// <param name="penaltyFactors">C factors, each ≥ 0 or +∞; <see langword="null"/> for all 1.</param>
    /// <exception cref="ShapeMismatchException">Shapes disagree.</exception>
    /// <exception cref="ArgumentException">A bound is NaN, a lower bound exceeds its upper bound, a factor is negative or NaN,
    /// or an excluded concept (factor +∞) has bounds that do not contain 0.</exception>
    public static SolverConstraints Create(FloatMatrix lower, FloatMatrix upper, ReadOnlySpan<float> penaltyFactors = default)
    {
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        if (upper.Rows != lower.Rows || upper.Columns != lower.Columns)
        {
            throw new ShapeMismatchException(nameof(upper), $"{lower.Rows} × {lower.Columns} (as lower)", $"{upper.Rows} × {upper.Columns}");
        }
        var (classes, concepts) = (lower.Rows, lower.Columns);
        var factors = new float[concepts];
        if (penaltyFactors.IsEmpty)
        {
            factors.AsSpan().Fill(1f);
        }
        else if (penaltyFactors.Length != concepts)
        {
            throw new ShapeMismatchException(nameof(penaltyFactors), $"length {concepts}", $"length {penaltyFactors.Length}");
        }
        else
        {
            penaltyFactors.CopyTo(factors);
        }
        var constraints = new SolverConstraints(classes, concepts, lower.AsSpan().ToArray(), upper.AsSpan().ToArray(), factors);
        constraints.Validate();
        return constraints;
    }

    /// <summary>A copy with the interval of weight (<paramref name="classIndex"/>, <paramref name="concept"/>) replaced.</summary>
    /// <param name="classIndex">Class k.</param>
    /// <param name="concept">Concept j.</param>
    /// <param name="lower">New lower bound.</param>
    /// <param name="upper">New upper bound (≥ lower).</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside the constraints.</exception>
    /// <exception cref="ArgumentException">The interval is empty or NaN.</exception>
    public SolverConstraints WithInterval(int classIndex, int concept, float lower, float upper)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, Classes);
        ArgumentOutOfRangeException.ThrowIfNegative(concept);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(concept, Concepts);
        var copy = new SolverConstraints(Classes, Concepts, (float[])_lower.Clone(), (float[])_upper.Clone(), (float[])_penaltyFactors.Clone());
        copy._lower[classIndex * Concepts + concept] = lower;
        copy._upper[classIndex * Concepts + concept] = upper;
        copy.Validate();
        return copy;
    }

    /// <summary>A copy with one concept's penalty factor replaced.</summary>
    /// <param name="concept">Concept j.</param>
    /// <param name="factor">≥ 0, or +∞ to exclude the concept.</param>
    public SolverConstraints WithPenaltyFactor(int concept, float factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(concept);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(concept, Concepts);
        var copy = new SolverConstraints(Classes, Concepts, _lower, _upper, (float[])_penaltyFactors.Clone());
        copy._penaltyFactors[concept] = factor;
        copy.Validate();
        return copy;
    }

    /// <summary>The constraints of a subset of classes, in the given order.</summary>
    /// <param name="classes">Class indices.</param>
    public SolverConstraints ForClasses(IReadOnlyList<int> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        var lower = new float[classes.Count * Concepts];
        var upper = new float[classes.Count * Concepts];
        for (var i = 0; i < classes.Count; i++)
        {
            var k = classes[i];
            ArgumentOutOfRangeException.ThrowIfNegative(k);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Classes);
            _lower.AsSpan(k * Concepts, Concepts).CopyTo(lower.AsSpan(i * Concepts));
            _upper.AsSpan(k * Concepts, Concepts).CopyTo(upper.AsSpan(i * Concepts));
        }
        return new SolverConstraints(classes.Count, Concepts, lower, upper, _penaltyFactors);
    }

    private void Validate()
    {
        for (var j = 0; j < Concepts; j++)
        {
            var f = _penaltyFactors[j];
            if (!(f >= 0))
            {
                throw new ArgumentException($"Penalty factor of concept {j} is {f}; it must be ≥ 0 (or +∞ to exclude the concept).", "penaltyFactors");
            }
        }
        for (var i = 0; i < _lower.Length; i++)
        {
            var (lo, hi) = (_lower[i], _upper[i]);
            var (k, j) = (i / Math.Max(Concepts, 1), i % Math.Max(Concepts, 1));
            if (float.IsNaN(lo) || float.IsNaN(hi) || lo > hi)
            {
                throw new ArgumentException($"Bounds of weight (class {k}, concept {j}) are [{lo}, {hi}]; they must be numbers with lower ≤ upper.", "lower");
            }
            if (float.IsPositiveInfinity(_penaltyFactors[j]) && (lo > 0 || hi < 0))
            {
                throw new ArgumentException($"Concept {j} is excluded (penalty factor +∞) but the bounds of (class {k}, concept {j}), [{lo}, {hi}], do not contain 0.", "lower");
            }
        }
    }
}
