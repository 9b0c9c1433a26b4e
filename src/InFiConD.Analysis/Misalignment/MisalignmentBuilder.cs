using System.Runtime.CompilerServices;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>The student-dependent part of a report, on top of what a <see cref="MisalignmentAnalyzer"/> prepared.</summary>
internal static class MisalignmentBuilder
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static MisalignmentReport Build(MisalignmentAnalyzer analyzer, StudentEnsemble students, ReadOnlySpan<float> logits, CancellationToken cancellationToken)
    {
        var (scores, options, groundTruth) = (analyzer.Scores, analyzer.Options, analyzer.GroundTruth);
        var (n, k) = (scores.ImageCount, students.ClassCount);
        var threads = options.Threads;

        var decisions = Decisions.Compute(logits, analyzer.Teacher, options.MultiLabelThreshold);
        cancellationToken.ThrowIfCancellationRequested();
        var subsets = ClassSubsets.Compute(decisions, threads, cancellationToken);
        var rankings = new (ConceptContrast[] TeacherOnly, ConceptContrast[] StudentOnly)[k];
        Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, cls =>
            rankings[cls] = ContrastRanking.Rank(students, scores.Values, analyzer.ColumnTotals, analyzer.TeacherClassSums[cls], subsets[cls], cls, options.TopConcepts));
        var (slices, topSlices, tests) = SliceFinder.Find(analyzer.HighSets, analyzer.Fisher, scores.ConceptNames, students.ClassNames, decisions, options, cancellationToken);

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
        var (suspects, suspectTests) = SuspectFinder.Find(analyzer, students, logits, decisions, cancellationToken);
        var (attributeSlices, attributeTests) = AttributeSliceFinder.Find(analyzer.Metadata, analyzer.Fisher, students.ClassNames, decisions, options, cancellationToken);
        return new MisalignmentReport(n, scores.ConceptCount, students.ClassNames.ToArray(), analyzer.Teacher.MultiLabel, (double)agree / n,
            confusion, classes, topSlices, tests, groundTruth is not null, options)
        {
            Suspects = suspects,
            SuspectTests = suspectTests,
            AttributeSlices = attributeSlices,
            AttributeSliceTests = attributeTests,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
