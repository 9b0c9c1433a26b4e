namespace InFiConD.Embedding;

/// <summary>The execution provider a model asked for and the one its session runs on, with the reason when they differ.</summary>
/// <param name="Requested">The provider the options asked for.</param>
/// <param name="Effective">The provider the session runs on.</param>
/// <param name="Message">Why <paramref name="Effective"/> differs from <paramref name="Requested"/> and what to install; <see langword="null"/> when they are the same.</param>
public sealed record ExecutionProviderChoice(ExecutionProvider Requested, ExecutionProvider Effective, string? Message)
{
    /// <summary>Whether the model fell back to the CPU.</summary>
    public bool FellBack => Requested != Effective;

    /// <summary>The CPU, as asked.</summary>
    public static ExecutionProviderChoice Cpu { get; } = new(ExecutionProvider.Cpu, ExecutionProvider.Cpu, null);
}
