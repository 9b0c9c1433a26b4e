namespace InFiConD.Embedding.Tests;

public sealed class FolderSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public FolderSourceTests()
    {
        foreach (var name in new[] { "b.png", "a.JPG", "A.png", "sub/c.png", "sub/deeper/d.bmp", "z/x.gif", "notes.txt", ".hidden/e.png", "sub/.f.png", "sub/g.webp" })
        {
            _folder.Write(name, [1, 2, 3]);
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Lists_recursively_in_ordinal_order_of_relative_paths_with_the_default_extensions()
    {
        var source = ImageSource.FromFolder(_folder.Path);
        Assert.Equal(["A.png", "a.JPG", "b.png", "sub/c.png", "sub/deeper/d.bmp", "sub/g.webp", "z/x.gif"], source.Select(i => i.Id));
        Assert.Equal(7, source.Count);
        Assert.All(source, item => Assert.Equal(Path.Combine(_folder.Path, item.Id), item.Path));
        Assert.All(source, item => Assert.True(File.Exists(item.Path)));
        // Labelled by the first folder by default; files in the top folder get none.
        Assert.Equal([null, null, null, "sub", "sub", "sub", "z"], source.Select(i => i.Label));
        Assert.Contains(_folder.Path, source.Description);
    }

    [Fact]
    public void Lists_the_same_order_every_time() =>
        Assert.Equal(ImageSource.FromFolder(_folder.Path).Select(i => i.Id), ImageSource.FromFolder(_folder.Path).Select(i => i.Id));

    [Fact]
    public void Can_stay_in_the_top_folder()
    {
        var source = ImageSource.FromFolder(_folder.Path, new FolderSourceOptions { Recursive = false });
        Assert.Equal(["A.png", "a.JPG", "b.png"], source.Select(i => i.Id));
    }

    [Fact]
    public void Folders_that_are_not_classes_can_go_unlabelled() =>
        Assert.All(ImageSource.FromFolder(_folder.Path, new FolderSourceOptions { LabelFromFolder = false }), item => Assert.Null(item.Label));

    [Fact]
    public void Labels_come_from_the_first_folder()
    {
        var source = ImageSource.FromFolder(_folder.Path, new FolderSourceOptions { LabelFromFolder = true });
        var labels = source.ToDictionary(i => i.Id, i => i.Label);
        Assert.Null(labels["b.png"]);
        Assert.Equal("sub", labels["sub/c.png"]);
        Assert.Equal("sub", labels["sub/deeper/d.bmp"]);
        Assert.Equal("z", labels["z/x.gif"]);
    }

    [Fact]
    public void Extensions_are_configurable_and_case_insensitive()
    {
        var source = ImageSource.FromFolder(_folder.Path, new FolderSourceOptions { Extensions = [".TXT", ".gif"] });
        Assert.Equal(["notes.txt", "z/x.gif"], source.Select(i => i.Id));
    }

    [Fact]
    public void Hidden_files_and_folders_can_be_included()
    {
        var source = ImageSource.FromFolder(_folder.Path, new FolderSourceOptions { IncludeHidden = true });
        Assert.Contains(".hidden/e.png", source.Select(i => i.Id));
        Assert.Contains("sub/.f.png", source.Select(i => i.Id));
    }

    [Fact]
    public void A_missing_folder_is_refused() =>
        Assert.Throws<DirectoryNotFoundException>(() => ImageSource.FromFolder(Path.Combine(_folder.Path, "nope")));

    [Fact]
    public void Bad_extensions_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ImageSource.FromFolder(_folder.Path, new FolderSourceOptions { Extensions = [] }));
        Assert.Throws<ArgumentException>(() => ImageSource.FromFolder(_folder.Path, new FolderSourceOptions { Extensions = ["png"] }));
        Assert.Throws<ArgumentException>(() => ImageSource.FromFolder(_folder.Path, new FolderSourceOptions { Extensions = ["."] }));
    }

    [Fact]
    public void Listed_files_that_are_not_images_fail_at_decoding_not_listing()
    {
        var outcome = ImageDecoder.Default.TryDecode(ImageSource.FromFolder(_folder.Path)[0]);
        Assert.Equal(DecodeFailureReason.UnknownFormat, outcome.Failure!.Reason);
        Assert.Equal("A.png", outcome.Failure.Id);
    }
}
