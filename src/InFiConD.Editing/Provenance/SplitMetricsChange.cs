namespace InFiConD.Editing;

/// <summary>The metrics of a held-out split before and after an edit, as a provenance entry records them.</summary>
/// <param name="Split">The split's name.</param>
/// <param name="Before">Metrics of the parent version on the split.</param>
/// <param name="After">Metrics of the new version on the split.</param>
public sealed record SplitMetricsChange(string Split, EditMetrics Before, EditMetrics After);
