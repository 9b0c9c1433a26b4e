using InFiConD.Embedding;

namespace InFiConD;

/// <summary>Where one concept was found in one image, or that it was not.</summary>
/// <param name="Concept">The concept's name.</param>
/// <param name="Score">The image's score for the concept (the best segment's, clamped at 0), what the students read.</param>
/// <param name="PresenceThreshold">The score at or above which the concept counts as present (calibrated on the training images);
/// <see langword="null"/> when the scores carry no thresholds (then any positive score counts) or the concept is never present.</param>
/// <param name="Present">Whether the concept is present in the image.</param>
/// <param name="BestSegment">The index into <see cref="ConceptLocations.Segments"/> of the segment that scored highest; <see langword="null"/> where the
/// concept is absent (a front end draws no box for it) or the best segments were not recorded.</param>
/// <param name="Box">That segment's box, to draw; <see langword="null"/> exactly when <paramref name="BestSegment"/> is, or when the segment boxes are unknown.</param>
public sealed record ConceptLocation(string Concept, float Score, float? PresenceThreshold, bool Present, int? BestSegment, SegmentBox? Box);
