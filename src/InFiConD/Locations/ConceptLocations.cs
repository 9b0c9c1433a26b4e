using System.Text.Json.Serialization;
using InFiConD.Core;
using InFiConD.Embedding;

namespace InFiConD;

/// <summary>
/// Where each concept was found in one image: the image's segments, and per concept its score, whether it is present and,
/// where present, the segment (and box) that scored highest. Made by <see cref="DistillationSession.Locate"/>; plain data
/// for a front end to draw (it is in <see cref="InFiConDJsonContext"/>).
/// </summary>
public sealed record ConceptLocations
{
    /// <summary>The image's id.</summary>
    public required string ImageId { get; init; }

    /// <summary>The split the image belongs to.</summary>
    public required string Split { get; init; }

    /// <summary>The image's segments in its own pixels, in the encoder's order (whole image first for the built-in grids); empty when the session does not know them.</summary>
    public required IReadOnlyList<SegmentBox> Segments { get; init; }

    /// <summary>One entry per concept, in the students' concept order.</summary>
    public required IReadOnlyList<ConceptLocation> Concepts { get; init; }

    /// <summary>
    /// The P × C per-segment scores (<c>max(0, cos)</c> of each segment with each concept; a concept's largest equals its
    /// <see cref="ConceptLocation.Score"/>), recomputed on demand from the embedding cache the run wrote; <see langword="null"/>
    /// when it cannot be read (<see cref="SegmentScoresUnavailable"/> says why).
    /// </summary>
    public FloatMatrix? SegmentScores { get; init; }

    /// <summary>Why <see cref="SegmentScores"/> is <see langword="null"/> (no cache, cache moved or in use, image not in it); <see langword="null"/> when it is not.</summary>
    public string? SegmentScoresUnavailable { get; init; }

    /// <summary>The concepts present in the image, strongest first (derived from <see cref="Concepts"/>, so not in JSON).</summary>
    [JsonIgnore]
    public IEnumerable<ConceptLocation> PresentConcepts => Concepts.Where(c => c.Present).OrderByDescending(c => c.Score);

    /// <summary>One concept's location by name.</summary>
    /// <param name="concept">The concept's name (ordinal).</param>
    /// <returns>The concept's entry.</returns>
    /// <exception cref="ArgumentException">No concept has that name.</exception>
    public ConceptLocation Of(string concept) =>
        Concepts.FirstOrDefault(c => string.Equals(c.Concept, concept, StringComparison.Ordinal))
        ?? throw new ArgumentException($"No concept is named '{concept}' ({Concepts.Count} concepts).", nameof(concept));
}
