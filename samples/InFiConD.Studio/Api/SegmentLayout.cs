using InFiConD.Embedding;

namespace InFiConD.Studio;

/// <summary>The segments of one image and, per concept, the segment that scored highest (for box overlays).</summary>
/// <param name="ImageId">The image.</param>
/// <param name="Width">Its width.</param>
/// <param name="Height">Its height.</param>
/// <param name="Boxes">The segments (whole image first).</param>
/// <param name="BestSegments">Per concept (column order) the index into <paramref name="Boxes"/> that scored highest, −1 for none;
/// <see langword="null"/> when the scores did not record it.</param>
internal sealed record SegmentLayout(string ImageId, int Width, int Height, IReadOnlyList<SegmentBox> Boxes, IReadOnlyList<int>? BestSegments);
