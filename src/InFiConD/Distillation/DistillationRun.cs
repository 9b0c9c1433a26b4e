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

    public async Task<DistilledState> RunAsync()
    {
        var encoder = settings.Encoder;
        var problems = new List<string>();
        if (settings.Concepts is null)
        {
            problems.Add("no concepts (call WithConcepts or WithConceptExemplars)");
        }
        if (encoder is null)
        {
            problems.Add("no image encoder (call WithEncoder)");
        }
        if (settings.Teacher is null && settings.TeacherOutputs is null)
        {
            problems.Add("no teacher (call WithTeacher)");
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"The distillation over {settings.Images.Description} is not fully configured: {string.Join("; ", problems)}.");
        }
        var options = settings.Students.Validate();
        if (settings.Images.Count == 0)
        {
            throw new InvalidOperationException($"The image source {settings.Images.Description} is empty.");
        }

        var bank = await Stage(DistillationStage.ConceptBank, () => BuildBankAsync(settings.Concepts!, encoder!)).ConfigureAwait(false);
        if (bank.Dimension != encoder!.Dimension)
        {
            throw new InvalidOperationException($"The concept bank has dimension {bank.Dimension} but the encoder {encoder.ModelId} produces {encoder.Dimension}: they must live in the same space.");
        }

        var segments = await Stage(DistillationStage.Encoding, () => EmbeddingRunner.EncodeAsync(settings.Images, encoder,
            new EncodeOptions { CacheDirectory = CachePath("segments") }, ImageProgress(DistillationStage.Encoding), cancellationToken)).ConfigureAwait(false);
        var scores = await Stage(DistillationStage.Scoring, () => Task.FromResult(ConceptScorer.Score(segments, bank))).ConfigureAwait(false);

        var teacherRun = await Stage(DistillationStage.Teacher, RunTeacherAsync).ConfigureAwait(false);
        var failures = segments.Failures.Concat(teacherRun.Failures).DistinctBy(f => f.Id, StringComparer.Ordinal).ToList();

        // Images the encoder or the teacher could not read drop out of both, in source order.
        var teacherIds = new HashSet<string>(teacherRun.Outputs.ImageIds, StringComparer.Ordinal);
        var kept = scores.ImageIds.Where(teacherIds.Contains).ToList();
        if (kept.Count == 0)
        {
            throw new InvalidOperationException($"No image of {settings.Images.Description} has both concept scores and teacher outputs ({failures.Count} failed to decode; the teacher's ids may not match the images').");
        }
        if (kept.Count < settings.Images.Count)
        {
            _logger.LogWarning("{Dropped} images dropped: {Failures} failed to decode, the rest lack a teacher output or concept scores.",
                settings.Images.Count - kept.Count, failures.Count);
        }
        if (kept.Count < scores.ImageCount)
        {
            scores = scores.SelectImages(kept);
        }
        var teacher = teacherRun.Outputs.AlignTo(kept);
        var groundTruth = GroundTruth(kept, teacher.ClassNames);

        var solverProgress = progress is null ? null
            : new StageProgress<SolverProgress>(p => progress.Report(new DistillationProgress(DistillationStage.Students, p.Iteration, options.Solver.MaxIterations)));
        var fit = await Stage(DistillationStage.Students,
            () => Task.Run(() => StudentEnsemble.Fit(scores, teacher, options, solverProgress, cancellationToken), cancellationToken)).ConfigureAwait(false);
        progress?.Report(new DistillationProgress(DistillationStage.Done, 1, 1));
        return new DistilledState(bank, scores, teacher, groundTruth, fit.Ensemble, options, fit.Fit, failures, Metadata(encoder));
    }

    private async Task<T> Stage<T>(DistillationStage stage, Func<Task<T>> run)
    {
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new DistillationProgress(stage, 0, 0));
        _logger.LogInformation("Stage {Stage} started.", stage);
        var clock = Stopwatch.StartNew();
        var result = await run().ConfigureAwait(false);
        _logger.LogInformation("Stage {Stage} finished in {Elapsed:F2} s.", stage, clock.Elapsed.TotalSeconds);
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
                // Exemplars are whole images: encode them with the encoder under the segmentation, cached on their own.
                IImageEncoder whole = encoder is CroppedSegmentEncoder cropped ? cropped.Encoder : encoder;
                if (CachePath("exemplars") is { } directory)
                {
                    whole = new CachedImageEncoder(whole, directory);
                }
                var result = await ConceptBankBuilder.FromExemplarsAsync(exemplars.Exemplars, whole, exemplars.Method,
                    progress: ImageProgress(DistillationStage.ConceptBank), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (result.Failures.Count > 0)
                {
                    _logger.LogWarning("{Count} exemplar images failed to decode; the first: {First}.", result.Failures.Count, result.Failures[0]);
                }
                return result.Bank;
            default:
                throw new UnreachableException($"Unknown concept source {source.GetType().Name}.");
        }
    }

    private Task<TeacherRun> RunTeacherAsync()
    {
        if (settings.TeacherOutputs is { } outputs)
        {
            return Task.FromResult(new TeacherRun(outputs, TeacherOutputKind.Probabilities, []));
        }
        var teacher = settings.Teacher!;
        return CachePath("teacher") is { } directory
            ? CachedTeacher.Create(teacher, directory).PredictAsync(settings.Images, ImageProgress(DistillationStage.Teacher), cancellationToken)
            : teacher.PredictAsync(settings.Images, ImageProgress(DistillationStage.Teacher), cancellationToken);
    }

    /// <summary>Class index per kept image from explicit labels, or the images' own labels when all have one; else none.</summary>
    private int[]? GroundTruth(IReadOnlyList<string> kept, IReadOnlyList<string> classNames)
    {
        var labels = settings.GroundTruth;
        if (labels is null)
        {
            var own = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < settings.Images.Count; i++)
            {
                if (settings.Images[i].Label is { } label)
                {
                    own[settings.Images[i].Id] = label;
                }
            }
            if (!kept.All(own.ContainsKey))
            {
                return null;
            }
            labels = own;
        }
        var index = classNames.Select((name, k) => (name, k)).ToDictionary(p => p.name, p => p.k, StringComparer.Ordinal);
        var result = new int[kept.Count];
        for (var n = 0; n < kept.Count; n++)
        {
            if (!labels.TryGetValue(kept[n], out var label))
            {
                throw new InvalidOperationException($"The ground truth has no label for image '{kept[n]}'.");
            }
            if (!index.TryGetValue(label, out result[n]))
            {
                throw new InvalidOperationException($"Image '{kept[n]}' has ground-truth label '{label}', which is not one of the teacher's classes ({string.Join(", ", classNames)}).");
            }
        }
        return result;
    }

    private string? CachePath(string part) => settings.CacheDirectory is { } root ? Path.Combine(root, part) : null;

    private StageProgress<ImageModelProgress>? ImageProgress(DistillationStage stage) =>
        progress is null ? null : new StageProgress<ImageModelProgress>(p => progress.Report(new DistillationProgress(stage, p.Done, p.Total, p.Failed)));

    private Dictionary<string, string> Metadata(IDenseImageEncoder encoder)
    {
        var metadata = new Dictionary<string, string>(settings.Metadata, StringComparer.Ordinal);
        metadata.TryAdd("images", settings.Images.Description);
        metadata.TryAdd("encoder", encoder.ModelId);
        metadata.TryAdd("teacher", settings.Teacher?.TeacherId ?? "precomputed outputs");
        return metadata;
    }

    /// <summary>
    /// Forwards a stage's reports straight to the caller's progress. <see cref="Progress{T}"/> would post each one to
    /// the thread pool, so the caller's sink could see them out of order or after the run has finished.
    /// </summary>
    private sealed class StageProgress<T>(Action<T> forward) : IProgress<T>
    {
        public void Report(T value) => forward(value);
    }
}
