namespace InFiConD.Analysis;

/// <summary>How <see cref="ConceptExamples"/> are gathered. Validated once by <see cref="Validate"/>.</summary>
public sealed record ConceptExampleOptions
{
    /// <summary>The defaults.</summary>
    public static ConceptExampleOptions Default { get; } = new();

    /// <summary>Top-scoring images kept per concept (≥ 0; 10 by default).</summary>
    public int Top { get; init; } = 10;

    /// <summary>Quantile probabilities reported per concept, each in [0, 1] (default 0.05, 0.25, 0.5, 0.75, 0.95).</summary>
    public IReadOnlyList<double> Quantiles { get; init; } = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>Threads to use; −1 (the default) for one per processor. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks every setting and returns this instance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (its name and the allowed range are given).</exception>
    public ConceptExampleOptions Validate()
    {
        if (Top < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Top), Top, "ConceptExampleOptions.Top must be ≥ 0.");
        }
        ArgumentNullException.ThrowIfNull(Quantiles);
        for (var i = 0; i < Quantiles.Count; i++)
        {
            if (!(Quantiles[i] >= 0 && Quantiles[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(Quantiles), Quantiles[i], $"ConceptExampleOptions.Quantiles[{i}] must be in [0, 1].");
            }
        }
        if (MaxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "ConceptExampleOptions.MaxDegreeOfParallelism must be −1 (one thread per processor) or ≥ 1.");
        }
        return this;
    }

    internal int Threads => MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : MaxDegreeOfParallelism;
}
