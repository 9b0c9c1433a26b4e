using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Analysis;

/// <summary>Finds and ranks the <see cref="SuspectedShortcut"/>s of a report (see that type for the definitions).</summary>
internal static class SuspectFinder
{
    /// <summary>
    /// Suspects are drawn from the positively associated candidates with the smallest p-values, this many per suspect kept,
    /// so the estimates (a pass over the logits each) cost the same whatever the number of weights.
    /// </summary>
    private const int ShortlistPerSuspect = 2;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (SuspectedShortcut[] Suspects, int Tests) Find(MisalignmentAnalyzer analyzer, StudentEnsemble students, ReadOnlySpan<float> logits, Decisions decisions, CancellationToken cancellationToken)
    {
        var options = analyzer.Options;
        var (n, k) = (analyzer.Scores.ImageCount, students.ClassCount);
        var groundTruth = analyzer.GroundTruth;
        var words = (n + 63) / 64;
        // Every test's p-value counts in the adjustment; only the positively associated candidates can become suspects.
        var pValues = new List<double>();
        var associated = new List<(Candidate Candidate, int Test)>();
        for (var cls = 0; cls < k; cls++)
        {
            var weights = students.StandardizedWeights(cls);
            // The counted images of this class, once per sign, as bit sets: a candidate then costs one AND per 64 images.
            ulong[]? positive = null, negative = null;
            int positiveTotal = 0, negativeTotal = 0;
            for (var j = 0; j < weights.Length; j++)
            {
                if (weights[j] == 0f || students.ConceptDeviation[j] == 0f)
                {
                    continue;
                }
                var isPositive = weights[j] > 0;
                if (isPositive && positive is null)
                {
                    (positive, positiveTotal) = Counted(decisions, groundTruth, cls, true, words);
                }
                else if (!isPositive && negative is null)
                {
                    (negative, negativeTotal) = Counted(decisions, groundTruth, cls, false, words);
                }
                var (hits, total) = isPositive ? (positive!, positiveTotal) : (negative!, negativeTotal);
                var present = analyzer.HighSets.Counts[j];
                if (present == 0 || present == n || total == 0)
                {
                    continue;
                }
                var bits = analyzer.HighSets.Bits(j);
                var presentHits = 0;
                for (var w = 0; w < words; w++)
                {
                    presentHits += BitOperations.PopCount(bits[w] & hits[w]);
                }
                var p = analyzer.Fisher.UpperTail(total, present, presentHits);
                if ((long)presentHits * (n - present) > (long)(total - presentHits) * present)
                {
                    associated.Add((new Candidate(cls, j, weights[j], present, presentHits, n - present, total - presentHits, p), pValues.Count));
                }
                pValues.Add(p);
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
        var adjusted = Holm([.. pValues]);
        var shortlist = associated.OrderBy(a => a.Candidate.PValue).ThenBy(a => a.Test).Take(ShortlistPerSuspect * options.TopSuspects).ToArray();
        var before = Metrics(decisions.StudentTop, decisions, groundTruth);
        var columns = Columns(analyzer.Scores.Values, [.. shortlist.Select(a => a.Candidate.Concept).Distinct()]);
        var runnersUp = shortlist.Length == 0 ? [] : RunnersUp(logits, decisions.StudentTop, k);
        var suspects = new List<SuspectedShortcut>();
        var (thisClass, allClasses) = EstimateFixes(analyzer, students, logits, decisions, runnersUp, [.. shortlist.Select(a => a.Candidate)], columns, before, cancellationToken);
        for (var s = 0; s < shortlist.Length; s++)
        {
            var (c, t) = shortlist[s];
            List<SuspectFix> fixes = allClasses[c.Concept] is { } all ? [thisClass[s], all] : [thisClass[s]];
            var proposed = fixes.Count > 1 && fixes[1].Gain > fixes[0].Gain ? fixes[1] : fixes[0];
            // Significant takes evidence of the association and a fix worth making: a concept that marks one class's look-alikes
            // also goes with that class's errors, but taking it away sets right only a stray image or two.
            var significant = adjusted[t] <= options.SignificanceLevel && proposed.Gain * n >= options.MinimumSupport - 1e-9;
            suspects.Add(Describe(students, analyzer.Scores.ConceptNames[c.Concept], c, adjusted[t], pValues.Count, significant, options.SignificanceLevel, n, fixes, proposed,
                groundTruth is null ? SuspectEvidence.Disagreements : SuspectEvidence.Errors, MeanContribution(analyzer, students, c, columns[c.Concept])));
        }
        suspects.Sort(Compare);
        return ([.. suspects.Take(options.TopSuspects).Select((s, i) => s with { Rank = i + 1 })], pValues.Count);
    }

    /// <summary>
    /// Significant first, by the proposed fix's gain (the finding worth most first), then adjusted p-value; the rest by
    /// adjusted p-value (the strongest evidence first), then gain; then class and concept.
    /// </summary>
    private static int Compare(SuspectedShortcut a, SuspectedShortcut b)
    {
        var order = b.IsSignificant.CompareTo(a.IsSignificant);
        var (byGain, byP) = (b.ProposedFix.Gain.CompareTo(a.ProposedFix.Gain), a.AdjustedPValue.CompareTo(b.AdjustedPValue));
        order = order != 0 ? order : a.IsSignificant ? (byGain != 0 ? byGain : byP) : (byP != 0 ? byP : byGain);
        order = order != 0 ? order : a.ClassIndex.CompareTo(b.ClassIndex);
        return order != 0 ? order : a.ConceptIndex.CompareTo(b.ConceptIndex);
    }

    /// <summary>The images counted for class <paramref name="cls"/> (see <see cref="SuspectEvidence"/>) as a bit set, and how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ulong[] Bits, int Total) Counted(Decisions decisions, int[]? groundTruth, int cls, bool positive, int words)
    {
        var bits = new ulong[words];
        var total = 0;
        for (var i = 0; i < decisions.ImageCount; i++)
        {
            var kind = decisions.KindOf(i, cls);
            bool hit;
            if (groundTruth is not null)
            {
                var says = kind is SubsetKind.AgreePositive or SubsetKind.StudentOnly;
                hit = positive ? says && groundTruth[i] != cls : !says && groundTruth[i] == cls;
            }
            else
            {
                hit = kind == (positive ? SubsetKind.StudentOnly : SubsetKind.TeacherOnly);
            }
            if (hit)
            {
                bits[i >> 6] |= 1UL << (i & 63);
                total++;
            }
        }
        return (bits, total);
    }

    /// <summary>Holm's step-down adjustment: sorted ascending, <c>adj₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double[] Holm(double[] p)
    {
        var order = new int[p.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        // Ties keep index order, so the adjustment does not depend on the sort's stability.
        Array.Sort(order, (a, b) => p[a] != p[b] ? p[a].CompareTo(p[b]) : a.CompareTo(b));
        var adjusted = new double[p.Length];
        var running = 0.0;
        for (var r = 0; r < order.Length; r++)
        {
            running = Math.Max(running, Math.Min(1, (p.Length - r) * p[order[r]]));
            adjusted[order[r]] = running;
        }
        return adjusted;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double MeanContribution(MisalignmentAnalyzer analyzer, StudentEnsemble students, Candidate c, float[] column)
    {
        var bits = analyzer.HighSets.Bits(c.Concept);
        var (mean, deviation) = (students.ConceptMean[c.Concept], students.ConceptDeviation[c.Concept]);
        var sum = 0.0;
        for (var i = 0; i < column.Length; i++)
        {
            if ((bits[i >> 6] & (1UL << (i & 63))) != 0)
            {
                sum += (column[i] - mean) / deviation;
            }
        }
        return c.Weight * sum / c.PresentCount;
    }

    /// <summary>
    /// The shortlisted concepts' score columns, gathered in one pass over the rows: a column read alone strides a whole row
    /// per image (a cache miss each at hundreds of concepts), and every estimate, absent level and mean contribution reads it.
    /// </summary>
    /// <summary>
    /// Per image the class with the largest logit but the top one (first on ties; −1 with one class): an estimate that moves
    /// the top class then finds the new leader among the others without a pass over every class.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] RunnersUp(ReadOnlySpan<float> logits, int[] top, int k)
    {
        var second = new int[top.Length];
        for (var i = 0; i < top.Length; i++)
        {
            var row = logits.Slice(i * k, k);
            var (best, bestValue) = (-1, float.NegativeInfinity);
            for (var cls = 0; cls < k; cls++)
            {
                if (cls != top[i] && (best < 0 || row[cls] > bestValue))
                {
                    (best, bestValue) = (cls, row[cls]);
                }
            }
            second[i] = best;
        }
        return second;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Dictionary<int, float[]> Columns(FloatMatrix values, int[] concepts)
    {
        var columns = concepts.ToDictionary(j => j, _ => new float[values.Rows]);
        var targets = concepts.Select(j => columns[j]).ToArray();
        for (var i = 0; i < values.Rows; i++)
        {
            var row = values.Row(i);
            for (var q = 0; q < concepts.Length; q++)
            {
                targets[q][i] = row[concepts[q]];
            }
        }
        return columns;
    }

    /// <summary>
    /// Per candidate the removal from its own class, and per concept the removal from every class using it (when others do;
    /// a cue shows as several suspects, which share it), estimated on the logits, in parallel: each estimate is a pass over
    /// the images, independent of the others, so the result does not depend on the thread count.
    /// </summary>
    private static (SuspectFix[] ThisClass, Dictionary<int, SuspectFix?> AllClasses) EstimateFixes(MisalignmentAnalyzer analyzer, StudentEnsemble students, ReadOnlySpan<float> logits, Decisions decisions,
        int[] runnersUp, Candidate[] candidates, Dictionary<int, float[]> columns, (double Agreement, double? Accuracy) before, CancellationToken cancellationToken)
    {
        var names = analyzer.Scores.ConceptNames;
        var concepts = candidates.Select(c => c.Concept).Distinct().ToArray();
        var thisClass = new SuspectFix[candidates.Length];
        var allClasses = new SuspectFix?[concepts.Length];
        unsafe
        {
            // A span cannot cross threads; the logits stay pinned (and unchanged) until every estimate has read them.
            fixed (float* pinned = logits)
            {
                var (address, length) = ((nint)pinned, logits.Length);
                Parallel.For(0, concepts.Length + candidates.Length, new ParallelOptions { MaxDegreeOfParallelism = analyzer.Options.Threads, CancellationToken = cancellationToken }, w =>
                {
                    var shared = new ReadOnlySpan<float>((float*)address, length);
                    if (w < concepts.Length)
                    {
                        var j = concepts[w];
                        var users = Enumerable.Range(0, students.ClassCount).Where(cls => students.StandardizedWeights(cls)[j] != 0f).ToArray();
                        allClasses[w] = users.Length > 1 ? Estimate(analyzer, students, shared, decisions, runnersUp, j, columns[j], users, FixScope.AllClasses, names[j], before) : null;
                        return;
                    }
                    var c = candidates[w - concepts.Length];
                    thisClass[w - concepts.Length] = Estimate(analyzer, students, shared, decisions, runnersUp, c.Concept, columns[c.Concept], [c.Class], FixScope.ThisClass, names[c.Concept], before);
                });
            }
        }
        return (thisClass, concepts.Select((j, w) => (j, w)).ToDictionary(p => p.j, p => allClasses[p.w]));
    }

    /// <summary>
    /// Each image's top class once the concept's contribution is taken out of <paramref name="classes"/>' logits (relative to
    /// its level where absent, see <see cref="AbsentLevel"/>): only those change, so the rest keep their order (argmax, first
    /// on ties, as the students predict).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static SuspectFix Estimate(MisalignmentAnalyzer analyzer, StudentEnsemble students, ReadOnlySpan<float> logits, Decisions decisions, int[] runnersUp, int concept, float[] column, int[] classes, FixScope scope, string conceptName, (double Agreement, double? Accuracy) before)
    {
        var (n, k) = (analyzer.Scores.ImageCount, students.ClassCount);
        var (mean, deviation) = (students.ConceptMean[concept], students.ConceptDeviation[concept]);
        var weights = classes.Select(cls => (double)students.StandardizedWeights(cls)[concept]).ToArray();
        var absent = AbsentLevel(analyzer, concept, column, mean, deviation);
        var (studentTop, teacherTop, truth) = (decisions.StudentTop, decisions.TeacherTop, analyzer.GroundTruth);
        var edited = new bool[k];
        foreach (var cls in classes)
        {
            edited[cls] = true;
        }
        var (agree, right) = (0, 0);
        for (var i = 0; i < n; i++)
        {
            var row = logits.Slice(i * k, k);
            var (best, bestValue) = (-1, double.NegativeInfinity);
            var top = studentTop[i];
            if (!edited[top])
            {
                (best, bestValue) = (top, row[top]);
            }
            else if (runnersUp[i] is var second && second >= 0 && !edited[second])
            {
                // The runner-up is the largest logit but the top's (first on ties), so it leads the classes left as they are.
                (best, bestValue) = (second, row[second]);
            }
            else
            {
                for (var cls = 0; cls < k; cls++)
                {
                    if (!edited[cls] && row[cls] > bestValue)
                    {
                        (best, bestValue) = (cls, row[cls]);
                    }
                }
            }
            var z = ((column[i] - mean) / (double)deviation) - absent;
            for (var e = 0; e < classes.Length; e++)
            {
                var value = row[classes[e]] - (weights[e] * z);
                if (value > bestValue || (value == bestValue && classes[e] < best) || best < 0)
                {
                    (best, bestValue) = (classes[e], value);
                }
            }
            agree += best == teacherTop[i] ? 1 : 0;
            right += truth is not null && best == truth[i] ? 1 : 0;
        }
        var (agreement, accuracy) = ((double)agree / n, truth is null ? (double?)null : (double)right / n);
        return new SuspectFix(scope, conceptName, [.. classes.Select(cls => students.ClassNames[cls])], before.Agreement, agreement, before.Accuracy, accuracy);
    }

    /// <summary>
    /// The mean standardised score of the images where the concept is absent: removing a concept is estimated as scoring
    /// every image at that level, so images without it keep their logits and the others lose the concept's lift. (Taking
    /// the bare contribution out would also move the images without the concept, which a refit's intercept absorbs.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double AbsentLevel(MisalignmentAnalyzer analyzer, int concept, float[] column, float mean, float deviation)
    {
        var bits = analyzer.HighSets.Bits(concept);
        var (sum, count) = (0.0, 0);
        for (var i = 0; i < column.Length; i++)
        {
            if ((bits[i >> 6] & (1UL << (i & 63))) == 0)
            {
                sum += (column[i] - mean) / (double)deviation;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static (double Agreement, double? Accuracy) Metrics(int[] tops, Decisions decisions, int[]? groundTruth)
    {
        var (agree, right) = (0, 0);
        for (var i = 0; i < tops.Length; i++)
        {
            agree += tops[i] == decisions.TeacherTop[i] ? 1 : 0;
            right += groundTruth is not null && tops[i] == groundTruth[i] ? 1 : 0;
        }
        return ((double)agree / tops.Length, groundTruth is null ? null : (double)right / tops.Length);
    }

    private static SuspectedShortcut Describe(StudentEnsemble students, string concept, Candidate c, double adjusted, int tests, bool significant, double level, int images, List<SuspectFix> fixes, SuspectFix proposed, SuspectEvidence evidence, double contribution)
    {
        var weights = students.StandardizedWeights(c.Class).ToArray();
        var nonZero = weights.Count(w => w != 0f);
        var rank = 1 + weights.Count(w => Math.Abs(w) > Math.Abs(c.Weight));
        var cls = students.ClassNames[c.Class];
        string Sentence(bool markdown)
        {
            var (conceptText, classText) = (SliceSentence.Emphasise(concept, markdown), SliceSentence.Emphasise(cls, markdown));
            var leans = c.Weight > 0 ? $"relies on {conceptText} for {classText}" : $"counts {conceptText} against {classText}";
            var place = rank == 1 ? (nonZero == 1 ? "its only weight" : $"its largest of {nonZero}") : $"{Ordinal(rank)} largest of {nonZero}";
            var what = (evidence, c.Weight > 0) switch
            {
                (SuspectEvidence.Errors, true) => $"the student wrongly says {classText}",
                (SuspectEvidence.Errors, false) => $"the student misses {classText}",
                (_, true) => $"the student says {classText} where the teacher does not",
                _ => $"the teacher says {classText} where the student does not",
            };
            var otherwise = c.AbsentCount == 0 ? "" : $" ({SliceSentence.Short(c.AbsentHits, c.AbsentCount)} otherwise)";
            var p = adjusted < 1e-3 ? adjusted.ToString("0.0e0", CultureInfo.InvariantCulture) : adjusted.ToString("0.###", CultureInfo.InvariantCulture);
            var net = (int)Math.Round(proposed.Gain * images);
            var small = net <= 0 ? "removing it would not help" : $"removing it would set right only {net} image{(net == 1 ? "" : "s")} net";
            var verdict = significant ? $"adjusted p = {p}"
                : adjusted <= level ? $"not a finding: adjusted p = {p}, but {small}"
                : $"not significant: adjusted p = {p}{(net <= 0 ? ", and " + small : "")}";
            var measure = proposed.AccuracyBefore is null ? "agreement with the teacher" : "accuracy";
            var (from, to) = proposed.AccuracyBefore is { } a ? (a, proposed.AccuracyAfter!.Value) : (proposed.AgreementBefore, proposed.AgreementAfter);
            var scope = proposed.Scope == FixScope.AllClasses ? $"from every class that uses it ({proposed.ClassNames.Count})" : $"from {classText}";
            var direction = to > from ? "raise" : to < from ? "lower" : "leave";
            var effect = direction == "leave"
                ? $"Removing it {scope} would leave {measure} at {Percent(from)}"
                : $"Removing it {scope} would {direction} {measure} from {Percent(from)} to about {Percent(to)}";
            return string.Create(CultureInfo.InvariantCulture,
                $"The student {leans} (weight {c.Weight:+0.00;−0.00}, {place}). Where {conceptText} is present, {what} {SliceSentence.Rate(c.PresentHits, c.PresentCount)}{otherwise}; {verdict}. {effect} (estimated without refitting).");
        }
        return new SuspectedShortcut(0, c.Class, cls, c.Concept, concept, c.Weight, rank, nonZero, contribution, evidence, c.PresentCount, c.PresentHits,
            c.AbsentCount, c.AbsentHits, c.PValue, adjusted, tests, significant, fixes, proposed, Sentence(false), Sentence(true));
    }

    private static string Percent(double fraction) => (100 * fraction).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Ordinal(int n) => (n % 100 is >= 11 and <= 13 ? 0 : n % 10) switch
    {
        1 => $"{n}st",
        2 => $"{n}nd",
        3 => $"{n}rd",
        _ => $"{n}th",
    };

    private readonly record struct Candidate(int Class, int Concept, float Weight, int PresentCount, int PresentHits, int AbsentCount, int AbsentHits, double PValue);
}
