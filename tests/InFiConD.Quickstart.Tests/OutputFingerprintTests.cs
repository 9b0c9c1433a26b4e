using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Quickstart.Tests;

/// <summary>
/// Pins the main job's numbers, bit for bit, so moving code between packages (issue 24) is proven not to change
/// behaviour: a SHA-256 over the concept bank, every split's concept scores and teacher outputs, and every version's
/// students and logits. The recorded value is per kernel path, because paths may round differently; a path with no
/// recorded value fails with the value to record (<c>INFICOND_RECORD_FINGERPRINT=1</c> writes it).
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

        var path = Kernels.ActivePath.ToString();
        var source = SourceRecordFile();
        var recorded = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        if (Environment.GetEnvironmentVariable("INFICOND_RECORD_FINGERPRINT") == "1")
        {
            recorded[path] = fingerprint;
            File.WriteAllText(source, recorded.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        }

        var expected = recorded[path]?.GetValue<string>();
        Assert.True(expected is not null, $"{source} has no fingerprint for kernel path {path}; this run's is {fingerprint}.");
        Assert.Equal(expected, fingerprint);
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
