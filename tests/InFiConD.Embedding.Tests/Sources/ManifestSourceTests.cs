using InFiConD.Core;

namespace InFiConD.Embedding.Tests;

public sealed class ManifestSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Root => Path.Combine(_folder.Path, "data");

    [Fact]
    public void Csv_paths_resolve_against_the_manifest_folder()
    {
        _folder.Write("data/images/cat.png", TestImages.Png());
        var manifest = _folder.WriteText("data/list.csv", "path,label,id\nimages/cat.png,cat,\nimages/dog.png,,dog-1\n\"images/with, comma.png\",\"a \"\"quoted\"\" label\",\n");
        var source = ImageSource.FromManifest(manifest);
        Assert.Equal(3, source.Count);
        Assert.Equal(new ImageItem("images/cat.png", Path.Combine(Root, "images", "cat.png"), "cat") { ListedAt = new ManifestLocation(manifest, 2) }, source[0]);
        Assert.Equal(new ImageItem("dog-1", Path.Combine(Root, "images", "dog.png")) { ListedAt = new ManifestLocation(manifest, 3) }, source[1]);
        Assert.All(source, item => Assert.Null(item.Metadata));
        Assert.Equal("images/with, comma.png", source[2].Id);
        Assert.Equal("a \"quoted\" label", source[2].Label);
        Assert.True(ImageDecoder.Default.TryDecode(source[0]).Succeeded);
    }

    [Fact]
    public void Csv_headers_are_case_insensitive_extra_columns_become_metadata_and_crlf_is_fine()
    {
        var manifest = _folder.WriteText("data/list.csv", "\uFEFFWidth,Path,LABEL,site\r\n10,a.png,x,north\r\n\r\n20,b/c.png,y,\r\n");
        var source = ImageSource.FromManifest(manifest);
        Assert.Equal(["a.png", "b/c.png"], source.Select(i => i.Id));
        Assert.Equal(["x", "y"], source.Select(i => i.Label!));
        Assert.Equal(new Dictionary<string, string> { ["Width"] = "10", ["site"] = "north" }, source[0].Metadata);
        // An empty value is an absent attribute.
        Assert.Equal(new Dictionary<string, string> { ["Width"] = "20" }, source[1].Metadata);
        Assert.Equal(new ManifestLocation(manifest, 4), source[1].ListedAt);
    }

    [Fact]
    public void Csv_metadata_columns_that_repeat_are_refused_naming_the_column()
    {
        var manifest = _folder.WriteText("data/list.csv", "path,site,site\na.png,x,y\n");
        var ex = Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(manifest));
        Assert.Equal(("site", 1L), (ex.Field, ex.Position));
    }

    [Fact]
    public void A_ragged_csv_row_names_the_first_column_without_a_value()
    {
        var manifest = _folder.WriteText("data/list.csv", "path,label,site,camera\na.png,cat,north,c1\nb.png,dog\n");
        var ex = Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(manifest));
        Assert.Equal((manifest, "site", 3L), (ex.FilePath, ex.Field, ex.Position));
        Assert.Contains("2 fields", ex.Message);
    }

    [Fact]
    public void Json_lines_metadata_keeps_strings_numbers_and_booleans_and_refuses_objects()
    {
        var manifest = _folder.WriteText("data/list.jsonl", "{\"path\": \"a.png\", \"site\": \"north\", \"has_mark\": true, \"depth\": 1.50, \"camera\": null}\n");
        Assert.Equal(new Dictionary<string, string> { ["site"] = "north", ["has_mark"] = "true", ["depth"] = "1.50" }, ImageSource.FromManifest(manifest)[0].Metadata);

        var nested = _folder.WriteText("data/nested.jsonl", "{\"path\": \"a.png\"}\n{\"path\": \"b.png\", \"where\": {\"x\": 1}}\n");
        var ex = Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(nested));
        Assert.Equal((nested, "where", 2L), (ex.FilePath, ex.Field, ex.Position));
    }

    [Fact]
    public void Json_lines_are_read_with_optional_label_and_id()
    {
        var manifest = _folder.WriteText("data/list.jsonl",
            "{\"path\": \"a.png\", \"label\": \"cat\"}\n\n{\"path\": \"sub/b.png\", \"id\": \"b\", \"label\": null, \"extra\": 3}\r\n");
        var source = ImageSource.FromManifest(manifest);
        Assert.Equal(new ImageItem("a.png", Path.Combine(Root, "a.png"), "cat") { ListedAt = new ManifestLocation(manifest, 1) }, source[0]);
        Assert.Equal(("b", Path.Combine(Root, "sub", "b.png"), (string?)null), (source[1].Id, source[1].Path, source[1].Label));
        Assert.Equal(new Dictionary<string, string> { ["extra"] = "3" }, source[1].Metadata);
        Assert.Equal(new ManifestLocation(manifest, 3), source[1].ListedAt);
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("sub/../../outside.png")]
    [InlineData("/etc/passwd")]
    public void Paths_escaping_the_root_are_refused_naming_manifest_line_and_field(string path)
    {
        var manifest = _folder.WriteText("data/list.csv", $"path\nok.png\n{path}\n");
        var ex = Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(manifest));
        Assert.Equal(manifest, ex.FilePath);
        Assert.Equal("path", ex.Field);
        Assert.Equal(3, ex.Position);
        Assert.Contains("outside the manifest root", ex.Message);
    }

    [Fact]
    public void Json_lines_escapes_are_refused_too()
    {
        var manifest = _folder.WriteText("data/list.jsonl", "{\"path\": \"../../x.png\"}\n");
        var ex = Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(manifest));
        Assert.Equal((1L, "path"), (ex.Position!.Value, ex.Field!));
    }

    [Fact]
    public void An_absolute_path_inside_the_root_is_accepted()
    {
        var inside = Path.Combine(Root, "deep", "x.png");
        var manifest = _folder.WriteText("data/list.csv", $"path\n\"{inside}\"\n");
        Assert.Equal("deep/x.png", ImageSource.FromManifest(manifest)[0].Id);
    }

    [Fact]
    public void A_symbolic_link_leading_outside_the_root_is_refused()
    {
        var outside = _folder.Write("secret.png", TestImages.Png());
        Directory.CreateDirectory(Root);
        var link = Path.Combine(Root, "innocent.png");
        try
        {
            File.CreateSymbolicLink(link, outside);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return; // the platform or account cannot make links; nothing to check
        }
        var manifest = _folder.WriteText("data/list.csv", "path\ninnocent.png\n");
        var ex2 = Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(manifest));
        Assert.Equal((2L, "path"), (ex2.Position!.Value, ex2.Field!));
        Assert.Contains("symbolic link", ex2.Message);
        Assert.Equal("innocent.png", ImageSource.FromManifest(manifest, new ManifestOptions { CheckSymbolicLinks = false })[0].Id);
    }

    [Fact]
    public void A_linked_folder_leading_outside_the_root_is_refused()
    {
        _folder.Write("elsewhere/x.png", TestImages.Png());
        Directory.CreateDirectory(Root);
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(Root, "photos"), Path.Combine(_folder.Path, "elsewhere"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return;
        }
        var manifest = _folder.WriteText("data/list.jsonl", "{\"path\": \"photos/x.png\"}\n");
        var ex2 = Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(manifest));
        Assert.Equal((1L, "path"), (ex2.Position!.Value, ex2.Field!));
    }

    [Fact]
    public void A_symbolic_link_staying_inside_the_root_is_accepted()
    {
        var target = _folder.Write("data/real/a.png", TestImages.Png());
        try
        {
            File.CreateSymbolicLink(Path.Combine(Root, "alias.png"), target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return;
        }
        var manifest = _folder.WriteText("data/list.csv", "path\nalias.png\n");
        Assert.Equal("alias.png", ImageSource.FromManifest(manifest)[0].Id);
    }

    [Fact]
    public void Duplicate_ids_are_refused_naming_both_lines()
    {
        var manifest = _folder.WriteText("data/list.csv", "path,id\na.png,one\nb.png,two\nc.png,one\n");
        var ex = Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(manifest));
        Assert.Equal((4L, "id"), (ex.Position!.Value, ex.Field!));
        Assert.Contains("line 2", ex.Message);
    }

    [Fact]
    public void The_same_path_twice_is_a_duplicate_id()
    {
        var manifest = _folder.WriteText("data/list.jsonl", "{\"path\": \"a.png\"}\n{\"path\": \"./a.png\"}\n");
        var ex = Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(manifest));
        Assert.Equal(2L, ex.Position);
        Assert.Contains("line 1", ex.Message);
    }

    [Fact]
    public void Missing_files_are_listed_and_reported_when_decoded()
    {
        var manifest = _folder.WriteText("data/list.csv", "path\nnot-there.png\n");
        var item = Assert.Single(ImageSource.FromManifest(manifest));
        Assert.Equal(DecodeFailureReason.Missing, ImageDecoder.Default.TryDecode(item).Failure!.Reason);
    }

    [Fact]
    public void The_root_can_be_set_explicitly()
    {
        var manifest = _folder.WriteText("lists/list.csv", "path\nimages/a.png\n");
        var source = ImageSource.FromManifest(manifest, new ManifestOptions { Root = Root });
        Assert.Equal(Path.Combine(Root, "images", "a.png"), source[0].Path);
    }

    [Theory]
    [InlineData("list.csv", "label\nx\n", "path", 1)]
    [InlineData("list.csv", "path,path\na,b\n", "path", 1)]
    [InlineData("list.csv", "path,label\na.png\n", "label", 2)]
    [InlineData("list.csv", "path\n\"a.png\n", null, 2)]
    [InlineData("list.csv", "path\n\n,\n", null, 3)]
    [InlineData("list.jsonl", "{\"path\": \"a.png\"}\n{\"path\": 3}\n", "path", 2)]
    [InlineData("list.jsonl", "{\"path\": \"a.png\"}\n{not json\n", null, 2)]
    [InlineData("list.jsonl", "[\"a.png\"]\n", null, 1)]
    [InlineData("list.jsonl", "{\"label\": \"x\"}\n", "path", 1)]
    [InlineData("list.jsonl", "{\"path\": \"\"}\n", "path", 1)]
    public void Malformed_manifests_name_the_line_and_field(string name, string content, string? field, long line)
    {
        var manifest = _folder.WriteText("data/" + name, content);
        var ex = Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(manifest));
        Assert.Equal(manifest, ex.FilePath);
        Assert.Equal(field, ex.Field);
        Assert.Equal(line, ex.Position);
    }

    [Fact]
    public void Other_extensions_need_an_explicit_format()
    {
        var manifest = _folder.WriteText("data/list.txt", "path\na.png\n");
        Assert.Throws<InvalidFileException>(() => ImageSource.FromManifest(manifest));
        Assert.Single(ImageSource.FromManifest(manifest, new ManifestOptions { Format = ManifestFormat.Csv }));
    }

    [Fact]
    public void A_missing_manifest_is_refused() =>
        Assert.Throws<FileNotFoundException>(() => ImageSource.FromManifest(Path.Combine(_folder.Path, "none.csv")));
}
