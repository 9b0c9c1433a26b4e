using InFiConD.Embedding;

namespace InFiConD.Datasets;

/// <summary>Where one part is drawn: 1 at every pixel the part's shapes cover by at least half (including pixels later parts paint over).</summary>
/// <param name="Part">The part concept, for example "wheel" (a part drawn as several shapes has one mask).</param>
/// <param name="Mask">The mask, the image's size, never empty.</param>
public sealed record PartMask(string Part, SegmentMask Mask);
