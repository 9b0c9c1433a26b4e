namespace InFiConD.Editing;

/// <summary>
/// The direction an uptune takes when the weight is (nearly) zero, so that "more influence" has no sign of its own:
/// see <see cref="EditSessionOptions.ZeroWeightFloor"/>. Ignored for weights of magnitude at or above the floor, whose
/// sign is kept.
/// </summary>
public enum ZeroWeightSign
{
    /// <summary>The weight's own sign when it is non-zero; for an exact zero, the sign of the covariance between the
    /// concept's standardised score and the teacher's target for the class (positive when that covariance is 0).</summary>
    Auto,

    /// <summary>The concept should count for the class.</summary>
    Positive,

    /// <summary>The concept should count against the class.</summary>
    Negative,
}
