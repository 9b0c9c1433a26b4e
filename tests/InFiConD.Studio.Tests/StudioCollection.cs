namespace InFiConD.Studio.Tests;

/// <summary>The tests that share one Studio host (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class StudioCollection : ICollectionFixture<StudioHostFixture>
{
    public const string Name = "Studio host";
}
