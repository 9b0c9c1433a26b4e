namespace InFiConD.Embedding.Tests.ResNet;

/// <summary>One loaded backbone shared by a test class (loading hashes 64 MB and builds two sessions).</summary>
public sealed class ResNet18Fixture : IDisposable
{
    public ResNet18Fixture() => Backbone = ResNet18Backbone.Load();

    public ResNet18Backbone Backbone { get; }

    public void Dispose() => Backbone.Dispose();
}
