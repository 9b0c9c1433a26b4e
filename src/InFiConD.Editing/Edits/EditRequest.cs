namespace InFiConD.Editing;

/// <summary>
/// What a front end sends to validate, preview or apply edits, as one JSON body:
/// <c>{"edits":[{"kind":"Downtune","className":"boat","conceptName":"water"}],"expectedVersion":"v3"}</c>. The expected version
/// is the one the person was looking at; a session that moved on answers with <see cref="StaleVersionException"/> (HTTP 409).
/// </summary>
/// <param name="Edits">The edits, applied together.</param>
public sealed record EditRequest(IReadOnlyList<ConceptEdit> Edits)
{
    /// <summary>The version the caller expects to be current; <see langword="null"/> for any.</summary>
    public string? ExpectedVersion { get; init; }

    /// <summary>How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</summary>
    public EditRefit? Refit { get; init; }
}
