using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>
/// Ranks concepts by how differently they contribute to one class in a misaligned subset and its aligned counterpart.
/// Because a contribution is linear in the standardised score, the mean contribution over a subset S is
/// <c>w_kj · (mean_S x_j − μ_j) / s_j</c>: one pass of column sums per subset, no per-(image, concept) products.
/// </summary>
internal static class ContrastRanking
{
    /// <summary>The rankings for class k: teacher-only against agree-positive, student-only against agree-negative.</summary>
    public static (ConceptContrast[] TeacherOnly, ConceptContrast[] StudentOnly) Rank(StudentEnsemble students, FloatMatrix values, double[] totals, ClassSubsets subsets, int k, int top)
    {
        var (positive, teacherOnly, studentOnly) = (subsets[SubsetKind.AgreePositive], subsets[SubsetKind.TeacherOnly], subsets[SubsetKind.StudentOnly]);
        var negativeCount = values.Rows - positive.Length - teacherOnly.Length - studentOnly.Length;
        var needPositive = teacherOnly.Length > 0 && positive.Length > 0;
        var needNegative = studentOnly.Length > 0 && negativeCount > 0;
        if (top == 0 || (!needPositive && !needNegative))
        {
            return ([], []);
        }
        var positiveSum = SubsetSums.Sum(values, positive);
        var teacherOnlySum = SubsetSums.Sum(values, teacherOnly);
        var studentOnlySum = SubsetSums.Sum(values, studentOnly);
        var teacherRanking = needPositive
            ? Compare(students, k, teacherOnlySum, teacherOnly.Length, positiveSum, positive.Length, explainsBy: -1, top)
            : [];
        ConceptContrast[] studentRanking = [];
        if (needNegative)
        {
            var negativeSum = new double[totals.Length];
            for (var j = 0; j < totals.Length; j++)
            {
                negativeSum[j] = totals[j] - positiveSum[j] - teacherOnlySum[j] - studentOnlySum[j];
            }
            studentRanking = Compare(students, k, studentOnlySum, studentOnly.Length, negativeSum, negativeCount, explainsBy: +1, top);
        }
        return (teacherRanking, studentRanking);
    }

    /// <summary>
    /// Concepts whose mean-contribution difference has the sign that explains the disagreement (<paramref name="explainsBy"/>:
    /// −1 lowers the student's logit in the subset, +1 raises it), largest magnitude first, ties by concept index.
    /// </summary>
    private static ConceptContrast[] Compare(StudentEnsemble students, int k, double[] subsetSum, int subsetCount, double[] counterpartSum, int counterpartCount, int explainsBy, int top)
    {
        var weights = students.StandardizedWeights(k);
        var mean = students.ConceptMean;
        var deviation = students.ConceptDeviation;
        var candidates = new List<ConceptContrast>();
        for (var j = 0; j < weights.Length; j++)
        {
            if (weights[j] == 0f || deviation[j] == 0f)
            {
                continue;
            }
            var scale = weights[j] / (double)deviation[j];
            var subset = scale * (subsetSum[j] / subsetCount - mean[j]);
            var counterpart = scale * (counterpartSum[j] / counterpartCount - mean[j]);
            var difference = subset - counterpart;
            if (Math.Sign(difference) == explainsBy)
            {
                candidates.Add(new ConceptContrast(j, students.ConceptNames[j], weights[j], subset, counterpart, difference));
            }
        }
        candidates.Sort((a, b) =>
        {
            var byMagnitude = Math.Abs(b.Difference).CompareTo(Math.Abs(a.Difference));
            return byMagnitude != 0 ? byMagnitude : a.ConceptIndex.CompareTo(b.ConceptIndex);
        });
        return candidates.Count > top ? candidates.GetRange(0, top).ToArray() : candidates.ToArray();
    }
}
