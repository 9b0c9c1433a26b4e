namespace InFiConD.Embedding;

/// <summary>How one exemplar concept vector was made and how well it separates its exemplars.</summary>
/// <param name="Concept">The concept name.</param>
/// <param name="Positives">Positive images that were encoded.</param>
/// <param name="Negatives">Negative images used (given, other concepts' positives for a CAV, and <see cref="ExemplarBankOptions.RandomNegatives"/>).</param>
/// <param name="Iterations">Newton iterations of the final CAV fit (summed over multiple-instance rounds); 0 for a prototype.</param>
/// <param name="Converged">Whether the CAV fit reached its tolerance; always <see langword="true"/> for a prototype.</param>
/// <param name="Objective">The CAV fit's final objective (balanced mean logistic loss + λ/2 ‖w‖²); <see langword="null"/> for a prototype.</param>
/// <param name="Auc">Training-set AUC: how well the vector made from all exemplars ranks those same positives above those
/// negatives (area under the ROC curve, ties counted half; an image scores its best segment with <see cref="ExemplarInstances.BestSegment"/>);
/// <see langword="null"/> without negatives. Optimistic: see <paramref name="CrossValidatedAuc"/>.</param>
/// <param name="CrossValidatedAuc">Held-out AUC by stratified <paramref name="Folds"/>-fold cross-validation (each fold scored by a
/// vector refitted without it, scores pooled over folds); <see langword="null"/> when either side has fewer than two images.</param>
/// <param name="Folds">Cross-validation folds, min(<see cref="ExemplarBankOptions.CrossValidationFolds"/>, positives, negatives); 0 when not cross-validated.</param>
/// <param name="Instances">Which embeddings the detector was fitted on: <see cref="ExemplarInstances.WholeImage"/> or
/// <see cref="ExemplarInstances.BestSegment"/>, never <see cref="ExemplarInstances.Auto"/> (which records the one it chose).</param>
/// <param name="RejectedCrossValidatedAuc">With <see cref="ExemplarInstances.Auto"/>, the cross-validated AUC of the fit that was not kept
/// (<see langword="null"/> otherwise, or when it could not be cross-validated).</param>
public sealed record ExemplarFit(string Concept, int Positives, int Negatives, int Iterations, bool Converged, double? Objective, double? Auc,
    double? CrossValidatedAuc = null, int Folds = 0, ExemplarInstances Instances = ExemplarInstances.WholeImage, double? RejectedCrossValidatedAuc = null);
