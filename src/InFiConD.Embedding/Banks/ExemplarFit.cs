namespace InFiConD.Embedding;

/// <summary>How one exemplar concept vector was made and how well it separates its exemplars.</summary>
/// <param name="Concept">The concept name.</param>
/// <param name="Positives">Positive images that were encoded.</param>
/// <param name="Negatives">Negative images used (given, or other concepts' positives for a CAV).</param>
/// <param name="Iterations">Newton iterations of the CAV fit; 0 for a prototype.</param>
/// <param name="Converged">Whether the CAV fit reached its tolerance; always <see langword="true"/> for a prototype.</param>
/// <param name="Objective">The CAV fit's final objective (balanced mean logistic loss + λ/2 ‖w‖²); <see langword="null"/> for a prototype.</param>
/// <param name="Auc">How well the cosine to the vector ranks positives above negatives (area under the ROC curve, ties counted half); <see langword="null"/> without negatives.</param>
public sealed record ExemplarFit(string Concept, int Positives, int Negatives, int Iterations, bool Converged, double? Objective, double? Auc);
