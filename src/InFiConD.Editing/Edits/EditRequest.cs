namespace InFiConD.Editing;

/// <summary>
/// What a front end sends to validate, preview or apply edits, as one JSON body:
/// <c>{"edits":[{"kind":"Downtune","className":"boat","conceptName":"water"}],"expectedVersion":"v3"}</c>. The expected version
/// is the one the person was looking at; a session that moved on answers with <see cref="StaleVersionException"/> (HTTP 409).
/// <para>A request may also change the students' L1 strength (<see cref="Lambda"/>), for instance to adopt a point of a
/// regularisation path: <c>{"edits":[],"lambda":0.0003}</c> refits every class at λ = 3·10⁻⁴ from the current weights, with
/// every interval in force kept, and later edits refit at that λ.</para>
/// </summary>
/// <param name="Edits">The edits, applied together; may be empty when <see cref="Lambda"/> is given.</param>
public sealed record EditRequest(IReadOnlyList<ConceptEdit> Edits)
{
    /// <summary>The version the caller expects to be current; <see langword="null"/> for any.</summary>
    public string? ExpectedVersion { get; init; }

    /// <summary>How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</summary>
    public EditRefit? Refit { get; init; }

    /// <summary>
    /// A new L1 strength λ (finite, ≥ 0) for the students: every class is refit at it, and the new version and the versions
    /// edited from it keep it (<see cref="SessionVersion.Lambda"/>). <see langword="null"/> keeps the current version's λ.
    /// </summary>
    public double? Lambda { get; init; }
}
