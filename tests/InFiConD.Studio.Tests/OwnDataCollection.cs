namespace InFiConD.Studio.Tests;

/// <summary>The tests that share one Studio host over a user's folders (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class OwnDataCollection : ICollectionFixture<OwnDataHostFixture>
{
    public const string Name = "Studio host over a user's folders";
}
