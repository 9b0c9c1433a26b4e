namespace InFiConD.Embedding;

/// <summary>
/// A reported decoding failure: which image, why (a category a report can group by) and a message a
/// person can act on. Runs collect these and continue.
/// </summary>
/// <param name="Id">The image's id.</param>
/// <param name="Path">The image's file path, when it came from a file.</param>
/// <param name="Reason">The failure category.</param>
/// <param name="Message">What went wrong, in words.</param>
public sealed record DecodeFailure(string Id, string? Path, DecodeFailureReason Reason, string Message)
{
    /// <summary>One line naming the image, the category and the message.</summary>
    /// <returns>For example <c>cats/1.png (/data/cats/1.png): Truncated: …</c>.</returns>
    public override string ToString() =>
        Path is null ? $"{Id}: {Reason}: {Message}" : $"{Id} ({Path}): {Reason}: {Message}";
}
