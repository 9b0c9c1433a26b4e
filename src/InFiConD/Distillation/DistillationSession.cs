using System.Collections.Concurrent;
using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

/// <summary>
/// The result of a distillation run and the place to work on it: the training images and any held-out splits (their
/// concept scores, the teacher's outputs, labels and metadata), the current students, the misalignment analysis per
/// split and concept editing with undo, redo and a provenance log, every edit measured on every split.
/// Thread-safe for readers: <see cref="Students"/> always shows a complete version, never a half-applied edit.
/// </summary>
public sealed partial class DistillationSession : IDisposable
{
    private readonly EditSession _edits;
    private readonly ConcurrentDictionary<(string Split, MisalignmentOptions Options), Lazy<MisalignmentAnalyzer>> _analyzers = new();
    private readonly ConcurrentDictionary<(string Split, string Version, MisalignmentOptions Options), Lazy<MisalignmentReport>> _reports = new();

    internal DistillationSession(DistilledState state)
        : this(EditSession.Create(state.Students, state.Training, state.HeldOut, EditSessionOptions.Default with { Students = state.Options }),
               state.Bank, state.Fit, state.Failures, state.Metadata, state.Segments, state.SegmentCache)
    {
        foreach (var (split, images) in state.Images)
        {
            _images[split] = images;
        }
    }

    private DistillationSession(EditSession edits, ConceptBank? bank, SolverResult? fit, IReadOnlyDictionary<string, IReadOnlyList<DecodeFailure>> failures, IReadOnlyDictionary<string, string> metadata,
        IReadOnlyDictionary<string, SplitSegments> segments, SegmentCacheReference? segmentCache)
    {
        _edits = edits;
        _segments = segments;
        _segmentCache = segmentCache;
        Bank = bank;
        Fit = fit;
        FailuresBySplit = edits.Splits.ToDictionary(s => s.Name, s => failures.TryGetValue(s.Name, out var f) ? f : [], StringComparer.Ordinal);
        Failures = [.. edits.Splits.SelectMany(s => FailuresBySplit[s.Name])];
        Metadata = metadata;
    }

    /// <summary>
    /// The concept bank the scores came from, so new images can be scored (<c>ConceptScorer.Score(segments, session.Bank)</c>);
    /// <see langword="null"/> only for a session loaded from a file saved without one (format version 1).
    /// </summary>
    public ConceptBank? Bank { get; }

    /// <summary>The training images' N × C concept scores the students read.</summary>
    public ConceptScores Scores => _edits.Scores;

    /// <summary>The teacher's outputs on the training images, aligned to <see cref="Scores"/>' image ids.</summary>
    public TeacherOutputs Teacher => _edits.Teacher;

    /// <summary>True class indices per training image (into the teacher's classes) when known.</summary>
    public IReadOnlyList<int>? GroundTruth => _edits.GroundTruth;

    /// <summary>
    /// Every split of the session: the training images first (<see cref="DataSplit.TrainingName"/>), then the evaluation
    /// splits in the order they were added, each with its scores, teacher outputs, labels and metadata.
    /// </summary>
    public IReadOnlyList<DataSplit> Splits => _edits.Splits;

    /// <summary>The students of the current version.</summary>
    public StudentEnsemble Students => _edits.Students;

    /// <summary>The current version (id, parent, students, metrics on every split).</summary>
    public SessionVersion Current => _edits.Current;

    /// <summary>The first fit's solver report; <see langword="null"/> for a loaded session.</summary>
    public SolverResult? Fit { get; }

    /// <summary>Images dropped from any split because the encoder or the teacher could not decode them (path and reason each).</summary>
    public IReadOnlyList<DecodeFailure> Failures { get; }

    /// <summary>The dropped images per split (every split listed, empty when none failed; empty for a loaded session).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<DecodeFailure>> FailuresBySplit { get; }

    /// <summary>Descriptions of the run (images, encoder, teacher and whatever <see cref="DistillationBuilder.WithMetadata"/> added).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every applied edit, with its parent, bounds, changed weights and metrics before and after on every split.</summary>
    public ProvenanceLog History => _edits.Log;

    /// <summary>Whether the current version has a parent to return to.</summary>
    public bool CanUndo => _edits.CanUndo;

    /// <summary>Whether the current version has a child to move forward to.</summary>
    public bool CanRedo => _edits.CanRedo;

    /// <summary>The editing engine underneath, for what the session does not wrap (replay, metrics by attribute).</summary>
    public EditSession Editing => _edits;

    /// <summary>One split by name.</summary>
    /// <param name="name">The split's name.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentException">No split has that name (the session's splits are listed).</exception>
    public DataSplit Split(string name) => _edits.Split(name);

    /// <summary>How well the current students follow the teacher on the training images (and the ground truth when known).</summary>
    /// <param name="topK">The k of top-k agreement.</param>
    /// <returns>The metrics.</returns>
    public Fidelity MeasureFidelity(int topK = 5) => MeasureFidelity(DataSplit.TrainingName, topK);

    /// <summary>How well the current students follow the teacher on one split (and its ground truth when known).</summary>
    /// <param name="split">The split's name.</param>
    /// <param name="topK">The k of top-k agreement.</param>
    /// <returns>The metrics.</returns>
    /// <exception cref="ArgumentException">No split has that name.</exception>
    public Fidelity MeasureFidelity(string split, int topK = 5)
    {
        var data = Split(split);
        var version = Current;
        return Fidelity.Measure(version.Students, data.Scores, data.Teacher, data.GroundTruth, topK) with { Split = data.Name, VersionId = version.Id };
    }

    /// <summary>
    /// The current students' metrics on a split grouped by a known attribute of its images (a manifest column such as
    /// <c>site</c> or <c>has_mark</c>), one entry per value, images without the attribute last.
    /// </summary>
    /// <param name="split">The split's name.</param>
    /// <param name="attribute">The metadata column.</param>
    /// <returns>One entry per value.</returns>
    /// <exception cref="ArgumentException">No split has that name, or its images have no such attribute.</exception>
    public IReadOnlyList<AttributeGroupMetrics> MetricsByAttribute(string split, string attribute) => _edits.MetricsByAttribute(split, attribute);

    /// <summary>Where the current students and the teacher disagree on the training images, and which concepts describe it.</summary>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The report for the current version, naming the version and the split.</returns>
    public MisalignmentReport Analyze(CancellationToken cancellationToken = default) => Analyze(DataSplit.TrainingName, cancellationToken);

    /// <summary>
    /// Where the current students and the teacher disagree on one split, and which concepts describe it. Held-out
    /// splits are where a shortcut shows: on the training images students and teacher learnt the same cue.
    /// </summary>
    /// <param name="split">The split's name (<c>train</c>, <c>shifted</c>, …).</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The report for the current version, naming the version and the split.</returns>
    /// <exception cref="ArgumentException">No split has that name.</exception>
    public MisalignmentReport Analyze(string split, CancellationToken cancellationToken = default) => Analyze(split, MisalignmentOptions.Default, cancellationToken);

    /// <summary>Where the current students and the teacher disagree on one split, with other analysis options (a small split may need a lower <see cref="MisalignmentOptions.MinimumSupport"/>).</summary>
    /// <param name="split">The split's name.</param>
    /// <param name="options">The analysis options.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The report for the current version, naming the version and the split.</returns>
    /// <exception cref="ArgumentException">No split has that name, or an option is out of range.</exception>
    public MisalignmentReport Analyze(string split, MisalignmentOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        var version = Current;
        // The version keeps its logits on every split: the report reuses them instead of another N × C × K product.
        var logits = version.LogitValuesOn(split);
        return Analyzer(split, options).Analyze(version.Students, logits, cancellationToken) with { VersionId = version.Id, Split = split };
    }

    /// <summary>
    /// The report of any version in the history on one split — to compare versions, or to show the one a person selected
    /// while the session stays where it is. Versions never change, so reports of versions other than the current one are
    /// kept once made (per split, version and options); the current version's is built as
    /// <see cref="Analyze(string, MisalignmentOptions, CancellationToken)"/> builds it.
    /// </summary>
    /// <param name="split">The split's name.</param>
    /// <param name="versionId">A version id from the history (or <see cref="ProvenanceLog.RootId"/>).</param>
    /// <param name="options">Options; <see langword="null"/> for <see cref="MisalignmentOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <returns>The report, its <see cref="MisalignmentReport.VersionId"/> and <see cref="MisalignmentReport.Split"/> set.</returns>
    /// <exception cref="ArgumentException">The session has no such split, or the version is not in the history.</exception>
    public MisalignmentReport Analyze(string split, string versionId, MisalignmentOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(versionId);
        options ??= MisalignmentOptions.Default;
        if (versionId == Current.Id)
        {
            return Analyze(split, options, cancellationToken);
        }
        Split(split);
        return _reports.GetOrAdd((split, versionId, options), key => new Lazy<MisalignmentReport>(
            () => Analyzer(key.Split, key.Options).Analyze(_edits.StudentsAt(key.Version), cancellationToken) with { VersionId = key.Version, Split = key.Split },
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// One split's reports of two versions side by side — the verify step: agreement overall and per class before and
    /// after, and the suspected shortcuts an edit resolved or brought.
    /// </summary>
    /// <param name="fromVersion">The first version (typically the parent of an edit).</param>
    /// <param name="toVersion">The second version.</param>
    /// <param name="split">The split; <see langword="null"/> for <see cref="DiagnosisSplit"/>.</param>
    /// <param name="options">Analysis options; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the analyses.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">A version is not in the history, or no split has that name.</exception>
    public ReportComparison CompareReports(string fromVersion, string toVersion, string? split = null, MisalignmentOptions? options = null, CancellationToken cancellationToken = default)
    {
        split ??= DiagnosisSplit;
        return ReportComparison.Of(Analyze(split, fromVersion, options, cancellationToken), Analyze(split, toVersion, options, cancellationToken));
    }

    /// <summary>One analyzer per split and options, made on first use: its per-image preparation serves every later report.</summary>
    private MisalignmentAnalyzer Analyzer(string split, MisalignmentOptions options)
    {
        var data = Split(split);
        return _analyzers.GetOrAdd((split, options), key => new Lazy<MisalignmentAnalyzer>(
            () => MisalignmentAnalyzer.Create(data, key.Options), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// The loop's first step in one call: analyses a split of the current version, ranks its suspected shortcuts by evidence,
    /// and confirms the top ones' fixes with real refits (previews: nothing is kept). Apply a proposal with
    /// <c>EditAsync(diagnosis.Confirmed[0].ProposedFix.Edits)</c>.
    /// </summary>
    /// <param name="split">The split to diagnose; <see langword="null"/> for <see cref="DiagnosisSplit"/> (the held-out split where
    /// the students do worst).</param>
    /// <param name="options">How to analyse and confirm; <see langword="null"/> for <see cref="DiagnosisOptions.Default"/>.</param>
    /// <param name="progress">Reports each measured fix.</param>
    /// <param name="cancellationToken">Cancels the analysis and the refits.</param>
    /// <returns>The diagnosis.</returns>
    /// <exception cref="ArgumentException">The session has no split of that name.</exception>
    /// <exception cref="InvalidOperationException">The session changed version while the fixes were measured.</exception>
    public Task<ShortcutDiagnosis> DiagnoseAsync(string? split = null, DiagnosisOptions? options = null, IProgress<DiagnosisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? DiagnosisOptions.Default).Validate();
        var report = Analyze(split ?? DiagnosisSplit, options.Analysis, cancellationToken);
        return _edits.ConfirmSuspectsAsync(report, options, progress, cancellationToken);
    }

    /// <summary>
    /// The split a diagnosis reads by default: of the held-out splits, the one where the current students do worst (lowest
    /// accuracy when every held-out split has ground truth, else lowest agreement with the teacher; the first on ties), since
    /// that is where a shortcut shows; the training images when there is no held-out split.
    /// </summary>
    public string DiagnosisSplit
    {
        get
        {
            var heldOut = Splits.Skip(1).ToArray();
            if (heldOut.Length == 0)
            {
                return DataSplit.TrainingName;
            }
            var version = Current;
            var labelled = heldOut.All(s => s.GroundTruth is not null);
            return heldOut.MinBy(s => labelled ? version.MetricsOn(s.Name).GroundTruthAccuracy!.Value : version.MetricsOn(s.Name).Top1Agreement)!.Name;
        }
    }

    /// <summary>
    /// Explains one image: the concept contributions to the student's and the teacher's class. The image is looked up
    /// in the training images first, then in the evaluation splits in order.
    /// </summary>
    /// <param name="imageId">The image's id.</param>
    /// <returns>The explanation; its contributions sum to the student's logit.</returns>
    /// <exception cref="ArgumentException">No split has an image with that id.</exception>
    public InstanceExplanation Explain(string imageId)
    {
        ArgumentNullException.ThrowIfNull(imageId);
        foreach (var split in Splits)
        {
            if (split.Scores.IndexOfImage(imageId) >= 0)
            {
                return Explain(imageId, split.Name);
            }
        }
        throw new ArgumentException($"No split has an image '{imageId}' (splits: {string.Join(", ", Splits.Select(s => $"'{s.Name}' {s.ImageCount} images"))}).", nameof(imageId));
    }

    /// <summary>Explains one image of a given split (ids may repeat across splits), with its true class when known.</summary>
    /// <param name="imageId">The image's id.</param>
    /// <param name="split">The split's name.</param>
    /// <returns>The explanation; its contributions sum to the student's logit; it names the split and the current version.</returns>
    /// <exception cref="ArgumentException">No split has that name, or the split has no image with that id.</exception>
    public InstanceExplanation Explain(string imageId, string split) => Explain(imageId, split, Current.Id);

    /// <summary>Explains one image of a split as any version in the history sees it, the session staying where it is.</summary>
    /// <param name="imageId">The image's id.</param>
    /// <param name="split">The split's name.</param>
    /// <param name="versionId">A version id from the history (or <see cref="ProvenanceLog.RootId"/>).</param>
    /// <returns>The explanation by that version's students, naming the split and the version, with the true class (<see cref="InstanceExplanation.Truth"/>) when known.</returns>
    /// <exception cref="ArgumentException">No split has that name, the split has no image with that id, or the version is not in the history.</exception>
    public InstanceExplanation Explain(string imageId, string split, string versionId)
    {
        ArgumentNullException.ThrowIfNull(versionId);
        var data = Split(split);
        var students = versionId == Current.Id ? Students : _edits.StudentsAt(versionId);
        var explanation = InstanceExplanation.For(students, data.Scores, data.Teacher, imageId) with { Split = data.Name, VersionId = versionId };
        return data.GroundTruth is { } truth ? explanation.WithTruth(students, data.Scores, data.Teacher, truth[explanation.ImageIndex]) : explanation;
    }

    /// <summary>How any class's score for one image is made up, for a person who asks "why not <paramref name="className"/>?".</summary>
    /// <param name="imageId">The image's id.</param>
    /// <param name="className">The class to explain.</param>
    /// <param name="split">The split's name; the training images by default.</param>
    /// <param name="versionId">A version id; <see langword="null"/> for the current one.</param>
    /// <returns>The class's contributions, bias, logit and probabilities.</returns>
    /// <exception cref="ArgumentException">No split, image, class or version has that name.</exception>
    public ClassExplanation ExplainClass(string imageId, string className, string split = DataSplit.TrainingName, string? versionId = null)
    {
        ArgumentNullException.ThrowIfNull(imageId);
        ArgumentNullException.ThrowIfNull(className);
        var data = Split(split);
        var students = versionId is null || versionId == Current.Id ? Students : _edits.StudentsAt(versionId);
        var row = data.Scores.IndexOfImage(imageId);
        var k = students.ClassNames.ToList().IndexOf(className);
        if (row < 0 || k < 0)
        {
            throw new ArgumentException(row < 0
                ? $"The split '{data.Name}' has no image '{imageId}' ({data.ImageCount} images)."
                : $"There is no class '{className}' (classes: {string.Join(", ", students.ClassNames)}).", row < 0 ? nameof(imageId) : nameof(className));
        }
        return InstanceExplanation.ForClass(students, data.Scores, data.Teacher, row, k);
    }

    /// <summary>The weights, intercepts, metrics and predictions that differ between two versions on one split (second minus first).</summary>
    /// <param name="fromVersion">The first version's id.</param>
    /// <param name="toVersion">The second version's id.</param>
    /// <param name="split">The split the metrics and changed predictions are measured on; <c>train</c> by default.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="ArgumentException">A version is not in the log, or no split has that name.</exception>
    public VersionDiff Diff(string fromVersion, string toVersion, string split = DataSplit.TrainingName) => _edits.Diff(fromVersion, toVersion, split);

    /// <summary>
    /// Applies concept edits to the current version and refits the classes they touch inside the edits' intervals:
    /// <c>session.EditAsync(e =&gt; e.ForClass("boat").Downtune("water"))</c> caps boat's water weight at a half of its
    /// magnitude, however long the refit runs (to the solver's tolerance by default; <see cref="EditRefit.FixedEpochs"/>
    /// for the paper's few-epoch refit). The result holds the metrics before and after and the changed predictions on
    /// every split.
    /// </summary>
    /// <param name="edits">Builds the edits from an empty builder (<c>ForClass</c>, <c>ForClasses</c>, <c>ForAllClasses</c>).</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="progress">One report per solver iteration.</param>
    /// <param name="cancellationToken">Cancels the refit; the session is then unchanged.</param>
    /// <returns>The new version and its effect on every split.</returns>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed (<see cref="Validate(IReadOnlyList{ConceptEdit}, EditRefit?)"/> gives them without trying).</exception>
    public Task<EditResult> EditAsync(Func<ConceptEditBuilder, ConceptEditBuilder> edits, EditRefit? refit = null, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _edits.EditAsync(edits, refit, progress, cancellationToken);

    /// <summary>Applies a list of edits together (see <see cref="EditAsync(Func{ConceptEditBuilder, ConceptEditBuilder}, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>).</summary>
    /// <param name="edits">The edits.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="progress">One report per solver iteration.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The new version and its effect on every split.</returns>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed.</exception>
    public Task<EditResult> EditAsync(IReadOnlyList<ConceptEdit> edits, EditRefit? refit = null, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _edits.EditAsync(edits, refit, progress, cancellationToken);

    /// <summary>
    /// What the edits would do, without keeping it: the same refit as <c>EditAsync</c> (same bits), the changed rows, and
    /// the metrics and flipped predictions on every split. For a UI to show an edit's effect before it is kept.
    /// </summary>
    /// <param name="edits">Builds the edits from an empty builder.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The would-be version's students, changes and effect.</returns>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed.</exception>
    public Task<EditPreview> PreviewAsync(Func<ConceptEditBuilder, ConceptEditBuilder> edits, EditRefit? refit = null, CancellationToken cancellationToken = default) =>
        _edits.PreviewAsync(edits, refit, cancellationToken);

    /// <summary>Previews a list of edits (see <see cref="PreviewAsync(Func{ConceptEditBuilder, ConceptEditBuilder}, EditRefit?, CancellationToken)"/>).</summary>
    /// <param name="edits">The edits.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The would-be version's students, changes and effect.</returns>
    public Task<EditPreview> PreviewAsync(IReadOnlyList<ConceptEdit> edits, EditRefit? refit = null, CancellationToken cancellationToken = default) =>
        _edits.PreviewAsync(edits, refit, cancellationToken);

    /// <summary>Every reason the edits cannot be applied to the current version (unknown names with the nearest known ones, bad values, conflicts), without refitting; empty when they can.</summary>
    /// <param name="edits">The edits.</param>
    /// <param name="refit">The refit they would run with; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <returns>The problems, in edit order.</returns>
    public IReadOnlyList<EditProblem> Validate(IReadOnlyList<ConceptEdit> edits, EditRefit? refit = null) => _edits.Validate(edits, refit);

    /// <summary>Returns to the parent version (see <see cref="EditSession.Undo"/>).</summary>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <returns>The version now current.</returns>
    /// <exception cref="InvalidOperationException">The current version is the base.</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    public SessionVersion Undo(string? expectedVersion = null) => _edits.Undo(expectedVersion);

    /// <summary>Moves to <see cref="RedoTarget"/>: the child last undone from or created here, else the newest child.</summary>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <returns>The version now current.</returns>
    /// <exception cref="InvalidOperationException">The current version has no child.</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    public SessionVersion Redo(string? expectedVersion = null) => _edits.Redo(expectedVersion);

    /// <summary>
    /// Writes the session to an <c>.infcd</c> file atomically: base students (with their bootstrap spread), every split
    /// (scores with best segments, teacher outputs, labels, metadata, segment boxes), the concept bank, the embedding
    /// cache's location, the log and the run's descriptions.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="cancellationToken">Cancels the write; the target is then unchanged.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) =>
        SessionFile.SaveAsync(path, _edits, Metadata, Bank, LocationAttachments(), cancellationToken);

    /// <summary>Opens a session saved by <see cref="SaveAsync"/> (or by <see cref="SessionFile"/>), validating version, shapes and hashes.</summary>
    /// <param name="path">The <c>.infcd</c> file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The session at the saved current version, with its splits and (when saved) its concept bank.</returns>
    /// <exception cref="InvalidFileException">The file is not a session, is truncated or corrupt (the message names the part).</exception>
    public static async Task<DistillationSession> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var loaded = await SessionFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        var (segments, cache) = ReadLocations(path, loaded);
        return new DistillationSession(loaded.Session, loaded.Bank, fit: null, new Dictionary<string, IReadOnlyList<DecodeFailure>>(), loaded.Metadata, segments, cache);
    }

    /// <summary>Exports the current students as ONNX (concept scores → standardise → Gemm → Sigmoid, plus argmax).</summary>
    /// <param name="path">The <c>.onnx</c> file to write.</param>
    /// <param name="options">Export options; <see langword="null"/> for the defaults.</param>
    public void ExportOnnx(string path, StudentOnnxOptions? options = null) => StudentOnnxExporter.Export(Students, path, options);

    /// <inheritdoc />
    public void Dispose() => _edits.Dispose();
}
