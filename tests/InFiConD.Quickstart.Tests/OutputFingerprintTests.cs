using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Quickstart.Tests;

/// <summary>
/// Pins the main job's numbers, bit for bit, so moving code between packages (issue 24) is proven not to change
/// behaviour: a SHA-256 over the concept bank, every split's concept scores and teacher outputs, and every version's
/// students and logits. Every kernel path promises the same bits, so one value holds for all (run it with
/// <c>INFICOND_KERNEL_PATH</c> set to each); <c>INFICOND_RECORD_FINGERPRINT=1</c> records a deliberate change.
/// </summary>
[Collection(QuickstartRunCollection.Name)]
public sealed class OutputFingerprintTests(QuickstartRunFixture run)
{
    private static readonly string RecordFile = Path.Combine(AppContext.BaseDirectory, "main-job.fingerprints.json");

    [Fact]
    public void TheMainJobsNumbersAreTheRecordedBits()
    {
        var fingerprint = Fingerprint(run.Cold);
        Assert.Equal(fingerprint, Fingerprint(run.Warm));

        var source = SourceRecordFile();
        if (Environment.GetEnvironmentVariable("INFICOND_RECORD_FINGERPRINT") == "1")
        {
            File.WriteAllText(source, new JsonObject { ["fingerprint"] = fingerprint }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        var expected = JsonNode.Parse(File.ReadAllText(source))!["fingerprint"]!.GetValue<string>();
        Assert.True(expected == fingerprint, $"On kernel path {Kernels.ActivePath} the main job's numbers hash to {fingerprint}, not {expected} as {source} records.");
    }

    internal static string Fingerprint(QuickstartResult result)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var session = result.Session;
        Add(hash, session.Bank!.Vectors.AsSpan());
        foreach (var split in session.Splits)
        {
            Add(hash, split.Scores.Values.AsSpan());
            Add(hash, split.Teacher.Probabilities.AsSpan());
        }

        Add(hash, result.StudentsBefore);
        foreach (var version in result.Edits.Select(e => e.Version))
        {
            Add(hash, version.Students);
            foreach (var split in session.Splits)
            {
                Add(hash, version.LogitValuesOn(split.Name));
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Add(IncrementalHash hash, StudentEnsemble students)
    {
        Add(hash, students.CopyStandardizedWeights().AsSpan());
        Add(hash, students.Biases);
    }

    private static void Add(IncrementalHash hash, ReadOnlySpan<float> values) =>
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));

    // The record lives beside the sources; the copy in the output folder is what a run without the sources reads.
    private static string SourceRecordFile()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "InFiConD.Quickstart.Tests", "main-job.fingerprints.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return RecordFile;
    }
}
