namespace InFiConD.Embedding;

/// <summary>Which embeddings of an exemplar image a concept detector is fitted on (see <see cref="ExemplarBankOptions.Instances"/>).</summary>
public enum ExemplarInstances
{
    /// <summary>One embedding per image: the whole image through the encoder (default).</summary>
    WholeImage,

    /// <summary>
    /// Every image is cut into the segments of a dense encoder (the same ones images are scored on), and the detector is
    /// fitted multiple-instance style: every segment of a negative image is a negative; each positive image contributes the
    /// one segment its current detector scores highest (all of them in the first round), for a few rounds. An image's
    /// score is its best segment's, as in <c>ConceptScorer</c>, so the detector lives in the space it is scored in.
    /// Needs an <see cref="IDenseImageEncoder"/>.
    /// </summary>
    BestSegment,

    /// <summary>
    /// Each concept is fitted both ways, <see cref="WholeImage"/> and <see cref="BestSegment"/>, and keeps the detector whose
    /// cross-validated AUC on its own exemplars is higher (the whole image on ties, or when either cannot be cross-validated).
    /// The choice reads only the exemplars, so it is a model selection a user without ground truth can make;
    /// <see cref="ExemplarFit.Instances"/> records which one each concept kept. Needs an <see cref="IDenseImageEncoder"/>.
    /// </summary>
    Auto,
}
