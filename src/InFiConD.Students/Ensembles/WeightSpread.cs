using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>Bootstrap statistics of the standardised weights: per weight, the mean and standard deviation over members.</summary>
/// <param name="Members">Number of bootstrap refits.</param>
/// <param name="Mean">K × C mean weights.</param>
/// <param name="Deviation">K × C standard deviations.</param>
/// <param name="NonZeroFraction">K × C fraction of members in which the weight is non-zero (selection stability).</param>
public sealed record WeightSpread(int Members, FloatMatrix Mean, FloatMatrix Deviation, FloatMatrix NonZeroFraction)
{
    /// <summary>
    /// The classes (indices, ascending) whose weights changed after the bootstrap — by an edit's refit — so their spread no
    /// longer describes them: a front end shows no "±" for them rather than a stale one. Empty for fitted students.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public IReadOnlyList<int> StaleClasses
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(StaleClasses));
            field = Array.AsReadOnly(value.Distinct().Order().ToArray());
        }
    } = [];

    /// <summary>Whether class <paramref name="classIndex"/>'s spread is stale (see <see cref="StaleClasses"/>).</summary>
    /// <param name="classIndex">Class k.</param>
    public bool IsStale(int classIndex) => StaleClasses.Contains(classIndex);

    /// <summary>Record equality (the matrices as <see cref="FloatMatrix"/> compares them), with <see cref="StaleClasses"/> item by item.</summary>
    /// <param name="other">The spread to compare with.</param>
    public bool Equals(WeightSpread? other) =>
        other is not null && Members == other.Members && Equals(Mean, other.Mean) && Equals(Deviation, other.Deviation)
        && Equals(NonZeroFraction, other.NonZeroFraction) && StaleClasses.SequenceEqual(other.StaleClasses);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Members, Mean, Deviation, NonZeroFraction, StaleClasses.Count);
}
