namespace InFiConD.Embedding;

/// <summary>Progress of an image model run.</summary>
/// <param name="Done">Images processed so far (decoded or failed).</param>
/// <param name="Total">Images in the source.</param>
/// <param name="Failed">Images that failed so far.</param>
public sealed record ImageModelProgress(int Done, int Total, int Failed);
