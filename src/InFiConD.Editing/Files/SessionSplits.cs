namespace InFiConD.Editing;

/// <summary>
/// The JSON layout of <c>splits.json</c> (format version 2 on): the training images' metadata and each held-out
/// split's name, image ids and metadata. The held-out splits' matrices are <c>splits/{i}/….npy</c>, i from 1.
/// </summary>
internal sealed class SessionSplits
{
    public Dictionary<string, List<string?>>? TrainingMetadata { get; set; }

    public List<HeldOutSplit?>? HeldOut { get; set; }

    internal sealed class HeldOutSplit
    {
        public string? Name { get; set; }

        public List<string>? ImageIds { get; set; }

        public Dictionary<string, List<string?>>? Metadata { get; set; }
    }
}
