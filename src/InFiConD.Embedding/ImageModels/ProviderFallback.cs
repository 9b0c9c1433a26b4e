namespace InFiConD.Embedding;

/// <summary>What a model does when its requested execution provider cannot be used.</summary>
public enum ProviderFallback
{
    /// <summary>Run on the CPU and say why (<see cref="ExecutionProviderChoice.Message"/>, and standard error at log level Warning or below).</summary>
    Cpu,

    /// <summary>Throw <see cref="ExecutionProviderUnavailableException"/>: for a fleet job that must not silently run a hundred times slower.</summary>
    Throw,
}
