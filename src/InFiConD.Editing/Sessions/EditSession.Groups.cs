using InFiConD.Core;

namespace InFiConD.Editing;

public sealed partial class EditSession
{
    /// <summary>
    /// The current version's metrics on a split, grouped by a known attribute of its images (a manifest column such as
    /// <c>site</c>, <c>camera</c> or <c>has_mark</c>): one entry per value in ordinal order, images without the
    /// attribute last. Shows whether an edit helped where a cue is present as well as where it is absent.
    /// </summary>
    /// <param name="split">The split's name.</param>
    /// <param name="attribute">The metadata column.</param>
    /// <returns>One entry per value.</returns>
    /// <exception cref="ArgumentException">No split has that name, or its images have no such attribute (their attributes are listed).</exception>
    public IReadOnlyList<AttributeGroupMetrics> MetricsByAttribute(string split, string attribute)
    {
        var s = SplitIndex(split);
        var evaluator = _engine.Splits[s];
        var data = evaluator.Split;
        var values = data.Metadata.Column(attribute);
        var logits = Current.SplitLogits[s];
        var groups = Enumerable.Range(0, values.Count).GroupBy(n => values[n])
            .OrderBy(g => g.Key is null ? 1 : 0).ThenBy(g => g.Key, StringComparer.Ordinal);
        var result = new List<AttributeGroupMetrics>();
        foreach (var group in groups)
        {
            var rows = group.ToArray();
            var subset = new FloatMatrix(rows.Length, logits.Columns);
            for (var i = 0; i < rows.Length; i++)
            {
                logits.Row(rows[i]).CopyTo(subset.Row(i));
            }
            var teacher = data.Teacher.AlignTo([.. rows.Select(n => data.ImageIds[n])]);
            var truth = data.GroundTruth is { } labels ? rows.Select(n => labels[n]).ToArray() : null;
            result.Add(new AttributeGroupMetrics(attribute, group.Key, MetricsCounter.Measure(subset, teacher, truth, BaseStudents.ClassNames)));
        }
        return result;
    }
}
