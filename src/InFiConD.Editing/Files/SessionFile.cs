using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// Saves and loads whole editing sessions as one <c>.infcd</c> file: a zip holding <c>manifest.json</c> (format
/// version, shapes, settings, metadata and the SHA-256 of every other entry), the matrices as <c>.npy</c>
/// (<c>scores.npy</c>, <c>teacher.npy</c>, <c>students/weights.npy</c>, <c>students/bias.npy</c>,
/// <c>students/mean.npy</c>, <c>students/deviation.npy</c>, optional <c>ground-truth.npy</c>), their labels in
/// <c>names.json</c>, and the provenance log as <c>provenance.jsonl</c>. Files are written atomically; loading checks
/// everything before building anything, so a bad file gives one clear error and no partial session.
/// </summary>
public static class SessionFile
{
    internal const string ManifestEntry = "manifest.json";
    internal const string NamesEntry = "names.json";
    internal const string ScoresEntry = "scores.npy";
    internal const string TeacherEntry = "teacher.npy";
    internal const string WeightsEntry = "students/weights.npy";
    internal const string BiasEntry = "students/bias.npy";
    internal const string MeanEntry = "students/mean.npy";
    internal const string DeviationEntry = "students/deviation.npy";
    internal const string GroundTruthEntry = "ground-truth.npy";
    internal const string LogEntry = "provenance.jsonl";

    /// <summary>
    /// Writes the session (base students, scores, teacher, ground truth, settings, the whole provenance log and the
    /// current version's id) to <paramref name="path"/>, atomically: a temp file renamed over the target.
    /// </summary>
    /// <param name="path">The <c>.infcd</c> file to create or replace.</param>
    /// <param name="session">The session.</param>
    /// <param name="metadata">Optional strings saved with it (e.g. <c>dataset</c>, <c>encoder</c>).</param>
    /// <param name="cancellationToken">Cancels the write; the target is then unchanged.</param>
    /// <exception cref="IOException">The file could not be written; an existing file is unchanged.</exception>
    public static Task SaveAsync(string path, EditSession session, IReadOnlyDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(session);
        // The current version first, then the log: the log snapshot then always contains the current version.
        var current = session.Current.Id;
        var log = new MemoryStream();
        session.Log.WriteTo(log);
        var students = session.BaseStudents;
        var (n, c, k) = (session.Scores.ImageCount, session.Scores.ConceptCount, students.ClassCount);
        var entries = new List<(string Name, byte[] Bytes, long[]? Shape)>
        {
            (NamesEntry, JsonSerializer.SerializeToUtf8Bytes(new SessionNames { ImageIds = [.. session.Scores.ImageIds], ConceptNames = [.. students.ConceptNames], ClassNames = [.. students.ClassNames] }, SessionFileJsonContext.Default.SessionNames), null),
            (ScoresEntry, NpyBytes(session.Scores.Values.AsSpan(), [n, c]), [n, c]),
            (TeacherEntry, NpyBytes(session.Teacher.Probabilities.AsSpan(), [n, k]), [n, k]),
            (WeightsEntry, NpyBytes(students.CopyStandardizedWeights().AsSpan(), [k, c]), [k, c]),
            (BiasEntry, NpyBytes(students.Biases, [k]), [k]),
            (MeanEntry, NpyBytes(students.ConceptMean, [c]), [c]),
            (DeviationEntry, NpyBytes(students.ConceptDeviation, [c]), [c]),
            (LogEntry, log.ToArray(), null),
        };
        if (session.GroundTruth is { } labels)
        {
            var stream = new MemoryStream();
            Npy.Write(stream, labels.Select(l => (long)l).ToArray().AsSpan(), [n]);
            entries.Add((GroundTruthEntry, stream.ToArray(), [n]));
        }
        var options = session.Options;
        var solver = options.Students.Solver;
        var manifest = new SessionManifest
        {
            Format = SessionManifest.FormatName,
            FormatVersion = SessionManifest.LatestFormatVersion,
            SavedAt = DateTimeOffset.UtcNow,
            Images = n,
            Concepts = c,
            Classes = k,
            TeacherMultiLabel = session.Teacher.MultiLabel,
            CurrentVersion = current,
            Options = new SessionManifest.OptionsEntry
            {
                Targets = options.Students.Targets.ToString(),
                L1 = solver.L1,
                L2 = solver.L2,
                MaxIterations = solver.MaxIterations,
                Tolerance = solver.Tolerance,
                Method = solver.Method.ToString(),
                MaxDegreeOfParallelism = solver.MaxDegreeOfParallelism,
                BootstrapMembers = options.Students.BootstrapMembers,
                Seed = options.Students.Seed,
                ZeroWeightFloor = options.ZeroWeightFloor,
            },
            Metadata = metadata is null ? [] : new Dictionary<string, string>(metadata, StringComparer.Ordinal),
            Entries = entries.Select(e => (SessionManifest.FileEntry?)new SessionManifest.FileEntry
            {
                Name = e.Name,
                Length = e.Bytes.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(e.Bytes)),
                Shape = e.Shape?.ToList(),
            }).ToList(),
        };
        var manifestBytes = ManifestBytes(manifest);
        return AtomicFile.WriteAsync(path, (stream, token) =>
        {
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var (name, bytes, _) in entries)
                {
                    token.ThrowIfCancellationRequested();
                    WriteEntry(zip, name, bytes);
                }
                WriteEntry(zip, ManifestEntry, manifestBytes);
            }
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>
    /// Reads a session saved by <see cref="SaveAsync"/>. Checks the zip, the manifest's format and version, the
    /// presence, length and SHA-256 of every entry, every array's type and shape against the manifest, and the log
    /// against the students, all before the session is built. Temp files left beside it by saves that were killed
    /// are deleted first (<see cref="AtomicFile.RemoveStaleTemps"/>).
    /// </summary>
    /// <param name="path">The <c>.infcd</c> file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The session (at its saved current version, with an in-memory log), its metadata and any warnings.</returns>
    /// <exception cref="InvalidFileException">The file is not a complete zip, an entry is missing or corrupt, a hash or
    /// shape does not match, or the format version is newer than this library reads. Names the file and the entry.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<SessionLoadResult> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // Temps of saves that were killed mid-write are removed on open, as on the next save.
        AtomicFile.RemoveStaleTemps(path);
        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => Load(path, content, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static SessionLoadResult Load(string path, byte[] content, CancellationToken cancellationToken)
    {
        using var reader = SessionFileReader.Open(path, content);
        var manifest = reader.Manifest;
        var (n, c, k) = (manifest.Images!.Value, manifest.Concepts!.Value, manifest.Classes!.Value);
        var names = reader.Json(NamesEntry, SessionFileJsonContext.Default.SessionNames);
        var imageIds = reader.Labels(NamesEntry, "imageIds", names.ImageIds, n);
        var conceptNames = reader.Labels(NamesEntry, "conceptNames", names.ConceptNames, c);
        var classNames = reader.Labels(NamesEntry, "classNames", names.ClassNames, k);
        cancellationToken.ThrowIfCancellationRequested();
        var scores = reader.Floats(ScoresEntry, n, c);
        var teacher = reader.Floats(TeacherEntry, n, k);
        var weights = reader.Floats(WeightsEntry, k, c);
        var bias = reader.Vector(BiasEntry, k);
        var mean = reader.Vector(MeanEntry, c);
        var deviation = reader.Vector(DeviationEntry, c);
        var groundTruth = reader.Has(GroundTruthEntry) ? reader.Labels(GroundTruthEntry, n, k) : null;
        cancellationToken.ThrowIfCancellationRequested();
        var options = reader.Options();
        var (log, warnings) = reader.Log(LogEntry);
        var current = manifest.CurrentVersion;
        if (current is null || !log.Contains(current))
        {
            throw new InvalidFileException(path, ManifestEntry, null, $"the current version '{current}' is not in the provenance log ({log.Entries.Count} entries).");
        }
        EditSession session;
        try
        {
            var scoresRead = reader.Build(ScoresEntry, () => ConceptScores.Create(scores, imageIds, conceptNames));
            var teacherRead = reader.Build(TeacherEntry, () => TeacherOutputs.FromProbabilities(teacher, classNames, imageIds, manifest.TeacherMultiLabel ?? false));
            var students = reader.Build(WeightsEntry, () => StudentEnsemble.Create(classNames, conceptNames, mean, deviation, weights, bias));
            session = reader.Build(LogEntry, () => EditSession.Create(students, scoresRead, teacherRead, groundTruth, options, log, current));
        }
        catch (InvalidFileException ex) when (ex.FilePath != path)
        {
            throw new InvalidFileException(path, LogEntry, ex.Position, ex.Problem, ex);
        }
        return new SessionLoadResult(session, manifest.Metadata ?? new Dictionary<string, string>(), warnings);
    }

    private static byte[] NpyBytes(ReadOnlySpan<float> values, long[] shape)
    {
        var stream = new MemoryStream();
        Npy.Write(stream, values, shape);
        return stream.ToArray();
    }

    private static byte[] ManifestBytes(SessionManifest manifest)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            JsonSerializer.Serialize(writer, manifest, SessionFileJsonContext.Default.SessionManifest);
        }
        return buffer.ToArray();
    }

    private static void WriteEntry(ZipArchive zip, string name, byte[] bytes)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        // A fixed timestamp: the same session saves to the same bytes.
        entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(bytes);
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
