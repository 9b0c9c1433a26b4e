namespace InFiConD.Quickstart.Tests;

/// <summary>The main job's run, shared by every test class that reads it (one cold and one warm run per test session).</summary>
[CollectionDefinition(Name)]
public sealed class QuickstartRunCollection : ICollectionFixture<QuickstartRunFixture>
{
    public const string Name = "quickstart run";
}
