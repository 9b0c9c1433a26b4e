using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

/// <summary>
/// A teacher whose output rows are kept on disk by image content hash, one entry per teacher id: the probabilities
/// as <c>.npy</c> and a JSON index of the rows' hashes. A run looks every image up and sends only the misses to the
/// inner teacher, then rewrites the entry with the union, so a second run over the same pixels costs no inference.
/// Both files are written atomically and the index names the matrix's SHA-256, so a half-replaced pair is never
/// trusted (a damaged entry is a miss). Images that fail to decode are never cached: a later run tries them again.
/// </summary>
public sealed class CachedTeacher : ITeacher
{
    private readonly ITeacher _inner;
    private readonly string _directory;

    private CachedTeacher(ITeacher inner, string directory) => (_inner, _directory) = (inner, directory);

    /// <summary>Wraps a teacher with a cache folder (created on the first write).</summary>
    /// <param name="teacher">The teacher; the caller keeps ownership.</param>
    /// <param name="directory">The cache folder; several teachers may share it (one entry per <see cref="ITeacher.TeacherId"/>).</param>
    /// <returns>The cached teacher.</returns>
    public static CachedTeacher Create(ITeacher teacher, string directory)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return new CachedTeacher(teacher, Path.GetFullPath(directory));
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => _inner.ClassNames;

    /// <inheritdoc />
    public string TeacherId => _inner.TeacherId;

    /// <summary>The cache folder.</summary>
    public string Directory => _directory;

    /// <inheritdoc />
    public async Task<TeacherRun> PredictAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        var teacher = _inner;
        var directory = _directory;
        var hashes = new string?[images.Count];
        Parallel.For(0, images.Count, new ParallelOptions { CancellationToken = cancellationToken },
            i => hashes[i] = ImageContentHash.TryCompute(images[i], out var hash) ? hash : null);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(teacher.TeacherId)))[..16];
        var indexPath = Path.Combine(directory, $"teacher-{key}.json");
        var matrixPath = Path.Combine(directory, $"teacher-{key}.npy");

        var cached = TryLoad(indexPath, matrixPath, teacher);
        var rows = cached?.Rows ?? new Dictionary<string, float[]>(StringComparer.Ordinal);
        var missing = Enumerable.Range(0, images.Count).Where(i => hashes[i] is not { } hash || !rows.ContainsKey(hash)).ToList();
        var kind = cached?.Index.Kind ?? TeacherOutputKind.Probabilities;
        var multiLabel = cached?.Index.MultiLabel ?? false;
        IReadOnlyList<DecodeFailure> failures = [];
        var hits = images.Count - missing.Count;
        progress?.Report(new ImageModelProgress(hits, images.Count, 0));
        if (missing.Count > 0)
        {
            var inner = progress is null ? null : new OffsetProgress(progress, hits, images.Count);
            var run = await teacher.PredictAsync(ImageSource.FromItems(missing.Select(i => images[i]), $"{images.Description}, uncached"), inner, cancellationToken).ConfigureAwait(false);
            (kind, multiLabel, failures) = (run.Kind, run.Outputs.MultiLabel, run.Failures);
            var byId = Enumerable.Range(0, run.Outputs.ImageCount).ToDictionary(r => run.Outputs.ImageIds[r], r => r, StringComparer.Ordinal);
            var added = false;
            foreach (var i in missing)
            {
                if (hashes[i] is { } hash && byId.TryGetValue(images[i].Id, out var r))
                {
                    rows[hash] = run.Outputs.Probabilities.Row(r).ToArray();
                    added = true;
                }
            }
            if (added)
            {
                Save(indexPath, matrixPath, teacher, kind, multiLabel, rows);
            }
            if (hashes.Any(h => h is null))
            {
                // Images without a content hash cannot be cached; their rows come straight from this run.
                return Assemble(images, hashes, rows, teacher, kind, multiLabel, failures, run.Outputs, byId);
            }
        }
        return Assemble(images, hashes, rows, teacher, kind, multiLabel, failures, null, null);
    }

    private static TeacherRun Assemble(ImageSource images, string?[] hashes, Dictionary<string, float[]> rows, ITeacher teacher,
        TeacherOutputKind kind, bool multiLabel, IReadOnlyList<DecodeFailure> failures, TeacherOutputs? fresh, Dictionary<string, int>? freshRows)
    {
        var ids = new List<string>(images.Count);
        var values = new List<float[]>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            if (hashes[i] is { } hash && rows.TryGetValue(hash, out var row))
            {
                values.Add(row);
                ids.Add(images[i].Id);
            }
            else if (fresh is not null && freshRows!.TryGetValue(images[i].Id, out var r))
            {
                values.Add(fresh.Probabilities.Row(r).ToArray());
                ids.Add(images[i].Id);
            }
        }
        var matrix = values.Count == 0 ? new FloatMatrix(0, teacher.ClassNames.Count) : FloatMatrix.FromRows(values);
        return new TeacherRun(TeacherOutputs.FromProbabilities(matrix, teacher.ClassNames, ids, multiLabel), kind, failures);
    }

    private static void Save(string indexPath, string matrixPath, ITeacher teacher, TeacherOutputKind kind, bool multiLabel, Dictionary<string, float[]> rows)
    {
        var hashes = rows.Keys.Order(StringComparer.Ordinal).ToArray();
        var bytes = NpyBytes(FloatMatrix.FromRows(hashes.Select(h => rows[h]).ToList()));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(indexPath)!);
        AtomicFile.WriteAllBytes(matrixPath, bytes);
        var index = new TeacherCacheIndex(teacher.TeacherId, kind, multiLabel, teacher.ClassNames, hashes, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        AtomicFile.WriteAllText(indexPath, JsonSerializer.Serialize(index, TeacherCacheJsonContext.Default.TeacherCacheIndex));
    }

    private static (TeacherCacheIndex Index, Dictionary<string, float[]> Rows)? TryLoad(string indexPath, string matrixPath, ITeacher teacher)
    {
        if (!File.Exists(indexPath) || !File.Exists(matrixPath))
        {
            return null;
        }
        try
        {
            var index = JsonSerializer.Deserialize(File.ReadAllText(indexPath), TeacherCacheJsonContext.Default.TeacherCacheIndex);
            var bytes = File.ReadAllBytes(matrixPath);
            if (index is null || index.TeacherId != teacher.TeacherId || !index.ClassNames.SequenceEqual(teacher.ClassNames)
                || index.MatrixSha256 != Convert.ToHexStringLower(SHA256.HashData(bytes)))
            {
                return null;
            }
            using var stream = new MemoryStream(bytes, writable: false);
            var probabilities = Npy.ReadFloatMatrix(stream, matrixPath);
            if (probabilities.Rows != index.Hashes.Count || probabilities.Columns != index.ClassNames.Count)
            {
                return null;
            }
            var rows = new Dictionary<string, float[]>(StringComparer.Ordinal);
            for (var r = 0; r < index.Hashes.Count; r++)
            {
                rows[index.Hashes[r]] = probabilities.Row(r).ToArray();
            }
            return (index, rows);
        }
        catch (Exception e) when (e is JsonException or InFiConDException or IOException)
        {
            // A damaged cache entry is a miss, never an error: the teacher simply runs again and rewrites it.
            return null;
        }
    }

    /// <summary>Counts the cache hits as done in the teacher's reports on the misses.</summary>
    private sealed class OffsetProgress(IProgress<ImageModelProgress> target, int done, int total) : IProgress<ImageModelProgress>
    {
        public void Report(ImageModelProgress value) => target.Report(new ImageModelProgress(done + value.Done, total, value.Failed));
    }

    private static byte[] NpyBytes(FloatMatrix matrix)
    {
        using var stream = new MemoryStream();
        Npy.Write(stream, matrix);
        return stream.ToArray();
    }
}

/// <summary>The JSON index of a teacher's cached rows: row r of the matrix belongs to the image whose content hash is <c>Hashes[r]</c>.</summary>
internal sealed record TeacherCacheIndex(string TeacherId, TeacherOutputKind Kind, bool MultiLabel, IReadOnlyList<string> ClassNames,
    IReadOnlyList<string> Hashes, string MatrixSha256);

[JsonSerializable(typeof(TeacherCacheIndex))]
[JsonSourceGenerationOptions(WriteIndented = false, UseStringEnumConverter = true)]
internal sealed partial class TeacherCacheJsonContext : JsonSerializerContext;
