namespace InFiConD.Studio;

/// <summary>One split of the session as the split picker lists it.</summary>
/// <param name="Name">The split's name (<c>train</c> for the training images).</param>
/// <param name="ImageCount">Its images.</param>
/// <param name="HasLabels">Whether it has ground truth (so accuracy can be shown).</param>
/// <param name="IsTraining">Whether the students were fitted on it.</param>
/// <param name="HasImages">Whether its pictures are served (not for a session opened from a file).</param>
/// <param name="DroppedImages">Images of the split the encoder or the teacher could not read.</param>
internal sealed record SplitSummary(string Name, int ImageCount, bool HasLabels, bool IsTraining, bool HasImages, int DroppedImages);
