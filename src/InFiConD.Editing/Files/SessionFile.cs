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
/// <c>names.json</c>, and the provenance log as <c>provenance.jsonl</c>. From format version 2: the held-out splits
/// (<c>splits.json</c> with names, image ids and metadata; <c>splits/{i}/scores.npy</c>, <c>teacher.npy</c>, optional
/// <c>ground-truth.npy</c>), the training images' metadata, and optionally the concept bank (<c>bank/bank.json</c>,
/// <c>bank/vectors.npy</c>) and the concepts' presence thresholds shared by every split (<c>presence.npy</c>). Files are written atomically; loading checks everything before building anything, so a
/// bad file gives one clear error and no partial session. Version 1 files (no splits, no bank) still load.
/// </summary>
public static partial class SessionFile
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
    internal const string SplitsEntry = "splits.json";
    internal const string BankEntry = "bank/bank.json";
    internal const string BankVectorsEntry = "bank/vectors.npy";

    /// <summary>The concepts' presence thresholds (float32, one per concept, +∞ for never present), when the scores carry them.</summary>
    internal const string PresenceEntry = "presence.npy";

    internal static string SplitScoresEntry(int i) => Invariant($"splits/{i}/scores.npy");

    internal static string SplitTeacherEntry(int i) => Invariant($"splits/{i}/teacher.npy");

    internal static string SplitGroundTruthEntry(int i) => Invariant($"splits/{i}/ground-truth.npy");

    /// <summary>
    /// Writes the session (base students, every split's scores, teacher outputs, ground truth and metadata, settings,
    /// the whole provenance log and the current version's id, and the concept bank when given) to
    /// <paramref name="path"/>, atomically: a temp file renamed over the target.
    /// </summary>
    /// <param name="path">The <c>.infcd</c> file to create or replace.</param>
    /// <param name="session">The session.</param>
    /// <param name="metadata">Optional strings saved with it (e.g. <c>dataset</c>, <c>encoder</c>).</param>
    /// <param name="bank">The concept bank the scores came from, so a reloaded session can score new images; <see langword="null"/> for none.</param>
    /// <param name="attachments">Named byte blobs saved under <c>attachments/</c> and hash-checked like every entry, for packages built on
    /// this one (the front door keeps where concepts were found in each image there); <see langword="null"/> for none.
    /// Names are relative paths of ASCII letters, digits, <c>-</c>, <c>_</c>, <c>.</c> and <c>/</c>.</param>
    /// <param name="cancellationToken">Cancels the write; the target is then unchanged.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="ArgumentException">The bank's concepts are not the students' concepts, or an attachment name is not a plain relative path.</exception>
    /// <exception cref="IOException">The file could not be written; an existing file is unchanged.</exception>
    public static Task SaveAsync(string path, EditSession session, IReadOnlyDictionary<string, string>? metadata = null, ConceptBank? bank = null,
        IReadOnlyDictionary<string, byte[]>? attachments = null, CancellationToken cancellationToken = default)
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
            entries.Add((GroundTruthEntry, LabelBytes(labels), [n]));
        }
        if (session.Scores.HasPresenceThresholds)
        {
            entries.Add((PresenceEntry, NpyBytes(session.Scores.PresenceThresholds.Span, [c]), [c]));
        }
        AddBestSegments(entries, BestSegmentEntry, session.Scores);
        var splits = session.Splits;
        var heldOut = new List<SessionManifest.SplitEntry?>();
        var document = new SessionSplits { TrainingMetadata = Columns(session.Training.Metadata), HeldOut = [] };
        for (var i = 1; i < splits.Count; i++)
        {
            var split = splits[i];
            var m = split.ImageCount;
            heldOut.Add(new SessionManifest.SplitEntry { Name = split.Name, Images = m, TeacherMultiLabel = split.Teacher.MultiLabel });
            document.HeldOut.Add(new SessionSplits.HeldOutSplit { Name = split.Name, ImageIds = [.. split.ImageIds], Metadata = Columns(split.Metadata) });
            entries.Add((SplitScoresEntry(i), NpyBytes(split.Scores.Values.AsSpan(), [m, c]), [m, c]));
            entries.Add((SplitTeacherEntry(i), NpyBytes(split.Teacher.Probabilities.AsSpan(), [m, k]), [m, k]));
            if (split.GroundTruth is { } truth)
            {
                entries.Add((SplitGroundTruthEntry(i), LabelBytes(truth), [m]));
            }
            AddBestSegments(entries, SplitBestSegmentEntry(i), split.Scores);
        }
        entries.Add((SplitsEntry, JsonSerializer.SerializeToUtf8Bytes(document, SessionFileJsonContext.Default.SessionSplits), null));
        if (bank is not null)
        {
            if (!bank.Names.SequenceEqual(students.ConceptNames, StringComparer.Ordinal))
            {
                throw new ArgumentException($"The concept bank's {bank.Count} concepts are not the students' {c} concepts in the same order; save the bank the session's scores came from.", nameof(bank));
            }
            var origin = bank.Origin;
            var bankDocument = new SessionBankDocument
            {
                Names = [.. bank.Names], Dimension = bank.Dimension, Kind = origin.Kind.ToString(), ModelId = origin.ModelId,
                Templates = [.. origin.Templates], Description = origin.Description,
                Quality = bank.Quality?.Select(q => q is null ? null : new SessionBankDocument.QualityDocument
                {
                    Auc = q.Auc, Positives = q.Positives, Negatives = q.Negatives, Folds = q.Folds, Method = q.Method,
                }).ToList(),
                PresenceThresholds = bank.PresenceThresholds?.ToList(),
            };
            entries.Add((BankEntry, JsonSerializer.SerializeToUtf8Bytes(bankDocument, SessionFileJsonContext.Default.SessionBankDocument), null));
            entries.Add((BankVectorsEntry, NpyBytes(bank.Vectors.AsSpan(), [bank.Count, bank.Dimension]), [bank.Count, bank.Dimension]));
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
            Splits = heldOut,
        };
        AddSpread(entries, manifest, students);
        AddAttachments(entries, attachments);
        manifest.Entries = entries.Select(e => (SessionManifest.FileEntry?)new SessionManifest.FileEntry
            {
                Name = e.Name,
                Length = e.Bytes.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(e.Bytes)),
                Shape = e.Shape?.ToList(),
            }).ToList();
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
        var presence = reader.Has(PresenceEntry) ? reader.Vector(PresenceEntry, c) : null;
        var splits = reader.Has(SplitsEntry) ? reader.Json(SplitsEntry, SessionFileJsonContext.Default.SessionSplits) : new SessionSplits();
        var heldOut = manifest.Splits ?? [];
        if ((splits.HeldOut?.Count ?? 0) != heldOut.Count)
        {
            throw new InvalidFileException(path, SplitsEntry, null, Invariant($"lists {splits.HeldOut?.Count ?? 0} held-out splits; the manifest lists {heldOut.Count}."));
        }
        cancellationToken.ThrowIfCancellationRequested();
        var options = reader.Options();
        var (log, warnings) = reader.Log(LogEntry);
        var current = manifest.CurrentVersion;
        if (current is null || !log.Contains(current))
        {
            throw new InvalidFileException(path, ManifestEntry, null, $"the current version '{current}' is not in the provenance log ({log.Entries.Count} entries).");
        }
        EditSession session;
        ConceptBank? bank;
        try
        {
            var best = ReadBestSegments(reader, BestSegmentEntry, n, c);
            var scoresRead = reader.Build(best is null ? ScoresEntry : BestSegmentEntry, () => ConceptScores.Create(scores, imageIds, conceptNames, best));
            // Files from before presence thresholds were saved: calibrate on the training images, as a distillation does,
            // so "present" means the same on every split.
            presence ??= ConceptPresence.Calibrate(scoresRead);
            scoresRead = reader.Build(PresenceEntry, () => WithPresence(scoresRead, presence));
            var teacherRead = reader.Build(TeacherEntry, () => TeacherOutputs.FromProbabilities(teacher, classNames, imageIds, manifest.TeacherMultiLabel ?? false));
            var trainingMetadata = reader.Metadata(SplitsEntry, "trainingMetadata", splits.TrainingMetadata, n);
            var training = reader.Build(ScoresEntry, () => DataSplit.Create(DataSplit.TrainingName, scoresRead, teacherRead, groundTruth, trainingMetadata));
            var evaluation = new List<DataSplit>();
            for (var i = 1; i <= heldOut.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                evaluation.Add(ReadSplit(reader, i, heldOut[i - 1]!, splits.HeldOut![i - 1], conceptNames, classNames, presence));
            }
            var spread = ReadSpread(reader, manifest, k, c);
            var students = reader.Build(WeightsEntry, () => StudentEnsemble.Create(classNames, conceptNames, mean, deviation, weights, bias, spread));
            bank = reader.Has(BankEntry) ? ReadBank(reader, conceptNames) : null;
            session = reader.Build(LogEntry, () => EditSession.Create(students, training, evaluation, options, log, current));
        }
        catch (InvalidFileException ex) when (ex.FilePath != path)
        {
            throw new InvalidFileException(path, LogEntry, ex.Position, ex.Problem, ex);
        }
        return new SessionLoadResult(session, manifest.Metadata ?? new Dictionary<string, string>(), warnings) { Bank = bank, Attachments = ReadAttachments(reader) };
    }

    /// <summary>The scores with the saved presence thresholds, shared by every split (a bad threshold is reported against its entry).</summary>
    private static ConceptScores WithPresence(ConceptScores scores, float[]? presence) => presence is null ? scores : scores.WithPresenceThresholds(presence);

    private static DataSplit ReadSplit(SessionFileReader reader, int i, SessionManifest.SplitEntry entry, SessionSplits.HeldOutSplit? document, string[] conceptNames, string[] classNames, float[]? presence)
    {
        var (m, c, k) = (entry.Images!.Value, conceptNames.Length, classNames.Length);
        if (document is null || document.Name != entry.Name)
        {
            throw reader.Fail(SplitsEntry, Invariant($"held-out split {i} is named '{document?.Name}' here and '{entry.Name}' in the manifest."));
        }
        var ids = reader.Labels(SplitsEntry, Invariant($"heldOut[{i - 1}].imageIds"), document.ImageIds, m);
        var values = reader.Floats(SplitScoresEntry(i), m, c);
        var probabilities = reader.Floats(SplitTeacherEntry(i), m, k);
        var truth = reader.Has(SplitGroundTruthEntry(i)) ? reader.Labels(SplitGroundTruthEntry(i), m, k) : null;
        var metadata = reader.Metadata(SplitsEntry, Invariant($"heldOut[{i - 1}].metadata"), document.Metadata, m);
        var best = ReadBestSegments(reader, SplitBestSegmentEntry(i), m, c);
        var scores = reader.Build(SplitScoresEntry(i), () => WithPresence(ConceptScores.Create(values, ids, conceptNames, best), presence));
        var teacher = reader.Build(SplitTeacherEntry(i), () => TeacherOutputs.FromProbabilities(probabilities, classNames, ids, entry.TeacherMultiLabel ?? false));
        return reader.Build(SplitsEntry, () => DataSplit.Create(entry.Name!, scores, teacher, truth, metadata));
    }

    private static ConceptBank ReadBank(SessionFileReader reader, string[] conceptNames)
    {
        var document = reader.Json(BankEntry, SessionFileJsonContext.Default.SessionBankDocument);
        var names = reader.Labels(BankEntry, "names", document.Names, conceptNames.Length);
        if (!names.SequenceEqual(conceptNames, StringComparer.Ordinal))
        {
            throw reader.Fail(BankEntry, "the bank's concept names are not the session's concepts in the same order.");
        }
        if (document.Dimension is not > 0 || !Enum.TryParse<ConceptBankKind>(document.Kind, out var kind) || !Enum.IsDefined(kind))
        {
            throw reader.Fail(BankEntry, $"'dimension' must be > 0 and 'kind' one of {string.Join(", ", Enum.GetNames<ConceptBankKind>())}; found {document.Dimension} and '{document.Kind}'.");
        }
        var vectors = reader.Floats(BankVectorsEntry, names.Length, document.Dimension.Value);
        var origin = new ConceptBankOrigin(kind, document.ModelId, document.Templates, document.Description);
        var bank = reader.Build(BankVectorsEntry, () => ConceptBank.Create(names, vectors, origin, normalize: false));
        return SessionBankEvidence.Read(reader, BankEntry, document, bank);
    }

    private static byte[] LabelBytes(IReadOnlyList<int> labels)
    {
        var stream = new MemoryStream();
        Npy.Write(stream, labels.Select(l => (long)l).ToArray().AsSpan(), [labels.Count]);
        return stream.ToArray();
    }

    private static Dictionary<string, List<string?>>? Columns(ImageMetadata metadata) =>
        metadata.Columns.Count == 0 ? null : metadata.Columns.ToDictionary(name => name, name => metadata.Column(name).ToList(), StringComparer.Ordinal);

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
