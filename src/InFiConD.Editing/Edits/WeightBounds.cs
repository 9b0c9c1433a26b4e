using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// The interval an edit puts on one standardised weight, and where the refit starts it. Lower ≤ Upper always;
/// the refit keeps the weight inside [<paramref name="Lower"/>, <paramref name="Upper"/>] until a later edit on
/// the same weight replaces the interval or a <see cref="ConceptEditKind.Release"/> lifts it.
/// </summary>
/// <param name="ClassIndex">Class k.</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="ConceptIndex">Concept j.</param>
/// <param name="ConceptName">The concept's name.</param>
/// <param name="Kind">The edit that set the interval (never <see cref="ConceptEditKind.Release"/>).</param>
/// <param name="Factor">The edit's factor x.</param>
/// <param name="Original">w⁰: the weight in the version the edit was applied to.</param>
/// <param name="Lower">Lower bound (−∞ for a converged uptune of a negative weight, or a bound open below).</param>
/// <param name="Upper">Upper bound (+∞ for a converged uptune of a positive weight, or a bound open above).</param>
/// <param name="Start">The refit's starting value, inside the interval.</param>
/// <param name="Floored">True when |w⁰| was below the zero-weight floor ε and an uptune used ±ε in place of w⁰.</param>
public sealed record WeightBounds(
    int ClassIndex,
    string ClassName,
    int ConceptIndex,
    string ConceptName,
    ConceptEditKind Kind,
    double Factor,
    float Original,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] float Lower,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] float Upper,
    float Start,
    bool Floored)
{
    /// <summary>True when <paramref name="value"/> lies inside [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    /// <param name="value">A weight.</param>
    public bool Contains(float value) => value >= Lower && value <= Upper;
}
