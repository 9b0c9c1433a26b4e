namespace InFiConD.Analysis;

/// <summary>
/// Two misalignment reports of the same images side by side — typically one split before and after an edit — so the
/// verify step of the loop reads in one place: agreement overall and per class, and which suspected shortcuts were
/// resolved (significant before, not after) or newly appeared.
/// </summary>
public sealed record ReportComparison
{
    private ReportComparison(MisalignmentReport before, MisalignmentReport after, IReadOnlyList<ClassComparison> classes,
        IReadOnlyList<SuspectedShortcut> resolved, IReadOnlyList<SuspectedShortcut> appeared)
    {
        Before = before;
        After = after;
        Classes = classes;
        Resolved = resolved;
        Appeared = appeared;
    }

    /// <summary>The first report.</summary>
    public MisalignmentReport Before { get; }

    /// <summary>The second report.</summary>
    public MisalignmentReport After { get; }

    /// <summary>The split both describe (the reports' <see cref="MisalignmentReport.Split"/>), when known.</summary>
    public string? Split => After.Split ?? Before.Split;

    /// <summary>Change of overall agreement with the teacher, after − before.</summary>
    public double AgreementDelta => After.Agreement - Before.Agreement;

    /// <summary>Every class, in class order.</summary>
    public IReadOnlyList<ClassComparison> Classes { get; }

    /// <summary>Suspects significant in <see cref="Before"/> that are not significant (or gone) in <see cref="After"/>, as they were before.</summary>
    public IReadOnlyList<SuspectedShortcut> Resolved { get; }

    /// <summary>Suspects significant in <see cref="After"/> that were not significant in <see cref="Before"/>, as they are after.</summary>
    public IReadOnlyList<SuspectedShortcut> Appeared { get; }

    /// <summary>Compares two reports of the same images and classes.</summary>
    /// <param name="before">The first report.</param>
    /// <param name="after">The second report.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">The reports cover different classes or a different number of images (or name different splits).</exception>
    public static ReportComparison Of(MisalignmentReport before, MisalignmentReport after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!before.ClassNames.SequenceEqual(after.ClassNames, StringComparer.Ordinal) || before.ImageCount != after.ImageCount
            || (before.Split is not null && after.Split is not null && before.Split != after.Split))
        {
            throw new ArgumentException($"The reports describe different images ({before.ImageCount} images of split '{before.Split}' and {after.ImageCount} of '{after.Split}') or classes; compare two reports of one split.", nameof(after));
        }
        var classes = before.Classes.Zip(after.Classes, (b, a) => new ClassComparison(b.ClassName, b.Agreement, a.Agreement,
            b.TeacherOnly.Count, a.TeacherOnly.Count, b.StudentOnly.Count, a.StudentOnly.Count)).ToArray();
        static HashSet<(string, string)> Significant(MisalignmentReport r) => [.. r.Suspects.Where(s => s.IsSignificant).Select(s => (s.ClassName, s.ConceptName))];
        var (wasSignificant, isSignificant) = (Significant(before), Significant(after));
        var resolved = before.Suspects.Where(s => s.IsSignificant && !isSignificant.Contains((s.ClassName, s.ConceptName))).ToArray();
        var appeared = after.Suspects.Where(s => s.IsSignificant && !wasSignificant.Contains((s.ClassName, s.ConceptName))).ToArray();
        return new ReportComparison(before, after, classes, resolved, appeared);
    }
}
