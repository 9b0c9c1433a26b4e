using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// One applied set of edits: a node of the provenance tree, one line of the JSON Lines log. Everything needed to
/// restore the version (the changed rows, bit for bit), to explain it (edits, intervals, metrics) and to check it by
/// replay (the refit settings).
/// </summary>
/// <param name="Id">The new version's id (<c>v1</c>, <c>v2</c>, … in order of creation).</param>
/// <param name="ParentId">The version the edits were applied to (<see cref="ProvenanceLog.RootId"/> for the base students).</param>
/// <param name="Time">When the entry was written (UTC).</param>
/// <param name="Edits">The edits as given.</param>
/// <param name="Bounds">The intervals these edits set (none for a release).</param>
/// <param name="ActiveBounds">Every interval in force in the new version, including earlier edits' not yet released.</param>
/// <param name="Changes">The refit classes' rows before and after; classes not listed are bit-identical to the parent's.</param>
/// <param name="MetricsBefore">The parent version's metrics.</param>
/// <param name="MetricsAfter">The new version's metrics.</param>
/// <param name="Refit">The refit's settings and solver report.</param>
/// <param name="Seed">The students' seed (<see cref="InFiConD.Students.StudentOptions.Seed"/>); refits themselves draw no random numbers.</param>
public sealed record ProvenanceEntry(
    string Id,
    string ParentId,
    DateTimeOffset Time,
    IReadOnlyList<ConceptEdit> Edits,
    IReadOnlyList<WeightBounds> Bounds,
    IReadOnlyList<WeightBounds> ActiveBounds,
    IReadOnlyList<ClassChange> Changes,
    EditMetrics MetricsBefore,
    EditMetrics MetricsAfter,
    RefitRecord Refit,
    int Seed)
{
    /// <summary>
    /// The edit's metrics on each held-out split of the session, in the session's split order; <see langword="null"/>
    /// for a session without held-out splits (and in logs written before splits existed).
    /// </summary>
    public IReadOnlyList<SplitMetricsChange>? Evaluation { get; init; }

    /// <summary>
    /// The parent version's L1 strength when this entry changed it (<see cref="EditRequest.Lambda"/>; the new one is
    /// <see cref="RefitRecord.Lambda"/>, and every class was refit); <see langword="null"/> when the entry kept it.
    /// </summary>
    public double? PreviousLambda { get; init; }

    /// <summary>A short readable form of the λ change, e.g. <c>refit at λ = 0.0003 (was 0.001)</c>; <see langword="null"/> when λ was kept.</summary>
    [JsonIgnore]
    public string? LambdaChange => PreviousLambda is { } before
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"refit at λ = {Refit.Lambda:G4} (was {before:G4})")
        : null;
}
