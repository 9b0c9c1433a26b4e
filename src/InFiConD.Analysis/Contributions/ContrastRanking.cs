using System.Runtime.CompilerServices;
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
    /// <param name="students">The students.</param>
    /// <param name="values">The raw scores.</param>
    /// <param name="totals">Column sums over every image.</param>
    /// <param name="teacherSums">Column sums over the images the teacher says k about (agree-positive ∪ teacher-only).</param>
    /// <param name="subsets">Class k's subsets.</param>
    /// <param name="k">The class.</param>
    /// <param name="top">Concepts to keep per ranking.</param>
    public static (ConceptContrast[] TeacherOnly, ConceptContrast[] StudentOnly) Rank(StudentEnsemble students, FloatMatrix values, double[] totals, double[] teacherSums, ClassSubsets subsets, int k, int top)
    {
        var (positive, teacherOnly, studentOnly) = (subsets[SubsetKind.AgreePositive], subsets[SubsetKind.TeacherOnly], subsets[SubsetKind.StudentOnly]);
        var negativeCount = values.Rows - positive.Length - teacherOnly.Length - studentOnly.Length;
        var needPositive = teacherOnly.Length > 0 && positive.Length > 0;
        var needNegative = studentOnly.Length > 0 && negativeCount > 0;
        if (top == 0 || (!needPositive && !needNegative))
        {
            return ([], []);
        }
        // Only the disagreements are summed here: they are few, and agree-positive = (teacher says k) − teacher-only.
        var teacherOnlySum = SubsetSums.Sum(values, teacherOnly);
        var studentOnlySum = SubsetSums.Sum(values, studentOnly);
        var positiveSum = new double[totals.Length];
        for (var j = 0; j < totals.Length; j++)
        {
            positiveSum[j] = teacherSums[j] - teacherOnlySum[j];
        }
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ConceptContrast[] Compare(StudentEnsemble students, int k, double[] subsetSum, int subsetCount, double[] counterpartSum, int counterpartCount, int explainsBy, int top)
    {
        var weights = students.StandardizedWeights(k);
        var mean = students.ConceptMean;
        var deviation = students.ConceptDeviation;
        // The best `top` so far, best first, kept by insertion: top is small, and most concepts never enter.
        top = Math.Min(top, weights.Length);
        var best = new (int Concept, double Subset, double Counterpart, double Difference)[top];
        var count = 0;
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
            // Concepts arrive in index order, so a tie in magnitude never displaces an earlier concept.
            if (Math.Sign(difference) != explainsBy || (count == top && Math.Abs(difference) <= Math.Abs(best[top - 1].Difference)))
            {
                continue;
            }
            var at = Math.Min(count, top - 1);
            while (at > 0 && Math.Abs(difference) > Math.Abs(best[at - 1].Difference))
            {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = (j, subset, counterpart, difference);
            count = Math.Min(count + 1, top);
        }
        var result = new ConceptContrast[count];
        for (var i = 0; i < count; i++)
        {
            var (j, subset, counterpart, difference) = best[i];
            result[i] = new ConceptContrast(j, students.ConceptNames[j], weights[j], subset, counterpart, difference);
        }
        return result;
    }
}
