namespace InFiConD.UiAuthor.Tests;

/// <summary>The test classes that share one app and session; they run one at a time, as edits move the session.</summary>
[CollectionDefinition(Name)]
public sealed class UiAuthorCollection : ICollectionFixture<UiAuthorFixture>
{
    public const string Name = "ui author app";
}
