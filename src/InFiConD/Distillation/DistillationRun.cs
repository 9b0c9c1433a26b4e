using System.Diagnostics;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;
using Microsoft.Extensions.Logging;

namespace InFiConD;

/// <summary>One execution of a <see cref="DistillationBuilder"/>'s stages.</summary>
internal sealed class DistillationRun(DistillationBuilder.Settings settings, IProgress<DistillationProgress>? progress, CancellationToken cancellationToken)
{
    private readonly ILogger _logger = settings.Logger;
    private float[]? _presence;

    public async Task<DistilledState> RunAsync()
    {
        var encoder = settings.Encoder;
        CheckConfiguration();
        var options = settings.Students.Validate();

        var bank = await Stage(DistillationStage.ConceptBank, DataSplit.TrainingName, () => BuildBankAsync(settings.Concepts!, encoder!)).ConfigureAwait(false);
        if (bank.Dimension != encoder!.Dimension)
        {
            throw new InvalidOperationException($"The concept bank has dimension {bank.Dimension} but the encoder {encoder.ModelId} produces {encoder.Dimension}: they must live in the same space.");
        }

        var training = await PrepareAsync(new DistillationBuilder.EvaluationSource(DataSplit.TrainingName, settings.Images, settings.TeacherOutputs, settings.GroundTruth), encoder, bank).ConfigureAwait(false);
        // "Present" is calibrated once, on the training images (unless the bank brings its own thresholds), so it means the
        // same on every split; the bank keeps them for the next run.
        _presence = bank.PresenceThresholds?.ToArray() ?? ConceptPresence.Calibrate(training.Split.Scores);
        bank = bank.WithPresenceThresholds(_presence);
        training = training with { Split = WithPresence(training.Split) };
        var heldOut = new List<PreparedSplit>();
        foreach (var source in settings.Evaluation)
        {
            var split = await PrepareAsync(source, encoder, bank).ConfigureAwait(false);
            if (!split.Split.Teacher.ClassNames.SequenceEqual(training.Split.Teacher.ClassNames, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"The teacher's outputs on split '{source.Name}' have classes ({string.Join(", ", split.Split.Teacher.ClassNames)}) other than on the training images ({string.Join(", ", training.Split.Teacher.ClassNames)}).");
            }
            heldOut.Add(split);
        }

        var (scores, teacher) = (training.Split.Scores, training.Split.Teacher);
        var solverProgress = progress is null ? null
            : new StageProgress<SolverProgress>(p => progress.Report(new DistillationProgress(DistillationStage.Students, p.Iteration, options.Solver.MaxIterations)));
        var fit = await Stage(DistillationStage.Students, DataSplit.TrainingName,
            () => Task.Run(() => StudentEnsemble.Fit(scores, teacher, options, solverProgress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        progress?.Report(new DistillationProgress(DistillationStage.Done, 1, 1));
        var failures = heldOut.Prepend(training).ToDictionary(s => s.Split.Name, s => s.Failures, StringComparer.Ordinal);
        var segments = heldOut.Prepend(training).ToDictionary(s => s.Split.Name, s => s.Segments, StringComparer.Ordinal);
        var cache = new SegmentCacheReference(CachePath("segments"), encoder.ModelId, EmbeddingRunner.SegmentationKeyOf(encoder), encoder.Dimension);
        var images = settings.Evaluation.Select(e => (e.Name, e.Images)).Prepend((DataSplit.TrainingName, settings.Images)).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        return new DistilledState(bank, training.Split, [.. heldOut.Select(s => s.Split)], fit.Ensemble, options, fit.Fit, failures, Metadata(encoder), segments, cache, images);
    }

    /// <summary>Every configuration problem at once, before anything runs.</summary>
    private void CheckConfiguration()
    {
        var problems = new List<string>();
        if (settings.Concepts is null)
        {
            problems.Add("no concepts (call WithConcepts or WithConceptExemplars)");
        }
        if (settings.Encoder is null)
        {
            problems.Add("no image encoder (call WithEncoder)");
        }
        if (settings.Teacher is null && settings.TeacherOutputs is null)
        {
            problems.Add("no teacher (call WithTeacher)");
        }
        if (settings.Images.Count == 0)
        {
            problems.Add($"the training images ({settings.Images.Description}) are empty");
        }
        var names = new HashSet<string>(StringComparer.Ordinal) { DataSplit.TrainingName };
        foreach (var split in settings.Evaluation)
        {
            if (!names.Add(split.Name))
            {
                problems.Add(split.Name == DataSplit.TrainingName
                    ? $"an evaluation split is named '{split.Name}', the name of the training images; choose another"
                    : $"two evaluation splits are named '{split.Name}'; split names must be unique");
            }
            if (split.Images.Count == 0)
            {
                problems.Add($"the evaluation split '{split.Name}' ({split.Images.Description}) has no images");
            }
            if (settings.Teacher is null && settings.TeacherOutputs is not null && split.TeacherOutputs is null)
            {
                problems.Add($"the evaluation split '{split.Name}' has no teacher outputs: the teacher was given as precomputed outputs, so pass the split's outputs to WithEvaluation too");
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The distillation over {settings.Images.Description} is not fully configured: {string.Join("; ", problems)}.");
        }
    }

    /// <summary>Encodes, scores and runs the teacher over one split; images that fail to decode drop out (and are listed).</summary>
    private async Task<PreparedSplit> PrepareAsync(DistillationBuilder.EvaluationSource source, IDenseImageEncoder encoder, ConceptBank bank)
    {
        var name = source.Name;
        var segments = await Stage(DistillationStage.Encoding, name, () => EmbeddingRunner.EncodeAsync(source.Images, encoder,
            new EncodeOptions { CacheDirectory = CachePath("segments") }, ImageProgress(DistillationStage.Encoding, name), cancellationToken)).ConfigureAwait(false);
        var scores = await Stage(DistillationStage.Scoring, name, () => Task.FromResult(ConceptScorer.Score(segments, bank))).ConfigureAwait(false);
        var teacherRun = await Stage(DistillationStage.Teacher, name, () => RunTeacherAsync(source, encoder, segments)).ConfigureAwait(false);
        var failures = segments.Failures.Concat(teacherRun.Failures).DistinctBy(f => f.Id, StringComparer.Ordinal).ToList();

        // Images the encoder or the teacher could not read drop out of both, in source order.
        var teacherIds = new HashSet<string>(teacherRun.Outputs.ImageIds, StringComparer.Ordinal);
        var kept = scores.ImageIds.Where(teacherIds.Contains).ToList();
        var what = name == DataSplit.TrainingName ? source.Images.Description : $"split '{name}' ({source.Images.Description})";
        if (kept.Count == 0)
        {
            throw new InvalidOperationException($"No image of {what} has both concept scores and teacher outputs ({failures.Count} failed to decode; the teacher's ids may not match the images').");
        }
        if (kept.Count < source.Images.Count)
        {
            _logger.LogWarning("{Split}: {Dropped} of {Count} images dropped: {Failures} failed to decode, the rest lack a teacher output or concept scores.",
                name, source.Images.Count - kept.Count, source.Images.Count, failures.Count);
        }
        if (kept.Count < scores.ImageCount)
        {
            scores = scores.SelectImages(kept);
        }
        var teacher = teacherRun.Outputs.AlignTo(kept);
        var items = ItemsById(source.Images);
        var groundTruth = GroundTruth(source, items, kept, teacher.ClassNames);
        var metadata = ImageMetadata.FromRows([.. kept.Select(id => items[id].Metadata)]);
        return new PreparedSplit(WithPresence(DataSplit.Create(name, scores, teacher, groundTruth, metadata)), failures, SplitSegments.From(segments, kept));
    }

    /// <summary>The split with the training images' presence thresholds (unchanged before they are calibrated).</summary>
    private DataSplit WithPresence(DataSplit split) => _presence is null ? split
        : DataSplit.Create(split.Name, split.Scores.WithPresenceThresholds(_presence), split.Teacher, split.GroundTruth, split.Metadata);

    private async Task<T> Stage<T>(DistillationStage stage, string split, Func<Task<T>> run)
    {
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new DistillationProgress(stage, 0, 0) { Split = split });
        _logger.LogInformation("Stage {Stage} ({Split}) started.", stage, split);
        var clock = Stopwatch.StartNew();
        var result = await run().ConfigureAwait(false);
        _logger.LogInformation("Stage {Stage} ({Split}) finished in {Elapsed:F2} s.", stage, split, clock.Elapsed.TotalSeconds);
        return result;
    }

    private async Task<ConceptBank> BuildBankAsync(DistillationBuilder.ConceptSource source, IDenseImageEncoder encoder)
    {
        switch (source)
        {
            case DistillationBuilder.ConceptSource.FromBank given:
                return given.Bank;
            case DistillationBuilder.ConceptSource.FromText text:
                var textEncoder = text.TextEncoder ?? encoder as ITextEncoder
                    ?? throw new InvalidOperationException($"Concepts given as text need a text encoder: the image encoder {encoder.ModelId} is not one; pass one to WithConcepts or use WithConceptExemplars.");
                var built = ConceptBankBuilder.FromText(text.Corpus, textEncoder, text.Templates);
                foreach (var removed in built.Removed)
                {
                    _logger.LogInformation("Concept removed while building the bank: {Removed}.", removed);
                }
                return built.Bank;
            case DistillationBuilder.ConceptSource.FromExemplars exemplars:
                // Whole-image exemplars go through the encoder under the segmentation, cached on their own; segment
                // exemplars through the dense encoder itself, cached with the images' segments.
                // Whole images are the same features whatever the segmentation, so the exemplar cache is shared across segmentations.
                var whole = WholeImageFeatures.EncoderOf(encoder);
                if (CachePath("exemplars") is { } directory)
                {
                    whole = new CachedImageEncoder(whole, directory);
                }
                var exemplarEncoder = exemplars.Options.Instances != ExemplarInstances.WholeImage
                    ? CachePath("segments") is { } segments ? new CachedDenseImageEncoder(encoder, segments, whole) : encoder
                    : whole;
                var result = await ConceptBankBuilder.FromExemplarsAsync(exemplars.Exemplars, exemplarEncoder, exemplars.Method, exemplars.Options,
                    progress: ImageProgress(DistillationStage.ConceptBank, DataSplit.TrainingName), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (result.Failures.Count > 0)
                {
                    _logger.LogWarning("{Count} exemplar images failed to decode; the first: {First}.", result.Failures.Count, result.Failures[0]);
                }
                foreach (var removed in result.Removed)
                {
                    _logger.LogInformation("Concept '{Concept}' removed while building the bank: {Reason}.", removed.Concept, removed.Reason);
                }
                // The bank carries each concept's cross-validated quality (result.Bank.Quality), so the session keeps it.
                return result.Bank;
            default:
                throw new UnreachableException($"Unknown concept source {source.GetType().Name}.");
        }
    }

    private Task<TeacherRun> RunTeacherAsync(DistillationBuilder.EvaluationSource source, IDenseImageEncoder encoder, SegmentEmbeddings segments)
    {
        if (source.TeacherOutputs is { } outputs)
        {
            return Task.FromResult(new TeacherRun(outputs, TeacherOutputKind.Probabilities, []));
        }
        var teacher = settings.Teacher!;
        if (teacher is FeatureHeadTeacher head && WholeImageFeatures.AreFirstSegments(encoder, head.Features))
        {
            // The encoding pass already computed the head's features: no second forward pass, no teacher cache needed.
            _logger.LogInformation("Teacher on {Split}: {Teacher} reads the whole-image segments the encoder computed.", source.Name, head);
            return Task.FromResult(new TeacherRun(head.FromFeatures(WholeImageFeatures.FirstSegments(segments), segments.ImageIds), TeacherOutputKind.Probabilities, []));
        }
        var stageProgress = ImageProgress(DistillationStage.Teacher, source.Name);
        return CachePath("teacher") is { } directory
            ? CachedTeacher.Create(teacher, directory).PredictAsync(source.Images, stageProgress, cancellationToken)
            : teacher.PredictAsync(source.Images, stageProgress, cancellationToken);
    }

    private static Dictionary<string, ImageItem> ItemsById(ImageSource images)
    {
        var items = new Dictionary<string, ImageItem>(images.Count, StringComparer.Ordinal);
        foreach (var item in images)
        {
            items[item.Id] = item;
        }
        return items;
    }

    /// <summary>
    /// Class index per kept image from explicit labels, or the images' own labels (folder names, a manifest's label
    /// column) when every kept image has one; else none. A label that is not a teacher class is an error naming where it came from.
    /// </summary>
    private static int[]? GroundTruth(DistillationBuilder.EvaluationSource source, Dictionary<string, ImageItem> items, IReadOnlyList<string> kept, IReadOnlyList<string> classNames)
    {
        var explicitLabels = source.GroundTruth;
        if (explicitLabels is null && !kept.All(id => items[id].Label is not null))
        {
            return null;
        }
        var index = new Dictionary<string, int>(classNames.Count, StringComparer.Ordinal);
        for (var k = 0; k < classNames.Count; k++)
        {
            index.TryAdd(classNames[k], k);
        }
        var result = new int[kept.Count];
        for (var n = 0; n < kept.Count; n++)
        {
            var item = items[kept[n]];
            string label;
            if (explicitLabels is not null)
            {
                label = explicitLabels.TryGetValue(item.Id, out var given) ? given
                    : throw new InvalidOperationException($"The ground truth given for split '{source.Name}' has no label for image '{item.Id}'.");
            }
            else
            {
                label = item.Label!;
            }
            if (!index.TryGetValue(label, out result[n]))
            {
                throw UnknownLabel(source, item, label, explicitLabels is not null, classNames);
            }
        }
        return result;
    }

    private static Exception UnknownLabel(DistillationBuilder.EvaluationSource source, ImageItem item, string label, bool given, IReadOnlyList<string> classNames)
    {
        var problem = $"the label '{label}' of image '{item.Id}' (split '{source.Name}') is not one of the teacher's classes ({string.Join(", ", classNames)})";
        if (given)
        {
            return new InvalidOperationException($"In the ground truth given for split '{source.Name}', {problem}.");
        }
        if (item.ListedAt is { } row)
        {
            return new InvalidFileException(row.Path, "label", row.Line, $"{problem}.");
        }
        return new InvalidFileException(item.Path ?? item.Id, "label", null,
            $"{problem}; the label comes from the image's sub-folder name. Name the sub-folders after the teacher's classes, or list the images with FolderSourceOptions {{ LabelFromFolder = false }} when sub-folders are not classes.");
    }

    private string? CachePath(string part) => settings.CacheDirectory is { } root ? Path.Combine(root, part) : null;

    private StageProgress<ImageModelProgress>? ImageProgress(DistillationStage stage, string split) =>
        progress is null ? null : new StageProgress<ImageModelProgress>(p => progress.Report(new DistillationProgress(stage, p.Done, p.Total, p.Failed) { Split = split }));

    private Dictionary<string, string> Metadata(IDenseImageEncoder encoder)
    {
        var metadata = new Dictionary<string, string>(settings.Metadata, StringComparer.Ordinal);
        metadata.TryAdd("images", settings.Images.Description);
        foreach (var split in settings.Evaluation)
        {
            metadata.TryAdd($"images.{split.Name}", split.Images.Description);
        }
        metadata.TryAdd("encoder", encoder.ModelId);
        metadata.TryAdd("teacher", settings.Teacher?.TeacherId ?? "precomputed outputs");
        return metadata;
    }

    /// <summary>A split ready for the session, with the images that dropped out.</summary>
    private sealed record PreparedSplit(DataSplit Split, IReadOnlyList<DecodeFailure> Failures, SplitSegments Segments);

    /// <summary>
    /// Forwards a stage's reports straight to the caller's progress. <see cref="Progress{T}"/> would post each one to
    /// the thread pool, so the caller's sink could see them out of order or after the run has finished.
    /// </summary>
    private sealed class StageProgress<T>(Action<T> forward) : IProgress<T>
    {
        public void Report(T value) => forward(value);
    }
}
