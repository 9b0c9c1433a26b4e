namespace InFiConD.Datasets;

/// <summary>
/// A filled region the rasteriser can cover: it reports its bounds and, for one horizontal line, the
/// x-intervals inside it. Immutable; coordinates are in pixels (or in an object's local frame before
/// <see cref="Transform"/>), with pixel (x, y) covering [x, x + 1) × [y, y + 1).
/// </summary>
internal abstract class Shape
{
    /// <summary>Smallest y of the region.</summary>
    public abstract double Top { get; }

    /// <summary>Largest y of the region.</summary>
    public abstract double Bottom { get; }

    /// <summary>Smallest x of the region.</summary>
    public abstract double Left { get; }

    /// <summary>Largest x of the region.</summary>
    public abstract double Right { get; }

    /// <summary>Upper bound on the doubles <see cref="Intervals"/> writes.</summary>
    public abstract int MaxEndpoints { get; }

    /// <summary>Writes the sorted inside intervals [a₀, b₀), [a₁, b₁)… of line <paramref name="y"/> as a₀, b₀, a₁, b₁… and returns how many doubles it wrote.</summary>
    public abstract int Intervals(double y, Span<double> endpoints);

    /// <summary>The shape mapped by <paramref name="transform"/>.</summary>
    public abstract Shape Transform(in Similarity transform);
}
