using InFiConD.Studio;

namespace InFiConD.Studio.Tests;

/// <summary>
/// The flags of the user's data: read into the options, and every mistake named before anything runs (a missing folder
/// or file, a flag without its partners, <c>--eval</c> without <c>NAME=</c>, ConceptWorld flags beside them, a teacher
/// without class names, folders that hold no images or a <c>not-</c> folder without its concept).
/// </summary>
public sealed class OwnDataOptionsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "infcd-studio-flags-" + Guid.NewGuid().ToString("N")[..8]);

    public OwnDataOptionsTests() => OwnDataset.Write(_root);

    private string At(string relative) => Path.Combine(_root, relative);

    [Fact]
    public void The_flags_are_read_and_the_folders_listed_with_the_class_names_from_the_model()
    {
        var options = StudioOptions.Parse([.. OwnDataset.Arguments(_root), "--eval", "again=" + At("shifted"), "--l1", "0.02"]);
        Assert.True(options.UsesOwnData);
        Assert.Equal(At("train"), options.TrainDirectory);
        Assert.Equal([new EvaluationFolder("shifted", At("shifted")), new EvaluationFolder("again", At("shifted"))], options.EvaluationFolders);
        Assert.Equal(0.02, options.L1);

        var data = OwnData.Open(options);
        Assert.Equal(["train", "shifted", "again"], data.Splits.Select(s => s.Name));
        Assert.Equal([18, 9, 9], data.Splits.Select(s => s.Images.Count));
        Assert.Equal(OwnDataset.Classes, data.ClassNames);
        Assert.Equal("the model's metadata", data.ClassNamesSource);
        Assert.Equal(OwnDataset.Concepts, data.Exemplars.Keys.Order(StringComparer.Ordinal));
        Assert.NotNull(data.Exemplars["stripes"].Negatives);
        Assert.Null(data.Exemplars["dots"].Negatives);
        Assert.Contains("--train DIR", StudioOptions.Usage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_teacher_without_class_names_needs_classes()
    {
        var bare = StudioOptions.Parse(["--train", At("train"), "--teacher", At("bare.onnx"), "--concepts", At("concepts")]);
        var error = Assert.Throws<ArgumentException>(() => OwnData.Open(bare)).Message;
        Assert.Contains("Flag --teacher", error, StringComparison.Ordinal);
        Assert.Contains("carries no class names", error, StringComparison.Ordinal);
        Assert.Contains("--classes FILE", error, StringComparison.Ordinal);

        var named = OwnData.Open(bare with { ClassesFile = At("classes.txt") });
        Assert.Equal(OwnDataset.Classes, named.ClassNames);
        Assert.Equal("classes.txt", named.ClassNamesSource);
    }

    [Theory]
    [InlineData("--train", "{root}/nowhere", "Flag --train needs a folder; '{root}/nowhere' does not exist.")]
    [InlineData("--teacher", "{root}/missing.onnx", "Flag --teacher needs a file; '{root}/missing.onnx' does not exist.")]
    [InlineData("--teacher", "{root}/train", "Flag --teacher needs a file; '{root}/train' does not exist (it is a folder).")]
    [InlineData("--concepts", "{root}/classes.txt", "Flag --concepts needs a folder; '{root}/classes.txt' does not exist (it is a file).")]
    [InlineData("--eval", "shifted={root}/elsewhere", "Flag --eval shifted=DIR needs a folder; '{root}/elsewhere' does not exist.")]
    [InlineData("--eval", "{root}/shifted", "Flag --eval needs NAME=DIR")]
    [InlineData("--eval", "={root}/shifted", "Flag --eval needs NAME=DIR")]
    [InlineData("--eval", "shifted=", "Flag --eval needs NAME=DIR")]
    [InlineData("--eval", "train={root}/shifted", "Flag --eval: 'train' is the training split's name")]
    [InlineData("--classes", "{root}/nothing.txt", "Flag --classes needs a file; '{root}/nothing.txt' does not exist.")]
    [InlineData("--seed", "3", "Flag --seed describes a ConceptWorld session")]
    [InlineData("--images-per-class", "10", "Flag --images-per-class describes a ConceptWorld session")]
    [InlineData("", "run.infcd", "Either open a session file ('run.infcd') or build from your own data (--train), not both.")]
    public void Mistakes_are_named_before_anything_runs(string flag, string value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => StudioOptions.Parse(Arguments(flag, value.Replace("{root}", _root, StringComparison.Ordinal)))).Message;
        Assert.Contains(message.Replace("{root}", _root, StringComparison.Ordinal), error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_three_flags_go_together()
    {
        Assert.Contains("needs --train, --teacher and --concepts together; missing: --teacher, --concepts.",
            Assert.Throws<ArgumentException>(() => StudioOptions.Parse(["--train", At("train")])).Message, StringComparison.Ordinal);
        Assert.Contains("Flag --eval belongs to a session built from your own data",
            Assert.Throws<ArgumentException>(() => StudioOptions.Parse(["--eval", "shifted=" + At("shifted")])).Message, StringComparison.Ordinal);
        Assert.Contains("Flag --eval names the split 'shifted' 2 times",
            Assert.Throws<ArgumentException>(() => StudioOptions.Parse([.. OwnDataset.Arguments(_root), "--eval", "shifted=" + At("train")])).Message, StringComparison.Ordinal);
        Assert.False(StudioOptions.Parse([]).UsesOwnData);
    }

    [Fact]
    public void Folders_that_do_not_fit_the_layout_are_named()
    {
        Directory.CreateDirectory(At("empty/apple"));
        var options = StudioOptions.Parse(Arguments("--eval", "shifted=" + At("empty")));
        Assert.Contains("Flag --eval shifted=DIR: the folder", Assert.Throws<ArgumentException>(() => OwnData.Open(options)).Message, StringComparison.Ordinal);

        Directory.Move(At("concepts/stripes"), At("concepts/.stripes"));
        var orphan = Assert.Throws<ArgumentException>(() => OwnData.Open(StudioOptions.Parse(OwnDataset.Arguments(_root)))).Message;
        Assert.Contains("Flag --concepts: 'not-stripes' holds images without the concept 'stripes'", orphan, StringComparison.Ordinal);

        File.WriteAllLines(At("twice.txt"), ["apple", "", "leaf", "apple"]);
        var twice = StudioOptions.Parse(OwnDataset.Arguments(_root)) with { TeacherModel = At("bare.onnx"), ClassesFile = At("twice.txt") };
        Assert.Contains("Flag --classes: '" + At("twice.txt") + "' names the class 'apple' twice (lines 1 and 4)",
            Assert.Throws<ArgumentException>(() => OwnData.Open(twice)).Message, StringComparison.Ordinal);
    }

    /// <summary>The dataset's command line with <paramref name="flag"/>'s value replaced, or the flag added (a session file when empty).</summary>
    private string[] Arguments(string flag, string value)
    {
        var args = OwnDataset.Arguments(_root).ToList();
        var at = flag.Length == 0 ? -1 : args.IndexOf(flag);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange(flag.Length == 0 ? [value] : [flag, value]);
        }
        return [.. args];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
