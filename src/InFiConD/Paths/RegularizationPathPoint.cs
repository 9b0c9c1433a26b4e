using System.Text.Json.Serialization;
using InFiConD.Students;

namespace InFiConD;

/// <summary>The students at one L1 strength of a <see cref="RegularizationPath"/>, measured on every split.</summary>
/// <param name="Lambda">The L1 strength λ.</param>
/// <param name="NonZeroWeights">How many weights are not 0, over every class.</param>
/// <param name="Fidelity">Agreement with the teacher (and accuracy where labelled) per split name.</param>
public sealed record RegularizationPathPoint(double Lambda, int NonZeroWeights, IReadOnlyDictionary<string, Fidelity> Fidelity)
{
    /// <summary>The students fitted at <see cref="Lambda"/> (kept in memory for a closer look; not in JSON).</summary>
    [JsonIgnore]
    public StudentEnsemble? Students { get; init; }

    /// <summary>What the suggestion reads on a split: accuracy where the split is labelled, else top-1 agreement with the teacher.</summary>
    /// <param name="split">The split's name.</param>
    /// <returns>The value in [0, 1].</returns>
    /// <exception cref="KeyNotFoundException">The path was not measured on that split.</exception>
    public double Score(string split) => Fidelity[split] is { GroundTruthAccuracy: { } accuracy } ? accuracy : Fidelity[split].Top1Agreement;
}
