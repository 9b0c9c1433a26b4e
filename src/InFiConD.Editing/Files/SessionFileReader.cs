using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// Reads and checks an <c>.infcd</c> file's entries. Opening reads the manifest and verifies every entry it lists
/// (present, length, SHA-256) up front; the typed readers then check each array's type and shape. Every problem is an
/// <see cref="InvalidFileException"/> naming the file and the entry.
/// </summary>
internal sealed class SessionFileReader : IDisposable
{
    private static readonly string[] Required =
    [
        SessionFile.NamesEntry, SessionFile.ScoresEntry, SessionFile.TeacherEntry, SessionFile.WeightsEntry,
        SessionFile.BiasEntry, SessionFile.MeanEntry, SessionFile.DeviationEntry, SessionFile.LogEntry,
    ];

    private readonly string _path;
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, byte[]> _entries = new(StringComparer.Ordinal);

    private SessionFileReader(string path, ZipArchive zip, SessionManifest manifest)
    {
        _path = path;
        _zip = zip;
        Manifest = manifest;
    }

    internal SessionManifest Manifest { get; }

    internal static SessionFileReader Open(string path, byte[] content)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidFileException(path, "zip", null, $"not a complete zip archive ({ex.Message}); the file is truncated, corrupt or not an .infcd session.", ex);
        }
        try
        {
            var manifestBytes = ReadEntry(path, zip, SessionFile.ManifestEntry);
            SessionManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize(manifestBytes, SessionFileJsonContext.Default.SessionManifest);
            }
            catch (JsonException ex)
            {
                throw new InvalidFileException(path, SessionFile.ManifestEntry, null, $"not valid JSON ({ex.Message}).", ex);
            }
            var reader = new SessionFileReader(path, zip, manifest ?? throw new InvalidFileException(path, SessionFile.ManifestEntry, null, "the manifest is JSON null."));
            reader.CheckManifest();
            return reader;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    internal bool Has(string name) => _entries.ContainsKey(name);

    /// <summary>The names of the entries the manifest lists (each read and hash-checked).</summary>
    internal IEnumerable<string> EntryNames => _entries.Keys;

    internal byte[] Bytes(string name) => _entries[name];

    internal short[] Shorts(string name, long[] shape) => Array(name, NpyDataType.Int16, shape).AsInt16().ToArray();

    internal float[] Floats(string name, long[] shape) => Array(name, NpyDataType.Float32, shape).AsFloat32().ToArray();

    internal T Json<T>(string name, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(_entries[name], type) ?? throw new JsonException("the content is JSON null");
        }
        catch (JsonException ex)
        {
            throw Fail(name, $"not valid JSON ({ex.Message}).", ex);
        }
    }

    internal string[] Labels(string name, string field, List<string>? values, int count)
    {
        if (values is null || values.Count != count || values.Any(v => v is null))
        {
            throw Fail(name, $"'{field}' holds {values?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}, expected {count} names (the manifest's shape).");
        }
        return [.. values];
    }

    /// <summary>A metadata table from its JSON columns (none when absent), each column one value per image.</summary>
    internal ImageMetadata? Metadata(string name, string field, Dictionary<string, List<string?>>? columns, int rows)
    {
        if (columns is null)
        {
            return null;
        }
        foreach (var (column, values) in columns)
        {
            if (values is null || values.Count != rows)
            {
                throw Fail(name, $"'{field}' column '{column}' holds {values?.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"} values, expected {rows} (one per image).");
            }
        }
        return Build(name, () => ImageMetadata.Create(rows, columns.Select(p => KeyValuePair.Create(p.Key, (IReadOnlyList<string?>)p.Value))));
    }

    internal FloatMatrix Floats(string name, int rows, int columns)
    {
        var array = Array(name, NpyDataType.Float32, [rows, columns]);
        return FloatMatrix.FromValues(array.AsFloat32().Span, rows, columns);
    }

    internal float[] Vector(string name, int length) => Array(name, NpyDataType.Float32, [length]).AsFloat32().ToArray();

    internal int[] Labels(string name, int count, int classes)
    {
        var values = Array(name, NpyDataType.Int64, [count]).AsInt64().Span;
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            if ((ulong)values[i] >= (ulong)classes)
            {
                throw Fail(name, SessionFile.Invariant($"label {i} is {values[i]}; labels must be in [0, {classes})."));
            }
            labels[i] = (int)values[i];
        }
        return labels;
    }

    internal EditSessionOptions Options()
    {
        var o = Manifest.Options ?? throw Fail(SessionFile.ManifestEntry, "the 'options' field is missing.");
        if (!Enum.TryParse<StudentTargets>(o.Targets, out var targets) || o.L1 is not { } l1 || o.L2 is not { } l2 || o.MaxIterations is not { } iterations
            || o.Tolerance is not { } tolerance || o.MaxDegreeOfParallelism is not { } threads || o.ZeroWeightFloor is not { } floor)
        {
            throw Fail(SessionFile.ManifestEntry, "the 'options' field lacks a setting (targets, l1, l2, maxIterations, tolerance, maxDegreeOfParallelism, zeroWeightFloor).");
        }
        // Files from before the setting existed were fitted with FISTA, the only method then.
        var method = SolverMethod.Fista;
        if (o.Method is not null && (!Enum.TryParse(o.Method, out method) || !Enum.IsDefined(method)))
        {
            throw Fail(SessionFile.ManifestEntry, $"the 'options.method' field is '{o.Method}'; expected one of {string.Join(", ", Enum.GetNames<SolverMethod>())}.");
        }
        return Build(SessionFile.ManifestEntry, () => new EditSessionOptions
        {
            ZeroWeightFloor = floor,
            Students = new StudentOptions
            {
                Targets = targets,
                BootstrapMembers = o.BootstrapMembers ?? 0,
                Seed = o.Seed ?? 0,
                Solver = new SolverOptions { L1 = l1, L2 = l2, MaxIterations = iterations, Tolerance = tolerance, MaxDegreeOfParallelism = threads, Method = method },
            },
        }.Validate());
    }

    internal (ProvenanceLog Log, IReadOnlyList<string> Warnings) Log(string name)
    {
        var result = ProvenanceLog.Read(new MemoryStream(_entries[name], writable: false), $"{_path}!{name}");
        return (result.Log, result.Warnings);
    }

    /// <summary>Runs a constructor's own validation, reporting its complaint as this file's entry.</summary>
    internal T Build<T>(string name, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (Exception ex) when (ex is ArgumentException or InFiConDException && ex is not InvalidFileException)
        {
            throw Fail(name, ex.Message, ex);
        }
    }

    public void Dispose() => _zip.Dispose();

    private NpyArray Array(string name, NpyDataType type, long[] shape)
    {
        NpyArray array;
        try
        {
            array = Npy.Read(new MemoryStream(_entries[name], writable: false), $"{_path}!{name}");
        }
        catch (InvalidFileException ex)
        {
            throw Fail(name, ex.Problem, ex);
        }
        if (array.DataType != type)
        {
            throw Fail(name, $"holds {array.DataType}, expected {type}.");
        }
        if (!array.Shape.SequenceEqual(shape))
        {
            throw Fail(name, $"has shape ({string.Join(", ", array.Shape)}), expected ({string.Join(", ", shape)}) from the manifest.");
        }
        return array;
    }

    private void CheckManifest()
    {
        var m = Manifest;
        const string entry = SessionFile.ManifestEntry;
        if (m.Format != SessionManifest.FormatName)
        {
            throw Fail(entry, $"format is '{m.Format}', expected '{SessionManifest.FormatName}'; this is not an InFiConD session.");
        }
        if (m.FormatVersion is not { } version || version < 1)
        {
            throw Fail(entry, "formatVersion is missing or below 1.");
        }
        if (version > SessionManifest.LatestFormatVersion)
        {
            throw Fail(entry, SessionFile.Invariant($"the session has format version {version}, written by a newer InFiConD; this library reads version {SessionManifest.LatestFormatVersion}. Update InFiConD to open it."));
        }
        if (m.Images is not >= 0 || m.Concepts is not >= 0 || m.Classes is not >= 0)
        {
            throw Fail(entry, "images, concepts and classes must be present and ≥ 0.");
        }
        var listed = (m.Entries ?? throw Fail(entry, "the 'entries' list is missing.")).ToDictionary(
            e => e?.Name ?? throw Fail(entry, "an entry has no name."), StringComparer.Ordinal);
        foreach (var name in Required)
        {
            if (!listed.ContainsKey(name))
            {
                throw Fail(name, "the manifest does not list this required entry.");
            }
        }
        var (n, c, k) = (m.Images!.Value, m.Concepts!.Value, m.Classes!.Value);
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal)
        {
            [SessionFile.ScoresEntry] = [n, c], [SessionFile.TeacherEntry] = [n, k], [SessionFile.WeightsEntry] = [k, c],
            [SessionFile.BiasEntry] = [k], [SessionFile.MeanEntry] = [c], [SessionFile.DeviationEntry] = [c], [SessionFile.GroundTruthEntry] = [n],
            [SessionFile.BestSegmentEntry] = [n, c], [SessionFile.SpreadEntry] = [3, k, c],
        };
        var splits = m.Splits ?? [];
        var splitNames = new HashSet<string>(StringComparer.Ordinal) { Students.DataSplit.TrainingName };
        for (var i = 1; i <= splits.Count; i++)
        {
            if (splits[i - 1] is not { Name: { } splitName, Images: >= 1 and var images })
            {
                throw Fail(entry, SessionFile.Invariant($"held-out split {i} lacks a name or has no images."));
            }
            if (!splitNames.Add(splitName))
            {
                throw Fail(entry, $"two splits are named '{splitName}'.");
            }
            foreach (var required in new[] { SessionFile.SplitScoresEntry(i), SessionFile.SplitTeacherEntry(i) })
            {
                if (!listed.ContainsKey(required))
                {
                    throw Fail(required, $"the manifest does not list this entry of split '{splitName}'.");
                }
            }
            shapes[SessionFile.SplitScoresEntry(i)] = [images, c];
            shapes[SessionFile.SplitTeacherEntry(i)] = [images, k];
            shapes[SessionFile.SplitGroundTruthEntry(i)] = [images];
            shapes[SessionFile.SplitBestSegmentEntry(i)] = [images, c];
        }
        if (splits.Count > 0 && !listed.ContainsKey(SessionFile.SplitsEntry))
        {
            throw Fail(SessionFile.SplitsEntry, "the manifest lists held-out splits but not this entry.");
        }
        foreach (var (name, info) in listed)
        {
            if (shapes.TryGetValue(name, out var expected) && (info!.Shape is null || !info.Shape.SequenceEqual(expected)))
            {
                throw Fail(name, $"the manifest gives shape ({string.Join(", ", info.Shape ?? [])}), but images × concepts × classes = {n} × {c} × {k} require ({string.Join(", ", expected)}).");
            }
            var bytes = ReadEntry(_path, _zip, name);
            if (info!.Length != bytes.Length)
            {
                throw Fail(name, SessionFile.Invariant($"holds {bytes.Length} bytes, the manifest says {info.Length}."));
            }
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (!string.Equals(hash, info.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw Fail(name, $"SHA-256 is {hash}, the manifest says {info.Sha256}: the entry was altered or corrupted.");
            }
            _entries[name] = bytes;
        }
    }

    private static byte[] ReadEntry(string path, ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidFileException(path, name, null, "the entry is missing from the archive.");
        try
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidFileException(path, name, null, $"the entry cannot be decompressed ({ex.Message}); the file is corrupt.", ex);
        }
    }

    internal InvalidFileException Fail(string name, string problem, Exception? inner = null) => new(_path, name, null, problem, inner);
}
