using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Students;
using Microsoft.Data.Analysis;

namespace InFiConD.Interactive;

/// <summary>
/// The library's tables as <see cref="DataFrame"/>s, to filter, join, sort and plot in a notebook: students' weights (long
/// or wide), concept scores, misalignment slices, suspected shortcuts and λ paths. Numbers are copied, never shared;
/// negative zeros are written as 0, so no table shows "-0".
/// </summary>
public static class InFiConDDataFrames
{
    /// <summary>
    /// One row per (class, concept) weight: <c>class</c>, <c>concept</c>, <c>weight</c> (standardised), <c>rawWeight</c>
    /// (per raw score unit) and, when the students carry a bootstrap spread, <c>bootstrapMean</c>, <c>bootstrapDeviation</c>,
    /// <c>nonZeroFraction</c> and <c>spreadStale</c> (true for classes an edit refit since).
    /// </summary>
    /// <param name="students">The students.</param>
    /// <param name="includeZeros">Whether weights at 0 get a row.</param>
    /// <returns>The long table, by class then concept.</returns>
    public static DataFrame ToDataFrame(this StudentEnsemble students, bool includeZeros = false)
    {
        ArgumentNullException.ThrowIfNull(students);
        var (cls, concept, weight, raw) = (new StringDataFrameColumn("class"), new StringDataFrameColumn("concept"), new SingleDataFrameColumn("weight"), new SingleDataFrameColumn("rawWeight"));
        var spread = students.Spread;
        var (mean, deviation, fraction, stale) = (new SingleDataFrameColumn("bootstrapMean"), new SingleDataFrameColumn("bootstrapDeviation"), new SingleDataFrameColumn("nonZeroFraction"), new BooleanDataFrameColumn("spreadStale"));
        for (var k = 0; k < students.ClassCount; k++)
        {
            var weights = students.StandardizedWeights(k);
            var rawWeights = students.RawWeights(k);
            for (var j = 0; j < students.ConceptCount; j++)
            {
                if (weights[j] == 0f && !includeZeros)
                {
                    continue;
                }
                cls.Append(students.ClassNames[k]);
                concept.Append(students.ConceptNames[j]);
                weight.Append(Plain(weights[j]));
                raw.Append(Plain(rawWeights[j]));
                if (spread is not null)
                {
                    mean.Append(Plain(spread.Mean[k, j]));
                    deviation.Append(Plain(spread.Deviation[k, j]));
                    fraction.Append(Plain(spread.NonZeroFraction[k, j]));
                    stale.Append(spread.IsStale(k));
                }
            }
        }
        return spread is null ? new DataFrame(cls, concept, weight, raw) : new DataFrame(cls, concept, weight, raw, mean, deviation, fraction, stale);
    }

    /// <summary>The standardised weights as a wide table: a <c>concept</c> column, then one column per class.</summary>
    /// <param name="students">The students.</param>
    /// <returns>One row per concept.</returns>
    public static DataFrame ToWideDataFrame(this StudentEnsemble students)
    {
        ArgumentNullException.ThrowIfNull(students);
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("concept", students.ConceptNames) };
        for (var k = 0; k < students.ClassCount; k++)
        {
            var weights = students.StandardizedWeights(k).ToArray();
            columns.Add(new SingleDataFrameColumn(students.ClassNames[k], weights.Select(Plain)));
        }
        return new DataFrame(columns);
    }

    /// <summary>The raw scores as a wide table: an <c>imageId</c> column, then one column per concept.</summary>
    /// <param name="scores">The scores.</param>
    /// <returns>One row per image.</returns>
    public static DataFrame ToDataFrame(this ConceptScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("imageId", scores.ImageIds) };
        for (var j = 0; j < scores.ConceptCount; j++)
        {
            var column = new SingleDataFrameColumn(scores.ConceptNames[j], scores.ImageCount);
            for (var n = 0; n < scores.ImageCount; n++)
            {
                column[n] = Plain(scores.Values[n, j]);
            }
            columns.Add(column);
        }
        return new DataFrame(columns);
    }

    /// <summary>One row per slice: concept, class, kind, the counts and rates, lift, p and adjusted p, and the sentence.</summary>
    /// <param name="slices">Slices, for example <c>report.TopSlices</c>.</param>
    /// <returns>The table, in the given order.</returns>
    public static DataFrame ToDataFrame(this IEnumerable<ConceptSlice> slices)
    {
        ArgumentNullException.ThrowIfNull(slices);
        var list = slices.ToList();
        return new DataFrame(
            new StringDataFrameColumn("concept", list.Select(s => s.ConceptName)),
            new StringDataFrameColumn("class", list.Select(s => s.ClassName)),
            new StringDataFrameColumn("kind", list.Select(s => s.Kind.ToString())),
            new Int32DataFrameColumn("highCount", list.Select(s => s.HighCount)),
            new Int32DataFrameColumn("highHits", list.Select(s => s.HighHits)),
            new DoubleDataFrameColumn("highRate", list.Select(s => s.HighRate)),
            new DoubleDataFrameColumn("restRate", list.Select(s => s.RestRate)),
            new DoubleDataFrameColumn("lift", list.Select(s => s.Lift)),
            new DoubleDataFrameColumn("pValue", list.Select(s => s.PValue)),
            new DoubleDataFrameColumn("adjustedPValue", list.Select(s => s.AdjustedPValue)),
            new StringDataFrameColumn("sentence", list.Select(s => s.Sentence)));
    }

    /// <summary>
    /// One row per suspected shortcut: rank, class, concept, weight, the counts the test read, p and adjusted p, whether it is
    /// significant, the proposed fix's scope and its estimated agreement and accuracy before and after, and the sentence.
    /// </summary>
    /// <param name="suspects">Suspects, for example <c>report.Suspects</c>.</param>
    /// <returns>The table, in the given order.</returns>
    public static DataFrame ToDataFrame(this IEnumerable<SuspectedShortcut> suspects)
    {
        ArgumentNullException.ThrowIfNull(suspects);
        var list = suspects.ToList();
        return new DataFrame(
            new Int32DataFrameColumn("rank", list.Select(s => s.Rank)),
            new StringDataFrameColumn("class", list.Select(s => s.ClassName)),
            new StringDataFrameColumn("concept", list.Select(s => s.ConceptName)),
            new DoubleDataFrameColumn("weight", list.Select(s => s.Weight + 0.0)),
            new Int32DataFrameColumn("presentCount", list.Select(s => s.PresentCount)),
            new Int32DataFrameColumn("presentHits", list.Select(s => s.PresentHits)),
            new Int32DataFrameColumn("absentCount", list.Select(s => s.AbsentCount)),
            new Int32DataFrameColumn("absentHits", list.Select(s => s.AbsentHits)),
            new DoubleDataFrameColumn("pValue", list.Select(s => s.PValue)),
            new DoubleDataFrameColumn("adjustedPValue", list.Select(s => s.AdjustedPValue)),
            new BooleanDataFrameColumn("significant", list.Select(s => s.IsSignificant)),
            new StringDataFrameColumn("fix", list.Select(s => s.ProposedFix?.Scope.ToString())),
            new DoubleDataFrameColumn("agreementBefore", list.Select(s => s.ProposedFix?.AgreementBefore)),
            new DoubleDataFrameColumn("agreementAfter", list.Select(s => s.ProposedFix?.AgreementAfter)),
            new DoubleDataFrameColumn("accuracyBefore", list.Select(s => s.ProposedFix?.AccuracyBefore)),
            new DoubleDataFrameColumn("accuracyAfter", list.Select(s => s.ProposedFix?.AccuracyAfter)),
            new StringDataFrameColumn("sentence", list.Select(s => s.Sentence)));
    }

    /// <summary>
    /// The path in long form, one row per (λ, split): <c>lambda</c>, <c>nonZeroWeights</c>, <c>suggested</c>, <c>split</c>,
    /// <c>agreement</c> (top-1 with the teacher) and <c>accuracy</c> (null where the split has no labels).
    /// </summary>
    /// <param name="path">The path.</param>
    /// <returns>The table, λ descending, splits in the session's order.</returns>
    public static DataFrame ToDataFrame(this RegularizationPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rows = path.Points.SelectMany((p, i) => p.Fidelity.Select(f => (Point: p, Index: i, Split: f.Key, f.Value))).ToList();
        return new DataFrame(
            new DoubleDataFrameColumn("lambda", rows.Select(r => r.Point.Lambda)),
            new Int32DataFrameColumn("nonZeroWeights", rows.Select(r => r.Point.NonZeroWeights)),
            new BooleanDataFrameColumn("suggested", rows.Select(r => r.Index == path.Suggested)),
            new StringDataFrameColumn("split", rows.Select(r => r.Split)),
            new DoubleDataFrameColumn("agreement", rows.Select(r => r.Value.Top1Agreement)),
            new DoubleDataFrameColumn("accuracy", rows.Select(r => r.Value.GroundTruthAccuracy)));
    }

    /// <summary>The value with a negative zero made positive (−0 + 0 is +0), so tables never print "-0".</summary>
    private static float Plain(float value) => value + 0f;
}
