using System.Text.Json.Nodes;
using InFiConD.Core;

namespace InFiConD.Concepts.Tests;

public sealed class ConceptBankTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly ConceptBankOrigin TextOrigin =
        new(ConceptBankKind.Text, "clip-vit-b32.onnx", ["a photo of a {concept}", "{concept}"], "unit test");

    private static FloatMatrix RandomRows(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var matrix = new FloatMatrix(rows, columns);
        for (var i = 0; i < matrix.Length; i++)
        {
            matrix.AsSpan()[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return matrix;
    }

    private static ConceptBank SampleBank() =>
        ConceptBank.Create(["water", "Sail Boat", "sky"], RandomRows(3, 8, seed: 1), TextOrigin);

    [Fact]
    public void Create_normalises_rows_copies_input_and_indexes_by_key()
    {
        var vectors = FloatMatrix.FromValues([3, 4, 0, 0, 0, 2], 2, 3);

        var bank = ConceptBank.Create(["Water", "sky"], vectors, TextOrigin);
        vectors[0, 0] = 100;

        Assert.Equal([0.6f, 0.8f, 0f], bank.Vector(0).ToArray());
        Assert.Equal([0f, 0f, 1f], bank.Vector(1).ToArray());
        Assert.Equal(2, bank.Count);
        Assert.Equal(3, bank.Dimension);
        Assert.Equal(0, bank.IndexOf(" WATER"));
        Assert.Equal(-1, bank.IndexOf("grass"));
    }

    [Fact]
    public void Create_without_normalising_accepts_unit_rows_and_names_a_non_unit_row()
    {
        var unit = FloatMatrix.FromValues([1, 0, 0, 1.0005f], 2, 2);
        Assert.Equal(2, ConceptBank.Create(["a", "b"], unit, TextOrigin, normalize: false).Count);

        var off = FloatMatrix.FromValues([1, 0, 0, 0.9f], 2, 2);
        var error = Assert.Throws<ArgumentException>(() => ConceptBank.Create(["a", "b"], off, TextOrigin, normalize: false));

        Assert.Contains("Row 1 (concept 'b')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_rejects_a_zero_row_naming_the_concept()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ConceptBank.Create(["a", "empty"], FloatMatrix.FromValues([1, 0, 0, 0], 2, 2), TextOrigin));

        Assert.Contains("Row 1 (concept 'empty')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_rejects_nan_wrong_count_and_duplicate_names()
    {
        var nan = Assert.Throws<NonFiniteValueException>(() =>
            ConceptBank.Create(["a", "b"], FloatMatrix.FromValues([1, 0, 0, float.NaN], 2, 2), TextOrigin));
        Assert.Equal((1L, 1L), (nan.Row, nan.Column));

        Assert.Throws<ShapeMismatchException>(() => ConceptBank.Create(["a"], RandomRows(2, 2, 3), TextOrigin));

        var duplicate = Assert.Throws<ArgumentException>(() => ConceptBank.Create(["Sky", "water", "sky "], RandomRows(3, 2, 3), TextOrigin));
        Assert.Contains("0 ('Sky') and 2 ('sky ')", duplicate.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => ConceptBank.Create(["a", " "], RandomRows(2, 2, 3), TextOrigin));
    }

    [Fact]
    public void Save_and_load_round_trip_bit_exact_into_a_directory()
    {
        var bank = SampleBank();

        var manifest = bank.Save(_temp.File("bank"));
        var loaded = ConceptBank.Load(_temp.File("bank"));

        Assert.Equal(_temp.File(Path.Combine("bank", "conceptbank.json")), manifest);
        Assert.True(File.Exists(_temp.File(Path.Combine("bank", "conceptbank.npy"))));
        Assert.Equal(bank.Names, loaded.Names);
        Assert.Equal(bank.Origin, loaded.Origin);
        Assert.Equal(
            bank.Vectors.AsSpan().ToArray().Select(BitConverter.SingleToInt32Bits),
            loaded.Vectors.AsSpan().ToArray().Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(1, loaded.IndexOf("sail boat"));
    }

    [Fact]
    public void Save_to_a_json_path_puts_the_vectors_beside_it_and_writes_the_documented_manifest()
    {
        var path = _temp.File("my-bank.json");

        SampleBank().Save(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!;

        Assert.True(File.Exists(_temp.File("my-bank.npy")));
        Assert.Equal("infcd.conceptbank", (string?)json["format"]);
        Assert.Equal(2, (int?)json["version"]);
        Assert.Equal(3, (int?)json["count"]);
        Assert.Equal(8, (int?)json["dimension"]);
        Assert.Equal("Text", (string?)json["origin"]!["kind"]);
        Assert.Equal("my-bank.npy", (string?)json["vectors"]!["file"]);
        Assert.Equal(64, ((string?)json["vectors"]!["sha256"])!.Length);
        Assert.Equal(3, ConceptBank.Load(path).Count);
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp"));
    }

    [Fact]
    public void Load_detects_a_tampered_vectors_file()
    {
        var path = _temp.File("bank.json");
        SampleBank().Save(path);
        var bytes = File.ReadAllBytes(_temp.File("bank.npy"));
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(_temp.File("bank.npy"), bytes);

        var error = Assert.Throws<InvalidFileException>(() => ConceptBank.Load(path));

        Assert.Equal(_temp.File("bank.npy"), error.FilePath);
        Assert.Equal("sha256", error.Field);
    }

    [Fact]
    public void Load_reports_a_count_that_disagrees_with_the_names()
    {
        var path = _temp.File("bank.json");
        SampleBank().Save(path);
        EditManifest(path, json => json["count"] = 4);

        var error = Assert.Throws<InvalidFileException>(() => ConceptBank.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal("names", error.Field);
    }

    [Fact]
    public void Load_reports_vectors_whose_shape_disagrees_with_the_manifest()
    {
        var path = _temp.File("bank.json");
        SampleBank().Save(path);
        EditManifest(path, json =>
        {
            json["count"] = 2;
            json["names"]!.AsArray().RemoveAt(2);
        });

        var error = Assert.Throws<ShapeMismatchException>(() => ConceptBank.Load(path));

        Assert.Contains("bank.npy", error.Field, StringComparison.Ordinal);
        Assert.Equal("3 × 8", error.Actual);
    }

    [Fact]
    public void Load_reports_non_unit_rows_and_nan_naming_the_row_and_concept()
    {
        var nonUnit = WriteRawBank("nonunit", FloatMatrix.FromValues([1, 0, 0, 2], 2, 2));
        var error = Assert.Throws<InvalidFileException>(() => ConceptBank.Load(nonUnit));
        Assert.Equal("vectors", error.Field);
        Assert.Equal(1, error.Position);
        Assert.Contains("concept 'b'", error.Message, StringComparison.Ordinal);

        var nan = WriteRawBank("nan", FloatMatrix.FromValues([float.NaN, 0, 0, 1], 2, 2));
        var nanError = Assert.Throws<InvalidFileException>(() => ConceptBank.Load(nan));
        Assert.Equal(0, nanError.Position);
        Assert.IsType<NonFiniteValueException>(nanError.InnerException);
    }

    [Theory]
    [InlineData("format", "\"something.else\"")]
    [InlineData("version", "3")]
    [InlineData("origin", "null")]
    public void Load_validates_manifest_fields(string field, string value)
    {
        var path = _temp.File("bank.json");
        SampleBank().Save(path);
        EditManifest(path, json => json[field] = JsonNode.Parse(value));

        var error = Assert.Throws<InvalidFileException>(() => ConceptBank.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Load_rejects_duplicate_names_and_vectors_outside_the_directory()
    {
        var path = _temp.File("bank.json");
        SampleBank().Save(path);
        EditManifest(path, json => json["names"]![2] = "WATER");
        Assert.Equal("names", Assert.Throws<InvalidFileException>(() => ConceptBank.Load(path)).Field);

        SampleBank().Save(path);
        EditManifest(path, json => json["vectors"]!["file"] = "../bank.npy");
        Assert.Equal("vectors.file", Assert.Throws<InvalidFileException>(() => ConceptBank.Load(path)).Field);
    }

    [Fact]
    public void Load_reports_malformed_json_with_its_line()
    {
        var path = _temp.WriteText("bank.json", "{\n  \"format\": \"infcd.conceptbank\",\n  \"version\": \"one\"\n}");

        var error = Assert.Throws<InvalidFileException>(() => ConceptBank.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal("$.version", error.Field);
        Assert.Equal(3, error.Position);
    }

    // A bank saved with vectors that Create would refuse, to test what Load checks on its own.
    private string WriteRawBank(string stem, FloatMatrix vectors)
    {
        var path = _temp.File(stem + ".json");
        ConceptBank.Create(["a", "b"], FloatMatrix.FromValues([1, 0, 0, 1], 2, 2), TextOrigin).Save(path);
        Npy.Write(_temp.File(stem + ".npy"), vectors);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(_temp.File(stem + ".npy"))));
        EditManifest(path, json => json["vectors"]!["sha256"] = hash);
        return path;
    }

    private static void EditManifest(string path, Action<JsonNode> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }
}
