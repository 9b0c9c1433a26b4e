namespace InFiConD.Embedding.Tests;

/// <summary>Tests that capture the process's standard error run alone, so no other test writes into what they read.</summary>
[CollectionDefinition(nameof(StandardErrorCollection), DisableParallelization = true)]
public sealed class StandardErrorCollection;
