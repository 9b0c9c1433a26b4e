using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>
/// Builds <see cref="MisalignmentReport"/>s for one set of images, teacher outputs and ground truth, for student after
/// student: everything that does not depend on the students (the teacher aligned to the images, each concept's high images
/// and threshold, column sums over all images and over those the teacher says each class about, the ln n! table of the
/// significance test) is computed once by <see cref="Create(ConceptScores, TeacherOutputs, IReadOnlyList{int}?, MisalignmentOptions?, CancellationToken)"/>,
/// so re-analysing after an edit costs only what the students change. Immutable and safe to use from several threads.
/// </summary>
public sealed class MisalignmentAnalyzer
{
    private MisalignmentAnalyzer(ConceptScores scores, TeacherOutputs teacher, int[]? groundTruth, MisalignmentOptions options, ConceptHighSets highSets, double[] totals, double[][] teacherSums, FisherExactTest fisher)
    {
        TeacherClassSums = teacherSums;
        Scores = scores;
        Teacher = teacher;
        GroundTruth = groundTruth;
        Options = options;
        HighSets = highSets;
        ColumnTotals = totals;
        Fisher = fisher;
    }

    /// <summary>The images analysed.</summary>
    public ConceptScores Scores { get; }

    /// <summary>The teacher's outputs, aligned to <see cref="ConceptScores.ImageIds"/> of <see cref="Scores"/>.</summary>
    public TeacherOutputs Teacher { get; }

    /// <summary>The options every report is built with.</summary>
    public MisalignmentOptions Options { get; }

    /// <summary>Whether ground truth was given.</summary>
    public bool HasGroundTruth => GroundTruth is not null;

    internal int[]? GroundTruth { get; }

    /// <summary>The images' metadata columns, whose values are slice candidates too; <see langword="null"/> when none were given.</summary>
    public ImageMetadata? Metadata { get; private set; }

    internal ConceptHighSets HighSets { get; }

    internal double[] ColumnTotals { get; }

    /// <summary>Per class, the column sums over the images the teacher says it about.</summary>
    internal double[][] TeacherClassSums { get; }

    internal FisherExactTest Fisher { get; }

    /// <summary>Prepares the analysis of the images of <paramref name="scores"/>.</summary>
    /// <param name="scores">Raw concept scores of the images to analyse (at least one image).</param>
    /// <param name="teacher">The teacher's outputs; aligned to the scores' image ids (it may cover more images).</param>
    /// <param name="groundTruth">Optional true class index per row of <paramref name="scores"/>, each in [0, K).</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="MisalignmentOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <exception cref="ArgumentException">There are no images or classes, or a scored image has no teacher output.</exception>
    /// <exception cref="ShapeMismatchException">The ground truth does not hold one label per image.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, K) (its row named), or an option is out of range.</exception>
    public static MisalignmentAnalyzer Create(ConceptScores scores, TeacherOutputs teacher, IReadOnlyList<int>? groundTruth = null, MisalignmentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        options = (options ?? MisalignmentOptions.Default).Validate();
        if (scores.ImageCount == 0 || teacher.ClassCount == 0)
        {
            throw new ArgumentException($"The analysis needs at least one image and one class; got {scores.ImageCount} images and {teacher.ClassCount} classes.", nameof(scores));
        }
        var labels = groundTruth is null ? null : InputChecks.GroundTruth(groundTruth, scores.ImageCount, teacher.ClassCount, nameof(groundTruth));
        var aligned = InputChecks.Align(teacher, scores);
        var highSets = ConceptHighSets.Compute(scores, options, cancellationToken);
        var totals = SubsetSums.ColumnTotals(scores.Values, options.Threads, cancellationToken);
        var teacherSums = SubsetSums.TeacherClassSums(scores.Values, aligned, options.MultiLabelThreshold, options.Threads, cancellationToken);
        return new MisalignmentAnalyzer(scores, aligned, labels, options, highSets, totals, teacherSums, new FisherExactTest(scores.ImageCount));
    }

    /// <summary>
    /// Prepares the analysis of one split: its scores, teacher outputs and ground truth, and its metadata columns, whose
    /// values become slice candidates (<see cref="MisalignmentReport.AttributeSlices"/>).
    /// </summary>
    /// <param name="split">The split.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="MisalignmentOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MisalignmentAnalyzer Create(DataSplit split, MisalignmentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        var analyzer = Create(split.Scores, split.Teacher, split.GroundTruth, options, cancellationToken);
        analyzer.Metadata = split.Metadata.Columns.Count == 0 ? null : split.Metadata;
        return analyzer;
    }

    /// <summary>Prepares the analysis with ground truth given as class names (ordinal match with the teacher's classes).</summary>
    /// <param name="scores">Raw concept scores of the images to analyse.</param>
    /// <param name="teacher">The teacher's outputs; aligned to the scores' image ids.</param>
    /// <param name="groundTruthNames">True class name per row of <paramref name="scores"/>.</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="MisalignmentOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <exception cref="ArgumentException">As the other overload, or a label is not a class name (its row named).</exception>
    /// <exception cref="ShapeMismatchException">The ground truth does not hold one label per image.</exception>
    public static MisalignmentAnalyzer Create(ConceptScores scores, TeacherOutputs teacher, IReadOnlyList<string> groundTruthNames, MisalignmentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(groundTruthNames);
        return Create(scores, teacher, InputChecks.GroundTruth(groundTruthNames, teacher.ClassNames, scores.ImageCount, nameof(groundTruthNames)), options, cancellationToken);
    }

    /// <summary>The report for <paramref name="students"/>.</summary>
    /// <param name="students">The students (their concepts must be the scores' columns, their classes the teacher's).</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <exception cref="ArgumentException">Concepts or classes do not line up (the first differing position is named).</exception>
    public MisalignmentReport Analyze(StudentEnsemble students, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(students);
        CheckStudents(students);
        return MisalignmentBuilder.Build(this, students, students.Logits(Scores.Values).AsSpan(), cancellationToken);
    }

    /// <summary>
    /// The report for <paramref name="students"/> whose logits on <see cref="Scores"/> the caller already has (for example an
    /// editor that recomputed only the edited class's column). The logits must be what
    /// <see cref="StudentEnsemble.Logits(FloatMatrix)"/> returns, or the report describes other students.
    /// </summary>
    /// <param name="students">The students.</param>
    /// <param name="logits">Their N × K logits on <see cref="Scores"/> (read, not kept).</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <exception cref="ArgumentException">Concepts or classes do not line up.</exception>
    /// <exception cref="ShapeMismatchException">The logits are not N × K.</exception>
    public MisalignmentReport Analyze(StudentEnsemble students, FloatMatrix logits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(logits);
        CheckStudents(students);
        if (logits.Rows != Scores.ImageCount || logits.Columns != students.ClassCount)
        {
            throw new ShapeMismatchException(nameof(logits), $"{Scores.ImageCount} × {students.ClassCount} (images × classes)", $"{logits.Rows} × {logits.Columns}");
        }
        return MisalignmentBuilder.Build(this, students, logits.AsSpan(), cancellationToken);
    }

    /// <summary>
    /// As <see cref="Analyze(StudentEnsemble, FloatMatrix, CancellationToken)"/>, with the logits as a read-only row-major
    /// N × K view (for example <c>SessionVersion.LogitValues</c> of an editing session), so nothing is copied.
    /// </summary>
    /// <param name="students">The students.</param>
    /// <param name="logits">Their logits on <see cref="Scores"/>, row-major N × K (read, not kept).</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <exception cref="ArgumentException">Concepts or classes do not line up.</exception>
    /// <exception cref="ShapeMismatchException">The logits do not hold N × K values.</exception>
    public MisalignmentReport Analyze(StudentEnsemble students, ReadOnlySpan<float> logits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(students);
        CheckStudents(students);
        if (logits.Length != (long)Scores.ImageCount * students.ClassCount)
        {
            throw new ShapeMismatchException(nameof(logits), $"{(long)Scores.ImageCount * students.ClassCount} values ({Scores.ImageCount} images × {students.ClassCount} classes, row-major)", $"{logits.Length} values");
        }
        return MisalignmentBuilder.Build(this, students, logits, cancellationToken);
    }

    private void CheckStudents(StudentEnsemble students)
    {
        InputChecks.SameConcepts(students, Scores, nameof(students));
        InputChecks.SameClasses(students, Teacher, nameof(students));
    }
}
