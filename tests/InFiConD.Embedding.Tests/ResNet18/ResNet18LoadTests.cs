using InFiConD.Core;

namespace InFiConD.Embedding.Tests.ResNet;

public sealed class ResNet18LoadTests
{
    [Fact]
    public void Missing_models_name_the_folders_searched_and_the_package()
    {
        using var empty = new TempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => ResNet18Backbone.Load(empty.Path));
        Assert.Contains(empty.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(empty.Path, "DnnImageModels"), error.Message, StringComparison.Ordinal);
        Assert.Contains("Microsoft.ML.DnnImageFeaturizer.ResNet18", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("ResNet18Onnx", "ResNet18.onnx"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_only_one_model_names_the_missing_file()
    {
        using var folder = new TempFolder();
        var models = Path.Combine(AppContext.BaseDirectory, "DnnImageModels");
        folder.Write("ResNetPrepOnnx/ResNetPreprocess.onnx", File.ReadAllBytes(Path.Combine(models, "ResNetPrepOnnx", "ResNetPreprocess.onnx")));
        var error = Assert.Throws<FileNotFoundException>(() => ResNet18Backbone.Load(folder.Path));
        Assert.Contains($"{folder.Path} (no {Path.Combine("ResNet18Onnx", "ResNet18.onnx")})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_models_folder_or_its_parent_both_work()
    {
        using var fromFolder = ResNet18Backbone.Load(Path.Combine(AppContext.BaseDirectory, "DnnImageModels"), new ResNet18Options { Parallelism = 1 });
        using var fromParent = ResNet18Backbone.Load(AppContext.BaseDirectory, new ResNet18Options { Parallelism = 1 });
        Assert.Equal(fromFolder.ModelsDirectory, fromParent.ModelsDirectory);
    }

    [Fact]
    public void A_corrupt_model_is_an_invalid_file()
    {
        using var folder = new TempFolder();
        var models = Path.Combine(AppContext.BaseDirectory, "DnnImageModels");
        folder.Write("ResNetPrepOnnx/ResNetPreprocess.onnx", File.ReadAllBytes(Path.Combine(models, "ResNetPrepOnnx", "ResNetPreprocess.onnx")));
        folder.Write("ResNet18Onnx/ResNet18.onnx", [1, 2, 3, 4]);
        var error = Assert.Throws<InvalidFileException>(() => ResNet18Backbone.Load(folder.Path));
        Assert.EndsWith("ResNet18.onnx", error.FilePath, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wrong_model_in_a_slot_is_refused_with_expected_and_actual_shapes()
    {
        using var folder = new TempFolder();
        var prep = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "DnnImageModels", "ResNetPrepOnnx", "ResNetPreprocess.onnx"));
        folder.Write("ResNetPrepOnnx/ResNetPreprocess.onnx", prep);
        folder.Write("ResNet18Onnx/ResNet18.onnx", prep); // 1 × 3 × 224 × 224 out, not 1 × 512 × 1 × 1
        var error = Assert.Throws<InvalidFileException>(() => ResNet18Backbone.Load(folder.Path));
        Assert.Equal("outputs", error.Field);
        Assert.Contains("1 × 512 × 1 × 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 × 3 × 224 × 224", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResNet18Backbone.Load(null, new ResNet18Options { Parallelism = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ResNet18Backbone.Load(null, new ResNet18Options { IntraOpThreads = -2 }));
    }
}
