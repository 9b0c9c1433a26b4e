using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// One line of a history list: which version, made from which, when, by which edits, and the headline metrics on the
/// training images. A few hundred bytes in JSON where the whole <see cref="ProvenanceEntry"/> (every changed weight row)
/// is kilobytes; fetch the entry by id when the user opens a version.
/// </summary>
/// <param name="VersionId">The version's id.</param>
/// <param name="ParentId">The version it was edited from; <see langword="null"/> for the base students.</param>
/// <param name="Created">When the edit was committed; <see langword="null"/> for the base students.</param>
/// <param name="Edits">The edits, one <see cref="ConceptEdit.Description"/> each, after the λ change when the entry made one
/// (<see cref="ProvenanceEntry.LambdaChange"/>); empty for the base students.</param>
/// <param name="ChangedClasses">The classes whose students were refit.</param>
/// <param name="Top1Agreement">The version's top-1 agreement with the teacher on the training images.</param>
/// <param name="Top1AgreementChange">The change from the parent's agreement; <see langword="null"/> for the base students.</param>
/// <param name="GroundTruthAccuracy">The version's accuracy against ground truth on the training images, when labels are known.</param>
public sealed record ProvenanceEntrySummary(
    string VersionId,
    string? ParentId,
    DateTimeOffset? Created,
    IReadOnlyList<string> Edits,
    IReadOnlyList<string> ChangedClasses,
    double Top1Agreement,
    double? Top1AgreementChange,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] double? GroundTruthAccuracy)
{
    /// <summary>Summarises one provenance entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>Its summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entry"/> is null.</exception>
    public static ProvenanceEntrySummary From(ProvenanceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.ParentId, entry.Time, (entry.LambdaChange is { } change ? entry.Edits.Select(e => e.Description).Prepend(change) : entry.Edits.Select(e => e.Description)).ToArray(),
            entry.Changes.Select(c => c.ClassName).ToArray(), entry.MetricsAfter.Top1Agreement,
            entry.MetricsAfter.Top1Agreement - entry.MetricsBefore.Top1Agreement, entry.MetricsAfter.GroundTruthAccuracy);
    }

    /// <summary>Summarises the base students (<see cref="ProvenanceLog.RootId"/>), which have no entry.</summary>
    /// <param name="metrics">The base students' metrics on the training images.</param>
    /// <returns>The root's summary: no parent, time or edits.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="metrics"/> is null.</exception>
    public static ProvenanceEntrySummary Root(EditMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return new(ProvenanceLog.RootId, null, null, [], [], metrics.Top1Agreement, null, metrics.GroundTruthAccuracy);
    }
}
