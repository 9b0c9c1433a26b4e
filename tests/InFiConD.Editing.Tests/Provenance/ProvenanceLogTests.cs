using System.Text;
using System.Text.Json;
using InFiConD.Core;

namespace InFiConD.Editing.Tests.Provenance;

public sealed class ProvenanceLogTests
{
    private static readonly EditingData Data = EditingData.Default;

    [Fact]
    public async Task Every_entry_is_on_disk_as_one_line_as_soon_as_it_is_applied()
    {
        using var dir = new TempDirectory();
        var path = dir.File("edits.jsonl");
        using var session = Data.NewSession(ProvenanceLog.Create(path));
        var result = await session.EditAsync([ConceptEdit.Downtune("boat", "water")], EditRefit.FixedEpochs(5));

        // Read while the session still holds the file open.
        var lines = ReadShared(path).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.Contains("\"infcd.provenance\"", lines[0]);
        var entry = JsonSerializer.Deserialize(lines[1], EditingJsonContext.Default.ProvenanceEntry)!;
        Assert.Equal(result.Entry.Id, entry.Id);
        Assert.Equal(ConceptEditKind.Downtune, Assert.Single(entry.Edits).Kind);
        Assert.Equal(result.Entry.Bounds, entry.Bounds);
        Assert.Equal(result.Entry.MetricsAfter, entry.MetricsAfter);
        Assert.Equal(EditingData.Bits(result.Entry.Changes[0].WeightsAfter), EditingData.Bits(entry.Changes[0].WeightsAfter));
        Assert.Equal(BitConverter.SingleToInt32Bits(result.Entry.Changes[0].BiasAfter), BitConverter.SingleToInt32Bits(entry.Changes[0].BiasAfter));
        Assert.Equal(TimeSpan.Zero, entry.Time.Offset);
        Assert.Equal(EditingData.Options.Students.Seed, entry.Seed);
    }

    [Fact]
    public async Task A_reopened_log_continues_the_session_at_its_last_entry()
    {
        using var dir = new TempDirectory();
        var path = dir.File("edits.jsonl");
        StudentsSnapshot last;
        using (var session = Data.NewSession(ProvenanceLog.Create(path)))
        {
            await session.EditAsync([ConceptEdit.Downtune("boat", "water")], EditRefit.FixedEpochs(5));
            last = new StudentsSnapshot((await session.EditAsync([ConceptEdit.Remove("car", "road")], EditRefit.FixedEpochs(5))).Students);
        }
        var opened = ProvenanceLog.Open(path);
        Assert.Empty(opened.Warnings);
        using var resumed = Data.NewSession(opened.Log);
        Assert.Equal("v2", resumed.Current.Id);
        last.AssertSame(resumed.Students);
        var v3 = await resumed.EditAsync([ConceptEdit.Lock("house", "roof")], EditRefit.FixedEpochs(5));
        Assert.Equal("v3", v3.VersionId);
        resumed.Dispose();
        using var again = ProvenanceLog.Open(path).Log;
        Assert.Equal(["v1", "v2", "v3"], again.Entries.Select(e => e.Id));
    }

    [Fact]
    public async Task A_torn_last_line_is_dropped_with_a_warning_and_earlier_entries_survive()
    {
        using var dir = new TempDirectory();
        var path = await WriteLog(dir, 3);
        var bytes = File.ReadAllBytes(path);
        var lastLineStart = Array.LastIndexOf(bytes, (byte)'\n', bytes.Length - 2) + 1;
        var cut = lastLineStart + (bytes.Length - lastLineStart) / 2;
        File.WriteAllBytes(path, bytes[..cut]);

        var result = ProvenanceLog.Open(path);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains(":4:", warning);
        Assert.Contains("interrupted", warning);
        Assert.Equal(["v1", "v2"], result.Log.Entries.Select(e => e.Id));
        // The file was cut back to the complete entries, so the session can continue writing to it.
        Assert.Equal(lastLineStart, new FileInfo(path).Length);
        using (var session = Data.NewSession(result.Log))
        {
            Assert.Equal("v2", session.Current.Id);
            await session.EditAsync([ConceptEdit.Uptune("house", "roof")], EditRefit.FixedEpochs(5));
        }
        var reopened = ProvenanceLog.Open(path);
        Assert.Empty(reopened.Warnings);
        Assert.Equal(["v1", "v2", "v3"], reopened.Log.Entries.Select(e => e.Id));
        Assert.Equal(ConceptEditKind.Uptune, reopened.Log.Entries[2].Edits[0].Kind);
        reopened.Log.Dispose();
    }

    [Fact]
    public async Task A_complete_last_line_without_its_newline_is_kept_and_repaired()
    {
        using var dir = new TempDirectory();
        var path = await WriteLog(dir, 2);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^1]);
        using (var result = ProvenanceLog.Open(path).Log)
        {
            Assert.Equal(2, result.Entries.Count);
        }
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task A_corrupt_line_in_the_middle_is_an_error_naming_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var path = await WriteLog(dir, 3);
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        lines[2] = lines[2].Replace("\"parentId\"", "\"parentId\"::", StringComparison.Ordinal);
        File.WriteAllText(path, string.Join('\n', lines));

        var error = Assert.Throws<InvalidFileException>(() => ProvenanceLog.Open(path));
        Assert.Equal(Path.GetFullPath(path), Path.GetFullPath(error.FilePath));
        Assert.Equal(3, error.Position);
        Assert.Equal("entry", error.Field);
        Assert.Contains("altered", error.Message);
    }

    [Fact]
    public async Task Structural_problems_are_errors_too()
    {
        using var dir = new TempDirectory();
        var path = await WriteLog(dir, 2);
        var lines = File.ReadAllText(path).Split('\n');

        File.WriteAllText(path, string.Join('\n', lines[0], lines[2], lines[1], ""));
        Assert.Equal("parentId", Assert.Throws<InvalidFileException>(() => ProvenanceLog.Open(path)).Field);

        File.WriteAllText(path, string.Join('\n', lines[0], lines[1], lines[1], ""));
        Assert.Equal("id", Assert.Throws<InvalidFileException>(() => ProvenanceLog.Open(path)).Field);

        File.WriteAllText(path, string.Join('\n', lines[0].Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal), lines[1], ""));
        Assert.Contains("newer", Assert.Throws<InvalidFileException>(() => ProvenanceLog.Open(path)).Message);

        // A required member missing is not silently defaulted.
        var node = System.Text.Json.Nodes.JsonNode.Parse(lines[1])!.AsObject();
        node.Remove("changes");
        File.WriteAllText(path, string.Join('\n', lines[0], node.ToJsonString(), ""));
        Assert.Equal(2, Assert.Throws<InvalidFileException>(() => ProvenanceLog.Open(path)).Position);
    }

    [Fact]
    public void An_interrupted_creation_leaves_a_log_that_opens_empty()
    {
        using var dir = new TempDirectory();
        var path = dir.File("edits.jsonl");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes("{\"format\":\"infcd.prov"));
        var result = ProvenanceLog.Open(path);
        Assert.Single(result.Warnings);
        Assert.Empty(result.Log.Entries);
        result.Log.Dispose();
        var reopened = ProvenanceLog.Open(path);
        reopened.Log.Dispose();
        Assert.Empty(reopened.Warnings);
    }

    [Fact]
    public void Create_refuses_to_overwrite_an_existing_log()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("edits.jsonl", "keep me");
        Assert.Throws<IOException>(() => ProvenanceLog.Create(path));
        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Fact]
    public void A_second_writer_in_this_process_is_refused_until_the_first_is_disposed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("edits.jsonl");
        var created = ProvenanceLog.Create(path);

        var error = Assert.Throws<ProvenanceLogInUseException>(() => ProvenanceLog.Open(path));
        Assert.Equal(Path.GetFullPath(path), error.FilePath);
        Assert.Equal(Path.GetFullPath(path) + ProvenanceLog.LockFileSuffix, error.LockPath);
        Assert.Contains(Path.GetFullPath(path), error.Message, StringComparison.Ordinal);
        Assert.Contains("open for appending elsewhere", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<InFiConDException>(error);

        created.Dispose();
        var opened = ProvenanceLog.Open(path);
        Assert.Throws<ProvenanceLogInUseException>(() => ProvenanceLog.Open(path));
        opened.Log.Dispose();
        ProvenanceLog.Open(path).Log.Dispose();
    }

    [Fact]
    public async Task A_refused_second_writer_leaves_the_first_writers_log_intact()
    {
        using var dir = new TempDirectory();
        var path = await WriteLog(dir, 2);
        var before = File.ReadAllBytes(path);
        var first = ProvenanceLog.Open(path);
        using (var session = Data.NewSession(first.Log))
        {
            Assert.Throws<ProvenanceLogInUseException>(() => ProvenanceLog.Open(path));
            await session.EditAsync([ConceptEdit.Downtune("car", "road")], EditRefit.FixedEpochs(5));
            Assert.Throws<ProvenanceLogInUseException>(() => ProvenanceLog.Create(path));
        }
        using var reopened = ProvenanceLog.Open(path).Log;
        Assert.Equal(["v1", "v2", "v3"], reopened.Entries.Select(e => e.Id));
        Assert.Equal(before, File.ReadAllBytes(path)[..before.Length]);
    }

    [Fact]
    public void Create_refuses_while_another_writer_holds_the_path_and_leaves_the_file_alone()
    {
        using var dir = new TempDirectory();
        var path = dir.File("edits.jsonl");
        using var held = ProvenanceLog.Create(path);
        var bytes = File.ReadAllBytes(path);
        Assert.Throws<ProvenanceLogInUseException>(() => ProvenanceLog.Create(path));
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    private static async Task<string> WriteLog(TempDirectory dir, int entries)
    {
        var path = dir.File("edits.jsonl");
        using var session = Data.NewSession(ProvenanceLog.Create(path));
        var concepts = new[] { "water", "sail", "hull", "road" };
        for (var i = 0; i < entries; i++)
        {
            await session.EditAsync([ConceptEdit.Lock("boat", concepts[i])], EditRefit.FixedEpochs(5));
        }
        return path;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class StudentsSnapshot(InFiConD.Students.StudentEnsemble students)
    {
        public void AssertSame(InFiConD.Students.StudentEnsemble other) => Sessions.EditHistoryTests.AssertSameStudents(students, other);
    }
}
