using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using InFiConD.Core;

namespace InFiConD.Editing.Tests.Files;

public sealed class SessionFileTests
{
    private static readonly EditingData Data = EditingData.Default;

    [Fact]
    public async Task A_saved_session_loads_bit_for_bit_at_its_current_version()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.infcd");
        using var session = Data.NewSession();
        await session.EditAsync([ConceptEdit.Downtune("boat", "water", 3)], EditRefit.FixedEpochs(5));
        await session.EditAsync([ConceptEdit.Uptune("car", "wheel")], EditRefit.FixedEpochs(5));
        session.Undo();
        await session.EditAsync([ConceptEdit.Remove("house", "grass")], EditRefit.FixedEpochs(5));
        session.Undo();
        var metadata = new Dictionary<string, string> { ["dataset"] = "ConceptWorld train", ["encoder"] = "ResNet-18 exemplars" };
        await SessionFile.SaveAsync(path, session, metadata);

        var loaded = await SessionFile.LoadAsync(path);
        using var copy = loaded.Session;
        Assert.Empty(loaded.Warnings);
        Assert.Equal(metadata, loaded.Metadata);
        Assert.Equal("v1", copy.Current.Id);
        Sessions.EditHistoryTests.AssertSameStudents(Data.Students, copy.BaseStudents);
        Sessions.EditHistoryTests.AssertSameStudents(session.Students, copy.Students);
        Assert.Equal(EditingData.Bits(Data.Students.ConceptMean), EditingData.Bits(copy.BaseStudents.ConceptMean));
        Assert.Equal(EditingData.Bits(Data.Students.ConceptDeviation), EditingData.Bits(copy.BaseStudents.ConceptDeviation));
        Assert.Equal(EditingData.Bits(Data.Scores.Values.AsSpan()), EditingData.Bits(copy.Scores.Values.AsSpan()));
        Assert.Equal(EditingData.Bits(Data.Teacher.Probabilities.AsSpan()), EditingData.Bits(copy.Teacher.Probabilities.AsSpan()));
        Assert.Equal(Data.Scores.ImageIds, copy.Scores.ImageIds);
        Assert.Equal(Data.GroundTruth, copy.GroundTruth);
        Assert.Equal(EditingData.Options, copy.Options);
        Assert.Equal(session.Log.Entries.Select(e => (e.Id, e.ParentId)), copy.Log.Entries.Select(e => (e.Id, e.ParentId)));
        Assert.Equal(session.Current.Metrics, copy.Current.Metrics);
        Assert.Equal(session.Current.ActiveBounds, copy.Current.ActiveBounds);
        foreach (var id in new[] { "v2", "v3" })
        {
            Sessions.EditHistoryTests.AssertSameStudents(session.StudentsAt(id), copy.StudentsAt(id));
        }

        // The loaded session refits exactly as the original does.
        var a = await session.EditAsync([ConceptEdit.Uptune("boat", "sail")], EditRefit.FixedEpochs(5));
        var b = await copy.EditAsync([ConceptEdit.Uptune("boat", "sail")], EditRefit.FixedEpochs(5));
        Sessions.EditHistoryTests.AssertSameStudents(a.Students, b.Students);
        Assert.True((await copy.ReplayAsync("v3")).Identical);
    }

    [Fact]
    public async Task Saving_again_replaces_the_file_atomically_and_an_unedited_session_loads_at_the_base()
    {
        using var dir = new TempDirectory();
        var path = dir.File("run.infcd");
        using var session = Data.NewSession();
        await SessionFile.SaveAsync(path, session);
        await SessionFile.SaveAsync(path, session);
        Assert.Equal(["run.infcd"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        var loaded = await SessionFile.LoadAsync(path);
        Assert.Empty(loaded.Metadata);
        Assert.Equal(ProvenanceLog.RootId, loaded.Session.Current.Id);
        Assert.Null(loaded.Session.Current.ParentId);
        loaded.Session.Dispose();
    }

    [Fact]
    public async Task A_truncated_file_is_an_error_naming_the_file()
    {
        using var dir = new TempDirectory();
        var path = await Saved(dir);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path));
        Assert.Equal(path, error.FilePath);
        Assert.Equal("zip", error.Field);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_is_an_error()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("run.infcd", "{\"this\": \"is json\"}");
        Assert.Equal("zip", (await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path))).Field);
    }

    [Theory]
    [InlineData("students/bias.npy")]
    [InlineData("provenance.jsonl")]
    [InlineData("manifest.json")]
    [InlineData("names.json")]
    public async Task A_missing_entry_is_an_error_naming_it(string entry)
    {
        using var dir = new TempDirectory();
        var path = await Saved(dir);
        Rewrite(path, (name, bytes) => name == entry ? null : bytes);
        var error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path));
        Assert.Equal(path, error.FilePath);
        Assert.Equal(entry, error.Field);
        Assert.Contains("missing", error.Message);
    }

    [Theory]
    [InlineData("scores.npy")]
    [InlineData("students/weights.npy")]
    [InlineData("provenance.jsonl")]
    public async Task An_altered_entry_fails_its_hash(string entry)
    {
        using var dir = new TempDirectory();
        var path = await Saved(dir);
        Rewrite(path, (name, bytes) =>
        {
            if (name != entry)
            {
                return bytes;
            }
            var altered = (byte[])bytes.Clone();
            altered[^5] ^= 0x01; // a flipped bit near the end: same length, still parseable
            return altered;
        });
        var error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path));
        Assert.Equal(entry, error.Field);
        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public async Task A_future_format_version_is_refused()
    {
        using var dir = new TempDirectory();
        var path = await Saved(dir);
        EditManifest(path, m => m["formatVersion"] = 3);
        var error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path));
        Assert.Equal("manifest.json", error.Field);
        Assert.Contains("newer", error.Message);
    }

    [Fact]
    public async Task The_solver_method_round_trips_and_files_without_it_load_as_FISTA()
    {
        using var dir = new TempDirectory();
        var path = await Saved(dir);
        var saved = await SessionFile.LoadAsync(path);
        using (saved.Session)
        {
            Assert.Equal(EditingData.Options.Students.Solver.Method, saved.Session.Options.Students.Solver.Method);
        }

        // Saved before the setting existed: fitted with FISTA, the only method then.
        EditManifest(path, m => m["options"]!.AsObject().Remove("method"));
        var old = await SessionFile.LoadAsync(path);
        using (old.Session)
        {
            Assert.Equal(InFiConD.Students.SolverMethod.Fista, old.Session.Options.Students.Solver.Method);
        }

        EditManifest(path, m => m["options"]!["method"] = "Newton");
        var error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path));
        Assert.Equal("manifest.json", error.Field);
        Assert.Contains("'options.method' field is 'Newton'", error.Message);
    }

    [Fact]
    public async Task Shapes_that_disagree_with_the_manifest_are_errors()
    {
        using var dir = new TempDirectory();
        var path = await Saved(dir);
        EditManifest(path, m => m["images"] = Data.Scores.ImageCount + 1);
        var error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path));
        Assert.Equal("scores.npy", error.Field);
        Assert.Contains("shape", error.Message);

        // A consistent manifest and hash over an array of the wrong shape.
        path = await Saved(dir, "second.infcd");
        var wrong = new MemoryStream();
        Npy.Write(wrong, new float[EditingData.Concepts.Length - 1], [EditingData.Concepts.Length - 1]);
        Rewrite(path, (name, bytes) => name == "students/mean.npy" ? wrong.ToArray() : bytes);
        EditManifest(path, m => SetEntry(m, "students/mean.npy", wrong.ToArray()));
        error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path));
        Assert.Equal("students/mean.npy", error.Field);
        Assert.Contains("expected (10)", error.Message);
    }

    [Fact]
    public async Task A_manifest_current_version_missing_from_the_log_is_an_error()
    {
        using var dir = new TempDirectory();
        var path = await Saved(dir);
        EditManifest(path, m => m["currentVersion"] = "v7");
        Assert.Contains("'v7'", (await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path))).Message);
    }

    [Fact]
    public async Task A_log_that_does_not_fit_the_students_is_an_error_naming_the_log_entry()
    {
        using var dir = new TempDirectory();
        var path = await Saved(dir);
        // Swap in the base weights of another fit: the log's "before" rows no longer match.
        var other = Data.Students.CopyStandardizedWeights();
        other[0, 0] += 1f;
        var npy = new MemoryStream();
        Npy.Write(npy, other);
        Rewrite(path, (name, bytes) => name == "students/weights.npy" ? npy.ToArray() : bytes);
        EditManifest(path, m => SetEntry(m, "students/weights.npy", npy.ToArray()));
        var error = await Assert.ThrowsAsync<InvalidFileException>(() => SessionFile.LoadAsync(path));
        Assert.Equal(path, error.FilePath);
        Assert.Equal("provenance.jsonl", error.Field);
        Assert.Contains("other base students", error.Message);
    }

    private static async Task<string> Saved(TempDirectory dir, string name = "run.infcd")
    {
        var path = dir.File(name);
        using var session = Data.NewSession();
        await session.EditAsync([ConceptEdit.Downtune("boat", "water")], EditRefit.FixedEpochs(5));
        await SessionFile.SaveAsync(path, session, new Dictionary<string, string> { ["dataset"] = "test" });
        return path;
    }

    /// <summary>Rewrites the zip with each entry transformed (null drops it).</summary>
    internal static void Rewrite(string path, Func<string, byte[], byte[]?> transform)
    {
        var entries = new List<(string, byte[])>();
        using (var zip = ZipFile.OpenRead(path))
        {
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                if (transform(entry.FullName, buffer.ToArray()) is { } bytes)
                {
                    entries.Add((entry.FullName, bytes));
                }
            }
        }
        File.Delete(path);
        using var output = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var stream = output.CreateEntry(name).Open();
            stream.Write(bytes);
        }
    }

    internal static void EditManifest(string path, Action<JsonObject> edit) => Rewrite(path, (name, bytes) =>
    {
        if (name != "manifest.json")
        {
            return bytes;
        }
        var manifest = JsonNode.Parse(bytes)!.AsObject();
        edit(manifest);
        return System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString());
    });

    internal static void SetEntry(JsonObject manifest, string name, byte[] bytes)
    {
        var entry = manifest["entries"]!.AsArray().Single(e => (string?)e!["name"] == name)!.AsObject();
        entry["length"] = bytes.Length;
        entry["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
