namespace InFiConD.Concepts;

/// <summary>
/// What a UI shows about a <see cref="ConceptBank"/>: the concepts, where they came from, how reliable each is and
/// its presence threshold, without the C × D vectors (megabytes in JSON, and of no use to a person). Serialising the
/// bank itself writes the vectors too.
/// </summary>
/// <param name="Names">The C concept names, in row order.</param>
/// <param name="Dimension">The embedding dimension D of the vectors.</param>
/// <param name="Origin">Where the vectors came from.</param>
/// <param name="Quality">Per concept, its measured detection quality (<see langword="null"/> where not measured); <see langword="null"/> when none was measured.</param>
/// <param name="PresenceThresholds">Per concept, the calibrated presence threshold; <see langword="null"/> when not calibrated.</param>
public sealed record ConceptBankSummary(
    IReadOnlyList<string> Names,
    int Dimension,
    ConceptBankOrigin Origin,
    IReadOnlyList<ConceptQuality?>? Quality,
    IReadOnlyList<float>? PresenceThresholds)
{
    /// <summary>Summarises a bank.</summary>
    /// <param name="bank">The bank.</param>
    /// <returns>Its names, dimension, origin, quality and thresholds.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="bank"/> is null.</exception>
    public static ConceptBankSummary From(ConceptBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        return new(bank.Names, bank.Dimension, bank.Origin, bank.Quality, bank.PresenceThresholds);
    }
}
