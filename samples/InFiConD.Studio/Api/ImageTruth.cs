namespace InFiConD.Studio;

/// <summary>One image's true class, from its split's labels (the explanation has the teacher's and the student's).</summary>
/// <param name="ImageId">The image.</param>
/// <param name="Split">Its split.</param>
/// <param name="Truth">The true class; <see langword="null"/> (left out of the JSON) when the split has no labels.</param>
internal sealed record ImageTruth(string ImageId, string Split, string? Truth);
