using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>The optional parts of a session file: best segments, the bootstrap spread and attachments of the packages above.</summary>
public static partial class SessionFile
{
    /// <summary>The best-scoring segment per image and concept (int16, −1 for none), when the scores recorded it.</summary>
    internal const string BestSegmentEntry = "best-segment.npy";

    /// <summary>The base students' bootstrap spread: float32 [3, K, C] (mean, standard deviation, non-zero fraction).</summary>
    internal const string SpreadEntry = "students/spread.npy";

    /// <summary>Entries under this folder belong to the packages above (the front door keeps where concepts were found there).</summary>
    internal const string AttachmentFolder = "attachments/";

    internal static string SplitBestSegmentEntry(int i) => Invariant($"splits/{i}/best-segment.npy");

    /// <summary>Appends a split's best segments as int16, or nothing when the scores have none or an index does not fit.</summary>
    private static void AddBestSegments(List<(string Name, byte[] Bytes, long[]? Shape)> entries, string name, ConceptScores scores)
    {
        if (!scores.HasBestSegment)
        {
            return;
        }
        var best = scores.BestSegment.Span;
        var compact = new short[best.Length];
        for (var i = 0; i < best.Length; i++)
        {
            if (best[i] > short.MaxValue)
            {
                // Images of more than 32,767 segments: the locations are not saved rather than saved wrong.
                return;
            }
            compact[i] = (short)best[i];
        }
        var stream = new MemoryStream();
        long[] shape = [scores.ImageCount, scores.ConceptCount];
        Npy.Write(stream, compact, shape);
        entries.Add((name, stream.ToArray(), shape));
    }

    /// <summary>The saved best segments of a split, checked to be ≥ −1; <see langword="null"/> when the file has none.</summary>
    private static int[]? ReadBestSegments(SessionFileReader reader, string name, int images, int concepts)
    {
        if (!reader.Has(name))
        {
            return null;
        }
        var values = reader.Shorts(name, [images, concepts]);
        var result = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] < -1)
            {
                throw reader.Fail(name, Invariant($"best segment {i} (image {i / Math.Max(concepts, 1)}, concept {i % Math.Max(concepts, 1)}) is {values[i]}; expected −1 (none) or a segment index ≥ 0."));
            }
            result[i] = values[i];
        }
        return result;
    }

    private static void AddSpread(List<(string Name, byte[] Bytes, long[]? Shape)> entries, SessionManifest manifest, StudentEnsemble students)
    {
        if (students.Spread is not { } spread)
        {
            return;
        }
        var (k, c) = (students.ClassCount, students.ConceptCount);
        var values = new float[3 * k * c];
        spread.Mean.AsSpan().CopyTo(values);
        spread.Deviation.AsSpan().CopyTo(values.AsSpan(k * c));
        spread.NonZeroFraction.AsSpan().CopyTo(values.AsSpan(2 * k * c));
        long[] shape = [3, k, c];
        var stream = new MemoryStream();
        Npy.Write(stream, values, shape);
        entries.Add((SpreadEntry, stream.ToArray(), shape));
        manifest.Spread = new SessionManifest.SpreadEntry { Members = spread.Members, StaleClasses = [.. spread.StaleClasses] };
    }

    private static WeightSpread? ReadSpread(SessionFileReader reader, SessionManifest manifest, int k, int c)
    {
        if (!reader.Has(SpreadEntry))
        {
            return null;
        }
        if (manifest.Spread is not { Members: >= 1 and var members } entry)
        {
            throw reader.Fail(ManifestEntry, "the file holds the bootstrap spread but 'spread.members' is missing or below 1.");
        }
        var stale = entry.StaleClasses ?? [];
        if (stale.Any(s => (uint)s >= (uint)k))
        {
            throw reader.Fail(ManifestEntry, Invariant($"'spread.staleClasses' holds {stale.First(s => (uint)s >= (uint)k)}; class indices must be in [0, {k})."));
        }
        var values = reader.Floats(SpreadEntry, [3, k, c]);
        FloatMatrix Part(int i) => FloatMatrix.FromValues(values.AsSpan(i * k * c, k * c), k, c);
        return reader.Build(SpreadEntry, () => new WeightSpread(members, Part(0), Part(1), Part(2)) { StaleClasses = stale });
    }

    private static void AddAttachments(List<(string Name, byte[] Bytes, long[]? Shape)> entries, IReadOnlyDictionary<string, byte[]>? attachments)
    {
        if (attachments is null)
        {
            return;
        }
        foreach (var (name, bytes) in attachments.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrEmpty(name) || name.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' or '/')) || name.StartsWith('/') || name.Contains("..", StringComparison.Ordinal))
            {
                throw new ArgumentException($"The attachment name '{name}' is not a relative path of letters, digits, '-', '_', '.' and '/'.", nameof(attachments));
            }
            ArgumentNullException.ThrowIfNull(bytes, nameof(attachments));
            entries.Add((AttachmentFolder + name, bytes, null));
        }
    }

    private static Dictionary<string, ReadOnlyMemory<byte>> ReadAttachments(SessionFileReader reader) =>
        reader.EntryNames.Where(n => n.StartsWith(AttachmentFolder, StringComparison.Ordinal))
            .ToDictionary(n => n[AttachmentFolder.Length..], n => (ReadOnlyMemory<byte>)reader.Bytes(n), StringComparer.Ordinal);
}
