using System.IO.Compression;
using System.Text.Json.Nodes;
using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Editing.Tests.Files;

/// <summary>The bank's per-concept quality and presence thresholds travel with the session; files without them still load.</summary>
public sealed class SessionFileQualityTests
{
    private static readonly EditingData Data = EditingData.Default;

    private static ConceptBank Bank()
    {
        var random = new Random(5);
        var vectors = new FloatMatrix(EditingData.Concepts.Length, 4);
        foreach (ref var v in vectors.AsSpan())
        {
            v = random.NextSingle() - 0.5f;
        }
        return ConceptBank.Create(EditingData.Concepts, vectors, new ConceptBankOrigin(ConceptBankKind.Exemplar, "resnet18/v1", description: "exemplars"));
    }

    private static ConceptQuality?[] Quality() =>
        [.. EditingData.Concepts.Select((_, c) => c == 1 ? null : new ConceptQuality(0.5 + (0.05 * c), 8, 8, 5, "cav/best-segment"))];

    private static float[] Thresholds() => [.. EditingData.Concepts.Select((_, c) => (0.1f * c) + 0.0123f)];

    [Fact]
    public async Task Quality_and_presence_thresholds_round_trip()
    {
        using var dir = new TempDirectory();
        var path = dir.File("quality.infcd");
        using var session = EditSession.Create(Data.Students, Data.Scores, Data.Teacher, Data.GroundTruth, EditingData.Options);
        var bank = Bank().WithQuality(Quality()).WithPresenceThresholds(Thresholds());
        await SessionFile.SaveAsync(path, session, bank: bank);

        var loaded = await SessionFile.LoadAsync(path);
        using var copy = loaded.Session;

        Assert.Equal(Quality(), loaded.Bank!.Quality);
        Assert.Equal(Thresholds(), loaded.Bank.PresenceThresholds);
    }

    [Fact]
    public async Task A_bank_saved_without_them_loads_without_them()
    {
        // The bank document of files written before quality existed: the same fields, none of the new ones.
        using var dir = new TempDirectory();
        var path = dir.File("plain.infcd");
        using var session = EditSession.Create(Data.Students, Data.Scores, Data.Teacher, Data.GroundTruth, EditingData.Options);
        await SessionFile.SaveAsync(path, session, bank: Bank());
        using (var zip = ZipFile.OpenRead(path))
        {
            var json = JsonNode.Parse(zip.GetEntry("bank/bank.json")!.Open())!;
            Assert.Null(json["quality"]);
        }

        var loaded = await SessionFile.LoadAsync(path);
        using var copy = loaded.Session;

        Assert.NotNull(loaded.Bank);
        Assert.Null(loaded.Bank.Quality);
        Assert.Null(loaded.Bank.PresenceThresholds);
    }

    [Fact]
    public async Task A_bad_quality_entry_is_reported_with_its_field()
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.infcd");
        using var session = EditSession.Create(Data.Students, Data.Scores, Data.Teacher, Data.GroundTruth, EditingData.Options);
        await SessionFile.SaveAsync(path, session, bank: Bank().WithQuality(Quality()));
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var json = ReadJson(zip, "bank/bank.json");
            json["quality"]![0]!["auc"] = 1.5;
            var bytes = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());
            WriteEntry(zip, "bank/bank.json", bytes);
            // Keep the manifest's length and hash in step, so the reader gets as far as the value itself.
            var manifest = ReadJson(zip, "manifest.json");
            var listed = manifest["entries"]!.AsArray().First(e => (string?)e!["name"] == "bank/bank.json")!;
            listed["length"] = bytes.Length;
            listed["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            WriteEntry(zip, "manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString()));
        }

        var error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path));

        Assert.Contains("quality[0].auc", error.Message);
    }

    private static JsonNode ReadJson(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        return JsonNode.Parse(stream)!;
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        zip.GetEntry(name)!.Delete();
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }
}
