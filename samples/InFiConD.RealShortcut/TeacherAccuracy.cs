namespace InFiConD.RealShortcut;

/// <summary>
/// The teacher's accuracy against the ground truth on one split, overall and on marked vs unmarked images of the classes
/// the mark was not planted on (where a learned shortcut shows: a marked sandal called a sneaker).
/// </summary>
/// <param name="Split">The split.</param>
/// <param name="Accuracy">Over every image.</param>
/// <param name="MarkedOthers">Over the marked images of the other classes; <see langword="null"/> when there are none.</param>
/// <param name="MarkedOthersCount">How many those are.</param>
/// <param name="UnmarkedOthers">Over the unmarked images of the other classes.</param>
/// <param name="UnmarkedOthersCount">How many those are.</param>
/// <param name="MarkedOthersCalledTarget">Fraction of the marked images of the other classes the teacher calls the target class.</param>
internal sealed record TeacherAccuracy(string Split, double Accuracy, double? MarkedOthers, int MarkedOthersCount, double? UnmarkedOthers, int UnmarkedOthersCount, double? MarkedOthersCalledTarget);
