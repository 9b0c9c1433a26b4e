namespace InFiConD.Editing;

/// <summary>
/// The JSON layout of <c>bank/bank.json</c>: the names and origin of the concept bank the session's scores came from,
/// so a reloaded session can score new images. The vectors are <c>bank/vectors.npy</c>.
/// </summary>
internal sealed class SessionBankDocument
{
    public List<string>? Names { get; set; }

    public int? Dimension { get; set; }

    public string? Kind { get; set; }

    public string? ModelId { get; set; }

    public List<string>? Templates { get; set; }

    public string? Description { get; set; }

    /// <summary>Per concept, its detection quality (null: not measured); absent in files written before it existed, and for banks without it.</summary>
    public List<QualityDocument?>? Quality { get; set; }

    /// <summary>Per concept, the raw score at or above which it counts as present; absent when the bank has none.</summary>
    public List<float>? PresenceThresholds { get; set; }

    /// <summary>One concept's <see cref="Concepts.ConceptQuality"/>.</summary>
    internal sealed class QualityDocument
    {
        public double? Auc { get; set; }

        public int? Positives { get; set; }

        public int? Negatives { get; set; }

        public int? Folds { get; set; }

        public string? Method { get; set; }
    }
}
