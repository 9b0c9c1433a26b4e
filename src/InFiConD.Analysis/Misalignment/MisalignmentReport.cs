using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>
/// Where a <see cref="StudentEnsemble"/> and its teacher disagree on a set of images, and why: per class the four
/// subsets (<see cref="SubsetKind"/>), the concepts whose contributions differ most between each misaligned subset and
/// its aligned counterpart, and the concept-described slices that concentrate the disagreements; the top-1 confusion
/// matrix; with ground truth, each subset split by whether the teacher is right. Read-only: building it changes nothing.
/// To analyse student after student on the same images (an editing session), create a <see cref="MisalignmentAnalyzer"/>
/// once and call <see cref="MisalignmentAnalyzer.Analyze(StudentEnsemble, CancellationToken)"/>: the report is the same.
/// </summary>
/// <param name="ImageCount">Images analysed N.</param>
/// <param name="ConceptCount">Concepts C.</param>
/// <param name="ClassNames">The K classes.</param>
/// <param name="MultiLabel">Whether the teacher is multi-label (decisions by threshold rather than top class).</param>
/// <param name="Agreement">Fraction of images whose student top class equals the teacher's (the paper's fidelity).</param>
/// <param name="Confusion">K × K counts of top classes: row = teacher's top class, column = student's top class (argmax,
/// first on ties, for multi-label teachers too). Rows sum to the teacher's class counts, the total to N.</param>
/// <param name="Classes">One entry per class, in class order.</param>
/// <param name="TopSlices">The best slices over every class and both disagreement kinds, most significant first (then by lift).</param>
/// <param name="SliceTests">Slices tested (the Bonferroni factor of <see cref="ConceptSlice.AdjustedPValue"/>).</param>
/// <param name="HasGroundTruth">Whether ground truth was given (then every subset carries a <see cref="GroundTruthSplit"/>).</param>
/// <param name="Options">The options the report was built with.</param>
public sealed record MisalignmentReport(
    int ImageCount,
    int ConceptCount,
    IReadOnlyList<string> ClassNames,
    bool MultiLabel,
    double Agreement,
    IReadOnlyList<IReadOnlyList<int>> Confusion,
    IReadOnlyList<ClassMisalignment> Classes,
    IReadOnlyList<ConceptSlice> TopSlices,
    int SliceTests,
    bool HasGroundTruth,
    MisalignmentOptions Options)
{
    /// <summary>
    /// The (class, concept) reliances a person should look at first, ranked by evidence (see <see cref="SuspectedShortcut"/>):
    /// the report's headline. Empty when no student weight is associated with errors or disagreements.
    /// </summary>
    public IReadOnlyList<SuspectedShortcut> Suspects { get; init; } = [];

    /// <summary>(Class, concept) candidates tested for <see cref="Suspects"/> (the Holm adjustment's size).</summary>
    public int SuspectTests { get; init; }

    /// <summary>
    /// Slices described by the images' metadata (a manifest's extra columns, when the analysis was prepared from a split
    /// that has them), most significant first; empty otherwise.
    /// </summary>
    public IReadOnlyList<AttributeSlice> AttributeSlices { get; init; } = [];

    /// <summary>Attribute slices tested (the Bonferroni factor of <see cref="AttributeSlice.AdjustedPValue"/>).</summary>
    public int AttributeSliceTests { get; init; }

    /// <summary>Whether any suspect is significant (<see cref="SuspectedShortcut.IsSignificant"/>); when not, say so rather than showing the list as findings.</summary>
    public bool HasSignificantSuspect => Suspects.Any(s => s.IsSignificant);

    /// <summary>
    /// The version of the students the report describes (a session's version id, such as <c>root</c> or <c>v3</c>);
    /// <see langword="null"/> when the report was built outside a session.
    /// </summary>
    public string? VersionId { get; init; }

    /// <summary>
    /// The split whose images the report describes (<c>train</c>, <c>shifted</c>, …); <see langword="null"/> when the
    /// report was built outside a session.
    /// </summary>
    public string? Split { get; init; }

    /// <summary>Builds the report for the images of <paramref name="scores"/>.</summary>
    /// <param name="students">The students (their concepts must be the scores' columns, their classes the teacher's).</param>
    /// <param name="scores">Raw concept scores of the images to analyse.</param>
    /// <param name="teacher">The teacher's outputs; aligned to the scores' image ids (it may cover more images).</param>
    /// <param name="groundTruth">Optional true class index per row of <paramref name="scores"/>, each in [0, K).</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="MisalignmentOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <exception cref="ArgumentException">Concepts or classes do not line up (the first differing position is named), there
    /// are no images or classes, or a scored image has no teacher output.</exception>
    /// <exception cref="ShapeMismatchException">The ground truth does not hold one label per image.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, K) (its row named), or an option is out of range.</exception>
    public static MisalignmentReport Build(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher, IReadOnlyList<int>? groundTruth = null, MisalignmentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        CheckLineUp(students, scores, teacher);
        return MisalignmentAnalyzer.Create(scores, teacher, groundTruth, options, cancellationToken).Analyze(students, cancellationToken);
    }

    /// <summary>Builds the report with ground truth given as class names.</summary>
    /// <param name="students">The students (their concepts must be the scores' columns, their classes the teacher's).</param>
    /// <param name="scores">Raw concept scores of the images to analyse.</param>
    /// <param name="teacher">The teacher's outputs; aligned to the scores' image ids.</param>
    /// <param name="groundTruthNames">True class name per row of <paramref name="scores"/> (ordinal match with the class names).</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="MisalignmentOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <exception cref="ArgumentException">As <see cref="Build(StudentEnsemble, ConceptScores, TeacherOutputs, IReadOnlyList{int}?, MisalignmentOptions?, CancellationToken)"/>,
    /// or a label is not a class name (its row named).</exception>
    /// <exception cref="ShapeMismatchException">The ground truth does not hold one label per image.</exception>
    public static MisalignmentReport Build(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher, IReadOnlyList<string> groundTruthNames, MisalignmentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(groundTruthNames);
        CheckLineUp(students, scores, teacher);
        return MisalignmentAnalyzer.Create(scores, teacher, groundTruthNames, options, cancellationToken).Analyze(students, cancellationToken);
    }

    /// <summary>Checks concepts and classes before any work, so a mismatch is reported as such rather than as a missing image.</summary>
    private static void CheckLineUp(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher)
    {
        InputChecks.SameConcepts(students, scores, nameof(scores));
        InputChecks.SameClasses(students, teacher, nameof(teacher));
    }

    /// <summary>The entry of one class.</summary>
    /// <param name="className">The class name (ordinal match).</param>
    /// <exception cref="KeyNotFoundException">There is no such class.</exception>
    public ClassMisalignment ForClass(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        foreach (var entry in Classes)
        {
            if (string.Equals(entry.ClassName, className, StringComparison.Ordinal))
            {
                return entry;
            }
        }
        throw new KeyNotFoundException($"The report has no class '{className}'; its classes are {string.Join(", ", ClassNames.Take(5).Select(c => $"'{c}'"))}{(ClassNames.Count > 5 ? ", …" : "")}.");
    }
}
