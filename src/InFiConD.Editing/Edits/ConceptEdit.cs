using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// One change a person asks for: tune, remove, lock or release the weight of one concept in one class's student.
/// Build edits with the static factories or a <see cref="ConceptEditBuilder"/>; apply them with
/// <see cref="EditSession.ApplyAsync(IReadOnlyList{ConceptEdit}, int, IProgress{EditProgress}?, CancellationToken)"/>,
/// which checks them against the students (names, factor, conflicts) before anything changes.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="ClassName">The class whose student changes (matched exactly, then ignoring case and spacing).</param>
/// <param name="ConceptName">The concept whose weight changes (matched the same way).</param>
/// <param name="Factor">The tuning factor x &gt; 1 (<see cref="DefaultFactor"/> by default); used by
/// <see cref="ConceptEditKind.Uptune"/> and <see cref="ConceptEditKind.Downtune"/>, validated for every kind.</param>
/// <param name="Sign">For an uptune of a weight below the zero-weight floor: the direction to grow in.</param>
public sealed record ConceptEdit(
    ConceptEditKind Kind,
    string ClassName,
    string ConceptName,
    double Factor = ConceptEdit.DefaultFactor,
    ZeroWeightSign Sign = ZeroWeightSign.Auto)
{
    /// <summary>The paper's default tuning factor x = 2.</summary>
    public const double DefaultFactor = 2.0;

    /// <summary>Raise the influence of <paramref name="conceptName"/> on <paramref name="className"/> by up to <paramref name="factor"/>.</summary>
    /// <param name="className">The class.</param>
    /// <param name="conceptName">The concept.</param>
    /// <param name="factor">x &gt; 1.</param>
    /// <param name="sign">Direction for a (nearly) zero weight.</param>
    public static ConceptEdit Uptune(string className, string conceptName, double factor = DefaultFactor, ZeroWeightSign sign = ZeroWeightSign.Auto) =>
        new(ConceptEditKind.Uptune, className, conceptName, factor, sign);

    /// <summary>Lower the influence of <paramref name="conceptName"/> on <paramref name="className"/> by up to <paramref name="factor"/>.</summary>
    /// <param name="className">The class.</param>
    /// <param name="conceptName">The concept.</param>
    /// <param name="factor">x &gt; 1.</param>
    public static ConceptEdit Downtune(string className, string conceptName, double factor = DefaultFactor) =>
        new(ConceptEditKind.Downtune, className, conceptName, factor);

    /// <summary>Fix the weight of <paramref name="conceptName"/> in <paramref name="className"/> at 0.</summary>
    /// <param name="className">The class.</param>
    /// <param name="conceptName">The concept.</param>
    public static ConceptEdit Remove(string className, string conceptName) => new(ConceptEditKind.Remove, className, conceptName);

    /// <summary>Fix the weight of <paramref name="conceptName"/> in <paramref name="className"/> at its current value.</summary>
    /// <param name="className">The class.</param>
    /// <param name="conceptName">The concept.</param>
    public static ConceptEdit Lock(string className, string conceptName) => new(ConceptEditKind.Lock, className, conceptName);

    /// <summary>Lift an earlier edit's constraint on the weight of <paramref name="conceptName"/> in <paramref name="className"/>.</summary>
    /// <param name="className">The class.</param>
    /// <param name="conceptName">The concept.</param>
    public static ConceptEdit Release(string className, string conceptName) => new(ConceptEditKind.Release, className, conceptName);

    /// <summary>A short readable form, e.g. <c>downtune boat/water ×2</c>.</summary>
    [JsonIgnore]
    public string Description => Kind is ConceptEditKind.Uptune or ConceptEditKind.Downtune
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Kind.ToString().ToLowerInvariant()} {ClassName}/{ConceptName} ×{Factor:G6}")
        : $"{Kind.ToString().ToLowerInvariant()} {ClassName}/{ConceptName}";
}
