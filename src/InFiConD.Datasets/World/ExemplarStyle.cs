namespace InFiConD.Datasets;

/// <summary>How ConceptWorld renders the exemplars of part, colour and texture concepts (see <see cref="ConceptWorldOptions.Exemplars"/>).</summary>
public enum ExemplarStyle
{
    /// <summary>The part alone, enlarged, or swatches of the colour or texture, on neutral grey; negatives are siblings drawn the same way (default).</summary>
    Isolated,

    /// <summary>
    /// A whole scene (an object on a background, at the scale images show it) that shows the concept, and as its negative
    /// the same scene with only the concept changed: the part left out, or the object painted in a sibling colour or
    /// texture. Counterfactual pairs, so what sets positive from negative is the concept alone, seen the way images show it.
    /// Background exemplars are drawn as with <see cref="Isolated"/>.
    /// </summary>
    InScene,
}
