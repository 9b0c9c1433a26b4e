using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// One change a person asks for: tune, remove, lock, set, bound or release the weight of one concept in one class's
/// student — or in every class's (<see cref="AllClasses"/>). Build edits with the static factories or a
/// <see cref="ConceptEditBuilder"/>; check them with <see cref="EditSession.Validate(IReadOnlyList{ConceptEdit}, EditRefit?)"/> and apply them with
/// <see cref="EditSession.EditAsync(IReadOnlyList{ConceptEdit}, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>,
/// which checks them against the students (names, factor, values, conflicts) before anything changes.
/// </summary>
/// <param name="Kind">What to do.</param>
/// <param name="ClassName">The class whose student changes (matched exactly, then ignoring case and spacing), or
/// <see cref="AllClasses"/> for every class.</param>
/// <param name="ConceptName">The concept whose weight changes (matched the same way).</param>
/// <param name="Factor">The tuning factor x &gt; 1 (<see cref="DefaultFactor"/> by default); used by
/// <see cref="ConceptEditKind.Uptune"/> and <see cref="ConceptEditKind.Downtune"/>, validated for every kind.</param>
/// <param name="Sign">For an uptune of a weight below the zero-weight floor: the direction to grow in.</param>
/// <param name="Value">The value of a <see cref="ConceptEditKind.Set"/> (standardised units); unused otherwise.</param>
/// <param name="Lower">The lower end of a <see cref="ConceptEditKind.Bound"/> (standardised units, may be −∞); unused otherwise.</param>
/// <param name="Upper">The upper end of a <see cref="ConceptEditKind.Bound"/> (standardised units, may be +∞); unused otherwise.</param>
public sealed record ConceptEdit(
    [property: JsonRequired] ConceptEditKind Kind,
    [property: JsonRequired] string ClassName,
    [property: JsonRequired] string ConceptName,
    double Factor = ConceptEdit.DefaultFactor,
    ZeroWeightSign Sign = ZeroWeightSign.Auto,
    double? Value = null,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double? Lower = null,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double? Upper = null)
{
    /// <summary>The paper's default tuning factor x = 2.</summary>
    public const double DefaultFactor = 2.0;

    /// <summary>The class name that scopes an edit to every class: <c>ConceptEdit.Remove(ConceptEdit.AllClasses, "red mark")</c>.</summary>
    public const string AllClasses = "*";

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

    /// <summary>Fix the weight of <paramref name="conceptName"/> in <paramref name="className"/> at <paramref name="value"/> (standardised units).</summary>
    /// <param name="className">The class.</param>
    /// <param name="conceptName">The concept.</param>
    /// <param name="value">The weight, finite.</param>
    public static ConceptEdit Set(string className, string conceptName, double value) => new(ConceptEditKind.Set, className, conceptName, Value: value);

    /// <summary>Keep the weight of <paramref name="conceptName"/> in <paramref name="className"/> inside [<paramref name="lower"/>, <paramref name="upper"/>] (standardised units).</summary>
    /// <param name="className">The class.</param>
    /// <param name="conceptName">The concept.</param>
    /// <param name="lower">The lower end (may be −∞).</param>
    /// <param name="upper">The upper end (may be +∞), ≥ <paramref name="lower"/>.</param>
    public static ConceptEdit Bound(string className, string conceptName, double lower, double upper) =>
        new(ConceptEditKind.Bound, className, conceptName, Lower: lower, Upper: upper);

    /// <summary>Lift an earlier edit's constraint on the weight of <paramref name="conceptName"/> in <paramref name="className"/>.</summary>
    /// <param name="className">The class.</param>
    /// <param name="conceptName">The concept.</param>
    public static ConceptEdit Release(string className, string conceptName) => new(ConceptEditKind.Release, className, conceptName);

    /// <summary>A short readable form, e.g. <c>downtune boat/water ×2</c>, <c>remove */red mark</c> (every class).</summary>
    [JsonIgnore]
    public string Description => (Kind switch
    {
        ConceptEditKind.Uptune or ConceptEditKind.Downtune => (FormattableString)$"{Verb} {ClassName}/{ConceptName} ×{Factor:G6}",
        ConceptEditKind.Set => (FormattableString)$"{Verb} {ClassName}/{ConceptName} = {Value:G6}",
        ConceptEditKind.Bound => (FormattableString)$"{Verb} {ClassName}/{ConceptName} in [{Lower:G6}, {Upper:G6}]",
        _ => (FormattableString)$"{Verb} {ClassName}/{ConceptName}",
    }).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Verb => Kind.ToString().ToLowerInvariant();
}
