using InFiConD.Embedding;

namespace InFiConD.Tests;

/// <summary>The packaged ResNet-18 loaded once for a test class, and a folder for composed models.</summary>
public sealed class ResNet18TeacherFixture : IDisposable
{
    public ResNet18TeacherFixture() => Backbone = ResNet18Backbone.Load(null, new ResNet18Options { Parallelism = 2, IntraOpThreads = 1 });

    public ResNet18Backbone Backbone { get; }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("infcd-resnet-teacher-").FullName;

    public void Dispose()
    {
        Backbone.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
