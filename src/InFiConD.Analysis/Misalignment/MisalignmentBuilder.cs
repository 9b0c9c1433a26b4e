using InFiConD.Concepts;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>The computation behind <see cref="MisalignmentReport.Build(StudentEnsemble, ConceptScores, TeacherOutputs, IReadOnlyList{int}?, MisalignmentOptions?, CancellationToken)"/>.</summary>
internal static class MisalignmentBuilder
{
    public static MisalignmentReport Build(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher, int[]? groundTruth, MisalignmentOptions options, CancellationToken cancellationToken)
    {
        options.Validate();
        InputChecks.SameConcepts(students, scores, nameof(scores));
        InputChecks.SameClasses(students, teacher, nameof(teacher));
        InputChecks.NotEmpty(scores, students, nameof(scores));
        var aligned = InputChecks.Align(teacher, scores);
        var (n, k) = (scores.ImageCount, students.ClassCount);
        var threads = options.Threads;

        var decisions = Decisions.Compute(students.Logits(scores.Values), aligned, options.MultiLabelThreshold);
        cancellationToken.ThrowIfCancellationRequested();
        var subsets = ClassSubsets.Compute(decisions, threads, cancellationToken);
        var totals = SubsetSums.ColumnTotals(scores.Values, threads, cancellationToken);
        var rankings = new (ConceptContrast[] TeacherOnly, ConceptContrast[] StudentOnly)[k];
        Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, cls =>
            rankings[cls] = ContrastRanking.Rank(students, scores.Values, totals, subsets[cls], cls, options.TopConcepts));
        var (slices, topSlices, tests) = SliceFinder.Find(scores, students.ClassNames, decisions, options, cancellationToken);

        var classes = new ClassMisalignment[k];
        for (var cls = 0; cls < k; cls++)
        {
            var s = subsets[cls];
            ImageSubset Subset(SubsetKind kind) => MakeSubset(kind, s[kind], cls, scores.ImageIds, groundTruth);
            classes[cls] = new ClassMisalignment(cls, students.ClassNames[cls],
                Subset(SubsetKind.AgreePositive), Subset(SubsetKind.AgreeNegative), Subset(SubsetKind.TeacherOnly), Subset(SubsetKind.StudentOnly),
                (double)(s[SubsetKind.AgreePositive].Length + s[SubsetKind.AgreeNegative].Length) / n,
                rankings[cls].TeacherOnly, rankings[cls].StudentOnly, slices[2 * cls], slices[2 * cls + 1]);
        }

        var confusion = new int[k][];
        for (var t = 0; t < k; t++)
        {
            confusion[t] = new int[k];
        }
        var agree = 0;
        for (var i = 0; i < n; i++)
        {
            confusion[decisions.TeacherTop[i]][decisions.StudentTop[i]]++;
            agree += decisions.TeacherTop[i] == decisions.StudentTop[i] ? 1 : 0;
        }
        return new MisalignmentReport(n, scores.ConceptCount, students.ClassNames.ToArray(), aligned.MultiLabel, (double)agree / n,
            confusion, classes, topSlices, tests, groundTruth is not null, options);
    }

    private static ImageSubset MakeSubset(SubsetKind kind, int[] rows, int cls, IReadOnlyList<string> ids, int[]? groundTruth)
    {
        var names = new string[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            names[i] = ids[rows[i]];
        }
        if (groundTruth is null)
        {
            return new ImageSubset(kind, rows.Length, names, null);
        }
        // The teacher's decision about the class is right when it says the class exactly when the truth is the class.
        var teacherSays = kind is SubsetKind.AgreePositive or SubsetKind.TeacherOnly;
        var (right, wrong) = (new List<string>(), new List<string>());
        foreach (var row in rows)
        {
            (teacherSays == (groundTruth[row] == cls) ? right : wrong).Add(ids[row]);
        }
        return new ImageSubset(kind, rows.Length, names, new GroundTruthSplit(right.Count, wrong.Count, right.ToArray(), wrong.ToArray()));
    }
}
