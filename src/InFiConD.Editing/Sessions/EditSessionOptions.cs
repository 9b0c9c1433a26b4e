using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>How an <see cref="EditSession"/> refits edited students.</summary>
public sealed record EditSessionOptions
{
    /// <summary>The defaults: <see cref="StudentOptions.Default"/> and a zero-weight floor of 0.05.</summary>
    public static EditSessionOptions Default { get; } = new();

    /// <summary>
    /// The options the base students were fitted with: the refit minimises the same objective (λ, L2, soft or hard
    /// targets) with the same solver settings (threads, tolerance). Their seed is recorded in every provenance entry.
    /// </summary>
    public StudentOptions Students { get; init; } = StudentOptions.Default;

    /// <summary>
    /// ε, in standardised weight units: an uptune of a weight with |w⁰| &lt; ε grows from ±ε instead of w⁰ (so a zero
    /// weight can be uptuned at all); finite and &gt; 0. One standard deviation of a concept's score moves the logit by
    /// at least ε after such an uptune.
    /// </summary>
    public float ZeroWeightFloor { get; init; } = 0.05f;

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public EditSessionOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Students);
        Students.Validate();
        if (!(ZeroWeightFloor > 0) || !float.IsFinite(ZeroWeightFloor))
        {
            throw new ArgumentOutOfRangeException(nameof(ZeroWeightFloor), ZeroWeightFloor, "EditSessionOptions.ZeroWeightFloor must be finite and > 0.");
        }
        return this;
    }
}
