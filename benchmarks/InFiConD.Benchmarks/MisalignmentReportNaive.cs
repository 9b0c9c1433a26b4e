using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Students;

namespace InFiConD.Benchmarks;

/// <summary>
/// The misalignment report's numbers computed the straightforward way, as the in-run reference of
/// <see cref="MisalignmentReportBenchmarks"/>: the standardised N × C matrix is materialised, every mean contribution is a
/// loop over the subset's images, every concept's column is fully sorted for its threshold, and every (concept, class,
/// kind) counts its disagreements with a pass over all images. Outer loops run in parallel (classes, concepts) with the
/// same thread count as the library, so the comparison is between algorithms, not thread counts. Single-label only.
/// </summary>
internal static class MisalignmentReportNaive
{
    /// <summary>Computes subsets, contrasts and slices; returns the number of slices found (so nothing is optimised away).</summary>
    public static int Run(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher, MisalignmentOptions options)
    {
        var (n, c, k) = (scores.ImageCount, scores.ConceptCount, students.ClassCount);
        var aligned = teacher.AlignTo(scores.ImageIds);
        var teacherTop = aligned.PredictedLabels.ToArray();
        var studentTop = students.PredictLabels(scores);
        var z = students.Standardize(scores.Values);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };

        // Subsets with ids, and mean contributions per subset.
        var contrasts = new double[k];
        Parallel.For(0, k, parallel, cls =>
        {
            var members = new List<int>[4];
            var ids = new List<string>[4];
            for (var s = 0; s < 4; s++)
            {
                (members[s], ids[s]) = ([], []);
            }
            for (var i = 0; i < n; i++)
            {
                var s = (int)Kind(teacherTop[i] == cls, studentTop[i] == cls);
                members[s].Add(i);
                ids[s].Add(scores.ImageIds[i]);
            }
            var w = students.StandardizedWeights(cls);
            double checksum = 0;
            for (var j = 0; j < c; j++)
            {
                checksum += MeanContribution(z, members[(int)SubsetKind.TeacherOnly], j, w[j]) - MeanContribution(z, members[(int)SubsetKind.AgreePositive], j, w[j]);
                checksum += MeanContribution(z, members[(int)SubsetKind.StudentOnly], j, w[j]) - MeanContribution(z, members[(int)SubsetKind.AgreeNegative], j, w[j]);
            }
            contrasts[cls] = checksum;
        });

        // Slices.
        var fisher = new FisherExactTest(n);
        var high = (int)Math.Ceiling(options.HighFraction * n - 1e-9);
        var found = new int[c];
        Parallel.For(0, c, parallel, j =>
        {
            var column = new float[n];
            for (var i = 0; i < n; i++)
            {
                column[i] = scores[i, j];
            }
            var sorted = (float[])column.Clone();
            Array.Sort(sorted);
            var t = sorted[n - high];
            var strict = t == sorted[0];
            var isHigh = column.Select(x => strict ? x > t : x >= t).ToArray();
            var h = isHigh.Count(b => b);
            if (h == 0 || h == n)
            {
                return;
            }
            for (var cls = 0; cls < k; cls++)
            {
                foreach (var teacherOnly in new[] { true, false })
                {
                    var (a, total) = (0, 0);
                    for (var i = 0; i < n; i++)
                    {
                        var hit = teacherOnly ? teacherTop[i] == cls && studentTop[i] != cls : studentTop[i] == cls && teacherTop[i] != cls;
                        total += hit ? 1 : 0;
                        a += hit && isHigh[i] ? 1 : 0;
                    }
                    if (total > 0 && a >= options.MinimumSupport && (long)a * n > (long)total * h && fisher.UpperTail(total, h, a) <= 1)
                    {
                        found[j]++;
                    }
                }
            }
        });
        return found.Sum() + (contrasts.Sum() > 0 ? 1 : 0);
    }

    private static double MeanContribution(InFiConD.Core.FloatMatrix z, List<int> rows, int j, float w)
    {
        double sum = 0;
        foreach (var i in rows)
        {
            sum += w * z[i, j];
        }
        return rows.Count == 0 ? 0 : sum / rows.Count;
    }

    private static SubsetKind Kind(bool teacher, bool student) =>
        teacher ? (student ? SubsetKind.AgreePositive : SubsetKind.TeacherOnly) : (student ? SubsetKind.StudentOnly : SubsetKind.AgreeNegative);
}
