namespace InFiConD.Analysis;

/// <summary>One of a concept's top-scoring images.</summary>
/// <param name="ImageId">The image.</param>
/// <param name="ImageIndex">Its row in the concept scores.</param>
/// <param name="Score">The concept's raw score on the image.</param>
/// <param name="BestSegment">The index, within the image, of the segment that scored highest (−1 when none did);
/// <see langword="null"/> when the scores carry no segment indices.</param>
public sealed record ConceptExample(string ImageId, int ImageIndex, float Score, int? BestSegment);
