using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// How faithfully a <see cref="StudentEnsemble"/> reproduces its teacher on a set of images, and how readable its
/// students are. <see cref="Top1Agreement"/> is the paper's fidelity; the rest explains it. A plain record: build one
/// with <see cref="Measure"/>, or directly in your own tests, and serialise it with System.Text.Json as is.
/// </summary>
/// <param name="ImageCount">Images measured N.</param>
/// <param name="Top1Agreement">Fraction of images where the student's top class (argmax of its logits, first on
/// ties) equals the teacher's top class.</param>
/// <param name="TopK">The k of <paramref name="TopKAgreement"/>: the requested k, capped at the class count.</param>
/// <param name="TopKAgreement">Fraction of images where the teacher's top class is among the student's k highest
/// logits (ties ranked by class order, so k = 1 gives <paramref name="Top1Agreement"/>).</param>
/// <param name="PerClass">Agreement, precision, recall and F1 against the teacher, one entry per class.</param>
/// <param name="MeanBce">Computes <c>mean_{n,k} −(y_nk ln p_nk + (1 − y_nk) ln(1 − p_nk))</c> with teacher
/// probabilities y and student probabilities <c>p = σ(logit)</c> clamped to [ε, 1 − ε], ε = <see cref="Epsilon"/>:
/// the loss the students were trained on, without the penalty.</param>
/// <param name="MeanKl">Computes <c>mean_n KL(y_n ‖ softmax(l_n))</c>: the students' logits are turned into one
/// distribution per image with a softmax (one-vs-rest students have no joint distribution of their own; the softmax
/// ranks classes exactly as the argmax does). Probabilities are clamped below at ε inside the logarithms, so a student
/// that rules out the teacher's class costs about <c>ln(1/ε) ≈ 16</c> rather than ∞. Each teacher row is divided by its
/// sum first (a no-op for single-label teachers, a normalisation for multi-label ones).</param>
/// <param name="GroundTruthAccuracy">Fraction of images whose student top class equals the ground-truth label;
/// <see langword="null"/> when no labels were given.</param>
/// <param name="TeacherGroundTruthAccuracy">The same for the teacher's top class; <see langword="null"/> without labels.</param>
/// <param name="NonZeroWeights">Per class, the number of concepts with a non-zero weight.</param>
/// <param name="EffectiveConcepts">Per class, the number of effective concepts (NEC), see <see cref="CountEffectiveConcepts"/>.</param>
/// <param name="MeanEffectiveConcepts">The mean of <paramref name="EffectiveConcepts"/> over classes.</param>
public sealed record Fidelity(
    int ImageCount,
    double Top1Agreement,
    int TopK,
    double TopKAgreement,
    IReadOnlyList<ClassFidelity> PerClass,
    double MeanBce,
    double MeanKl,
    double? GroundTruthAccuracy,
    double? TeacherGroundTruthAccuracy,
    IReadOnlyList<int> NonZeroWeights,
    IReadOnlyList<int> EffectiveConcepts,
    double MeanEffectiveConcepts)
{
    /// <summary>Floor ε applied to probabilities before taking logarithms in <see cref="MeanBce"/> and <see cref="MeanKl"/>.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>Share of a class's total |standardised weight| that its effective concepts must reach (90 %).</summary>
    public const double EffectiveConceptShare = 0.9;

    /// <summary>The split the metrics were measured on, when a session measured them; <see langword="null"/> otherwise.</summary>
    public string? Split { get; init; }

    /// <summary>The version whose students were measured, when a session measured them; <see langword="null"/> otherwise.</summary>
    public string? VersionId { get; init; }

    /// <summary>Measures the students against the teacher on the images of <paramref name="scores"/>.</summary>
    /// <param name="students">The fitted students.</param>
    /// <param name="scores">Concept scores of the images to measure on (their concepts must be the students').</param>
    /// <param name="teacher">The teacher's outputs; aligned to the scores' image ids with <see cref="TeacherOutputs.AlignTo"/>.</param>
    /// <param name="groundTruth">Optional true labels, one per row of <paramref name="scores"/>, each in [0, K).</param>
    /// <param name="topK">The k of <see cref="TopKAgreement"/> (≥ 1; capped at K).</param>
    /// <exception cref="ArgumentException">The students' classes differ from the teacher's, their concepts differ from the
    /// scores', there are no images, or a scored image has no teacher output.</exception>
    /// <exception cref="ShapeMismatchException">The ground truth does not hold one label per image.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topK"/> is below 1, or a label is outside [0, K) (its row named).</exception>
    public static Fidelity Measure(StudentEnsemble students, ConceptScores scores, TeacherOutputs teacher, IReadOnlyList<int>? groundTruth = null, int topK = 5)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        RequireSame(students.ClassNames, teacher.ClassNames, "classes", "teacher", nameof(teacher));
        RequireSame(students.ConceptNames, scores.ConceptNames, "concepts", "scores", nameof(scores));
        if (scores.ImageCount == 0 || students.ClassCount == 0)
        {
            throw new ArgumentException($"Fidelity needs at least one image and one class; got {scores.ImageCount} images and {students.ClassCount} classes.", nameof(scores));
        }
        var (n, classes) = (scores.ImageCount, students.ClassCount);
        var aligned = teacher.AlignTo(scores.ImageIds);
        RequireLabels(groundTruth, n, classes);
        var logits = students.Logits(scores.Values);
        var k = Math.Min(topK, classes);
        int top1 = 0, topk = 0, studentCorrect = 0, teacherCorrect = 0;
        var (support, studentCount, both) = (new int[classes], new int[classes], new int[classes]);
        double bce = 0, kl = 0;
        for (var i = 0; i < n; i++)
        {
            var l = logits.Row(i);
            var y = aligned.Probabilities.Row(i);
            var t = aligned.PredictedLabels[i];
            var rank = RankOf(l, t);
            top1 += rank == 0 ? 1 : 0;
            topk += rank < k ? 1 : 0;
            var s = ArgMax(l);
            if (groundTruth is not null)
            {
                studentCorrect += s == groundTruth[i] ? 1 : 0;
                teacherCorrect += t == groundTruth[i] ? 1 : 0;
            }
            for (var c = 0; c < classes; c++)
            {
                var teacherSays = aligned.MultiLabel ? y[c] >= 0.5f : t == c;
                var studentSays = aligned.MultiLabel ? l[c] >= 0f : s == c;
                support[c] += teacherSays ? 1 : 0;
                studentCount[c] += studentSays ? 1 : 0;
                both[c] += teacherSays && studentSays ? 1 : 0;
            }
            bce += ProbabilityLoss.BinaryCrossEntropySum(y, l, Epsilon);
            kl += ProbabilityLoss.KullbackLeibler(y, l, Epsilon);
        }
        var perClass = new ClassFidelity[classes];
        var nonZero = new int[classes];
        var effective = new int[classes];
        for (var c = 0; c < classes; c++)
        {
            perClass[c] = ClassFidelity.FromCounts(students.ClassNames[c], support[c], studentCount[c], both[c]);
            var w = students.StandardizedWeights(c);
            nonZero[c] = w.Length - w.Count(0f);
            effective[c] = CountEffectiveConcepts(w);
        }
        return new Fidelity(n, (double)top1 / n, k, (double)topk / n, perClass, bce / ((double)n * classes), kl / n,
            groundTruth is null ? null : (double)studentCorrect / n,
            groundTruth is null ? null : (double)teacherCorrect / n,
            nonZero, effective, effective.Average());
    }

    /// <summary>
    /// The number of effective concepts (NEC) of one student: the fewest concepts whose |weight| sum reaches
    /// <see cref="EffectiveConceptShare"/> (90 %) of the student's total |weight|, taking the largest first. Computes
    /// <c>min { m : Σ_{i ≤ m} |w|_(i) ≥ 0.9 Σ_j |w_j| }</c> with <c>|w|_(1) ≥ |w|_(2) ≥ …</c>; a share within a relative
    /// 1e-6 of 90 % counts as reaching it, so float rounding cannot flip an exact 90 %. 0 for an all-zero student.
    /// Use standardised weights, so concepts are compared per standard deviation of their scores.
    /// </summary>
    /// <param name="weights">One student's weights (finite).</param>
    public static int CountEffectiveConcepts(ReadOnlySpan<float> weights)
    {
        var magnitudes = new double[weights.Length];
        double total = 0;
        for (var j = 0; j < weights.Length; j++)
        {
            magnitudes[j] = Math.Abs((double)weights[j]);
            total += magnitudes[j];
        }
        if (total == 0)
        {
            return 0;
        }
        Array.Sort(magnitudes);
        var target = EffectiveConceptShare * total * (1 - 1e-6);
        double sum = 0;
        for (var m = 1; m <= magnitudes.Length; m++)
        {
            sum += magnitudes[^m];
            if (sum >= target)
            {
                return m;
            }
        }
        return magnitudes.Length;
    }

    /// <summary>Position of class <paramref name="c"/> when classes are ordered by logit, descending, ties by class order.</summary>
    private static int RankOf(ReadOnlySpan<float> logits, int c)
    {
        var rank = 0;
        for (var j = 0; j < logits.Length; j++)
        {
            rank += logits[j] > logits[c] || (logits[j] == logits[c] && j < c) ? 1 : 0;
        }
        return rank;
    }

    private static int ArgMax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var j = 1; j < logits.Length; j++)
        {
            best = logits[j] > logits[best] ? j : best;
        }
        return best;
    }

    private static void RequireSame(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string what, string owner, string parameter)
    {
        if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            var at = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Count, actual.Count));
            throw new ArgumentException($"The students' {what} differ from the {owner}'s at position {at} ({expected.Count} vs {actual.Count} {what}); measure on the {what} the students were fitted to.", parameter);
        }
    }

    private static void RequireLabels(IReadOnlyList<int>? labels, int n, int classes)
    {
        if (labels is null)
        {
            return;
        }
        if (labels.Count != n)
        {
            throw new ShapeMismatchException("groundTruth", $"{n} labels (one per image)", $"{labels.Count} labels");
        }
        for (var i = 0; i < n; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException("groundTruth", labels[i], $"Ground-truth label of row {i} is {labels[i]}; labels must be in [0, {classes}).");
            }
        }
    }
}
