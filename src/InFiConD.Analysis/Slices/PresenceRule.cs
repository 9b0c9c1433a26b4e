namespace InFiConD.Analysis;

/// <summary>How a <see cref="MisalignmentReport"/> decides that a concept is present in an image.</summary>
public enum PresenceRule
{
    /// <summary>
    /// The score reaches the concept's own threshold: the scores' <see cref="Concepts.ConceptScores.PresenceThresholds"/> when
    /// they carry them (a distillation calibrates them on the training images), else calibrated on the analysed scores
    /// (<see cref="Concepts.ConceptPresence"/>).
    /// </summary>
    Calibrated,

    /// <summary>The score is among the top <see cref="MisalignmentOptions.HighFraction"/> of the analysed images, the same fraction for every concept.</summary>
    TopFraction,
}
