namespace InFiConD.Analysis;

/// <summary>The images of one class's subset (for example the images where the teacher says "boat" and the student does not).</summary>
/// <param name="Kind">Which subset.</param>
/// <param name="Count">Number of images.</param>
/// <param name="ImageIds">Their ids, in the order of the concept scores' rows.</param>
/// <param name="GroundTruth">The split by the teacher's correctness; <see langword="null"/> when no ground truth was given.</param>
public sealed record ImageSubset(SubsetKind Kind, int Count, IReadOnlyList<string> ImageIds, GroundTruthSplit? GroundTruth);
