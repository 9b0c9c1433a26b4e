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
}
