using System.Collections.Immutable;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;

namespace InFiConD.Editing;

/// <summary>
/// Interactive tuning of fitted students. Holds the base students, the concept scores and teacher outputs they were
/// fitted on (and optional ground-truth labels), the current version and the provenance log. Each
/// <see cref="EditAsync(IReadOnlyList{ConceptEdit}, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/> refits only
/// the edited classes inside the edits' intervals and logs the result; <see cref="Undo"/>, <see cref="Redo"/> and
/// <see cref="Checkout"/> move through the log's tree, and an edit applied to an earlier version starts a branch.
/// </summary>
/// <remarks>
/// Thread safety: edits, previews and moves are serialised (one at a time, in call order); <see cref="Current"/> can be
/// read from any thread at any time and always returns a complete version, the old one until an edit is logged and the
/// new one after. Each change raises <see cref="Changed"/> outside the lock, in commit order. Every edit, preview and
/// move takes an optional <c>expectedVersion</c> and throws <see cref="StaleVersionException"/>, checked under the lock,
/// when another version is current: a caller builds only on the version it saw. <see cref="UndoAsync"/>,
/// <see cref="RedoAsync"/> and <see cref="CheckoutAsync"/> wait for the lock without blocking their caller.
/// <see cref="Dispose"/> cancels a running edit cleanly.
/// </remarks>
public sealed partial class EditSession : IDisposable
{
    private readonly EditEngine _engine;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _redo = new(StringComparer.Ordinal);
    private readonly SessionVersion _base;
    private SessionVersion _current;

    private EditSession(StudentEnsemble students, EditEngine engine, ProvenanceLog log, string? currentVersion)
    {
        BaseStudents = students;
        _engine = engine;
        Log = log;
        _base = engine.Version(ProvenanceLog.RootId, null, students, ImmutableSortedDictionary<long, WeightBounds>.Empty);
        CheckLog(log, students);
        var start = currentVersion ?? (log.Entries.Count > 0 ? log.Entries[^1].Id : ProvenanceLog.RootId);
        _current = Materialize(start);
    }

    /// <summary>The students the session started from (version <see cref="ProvenanceLog.RootId"/>).</summary>
    public StudentEnsemble BaseStudents { get; }

    /// <summary>The training images' concept scores, which refits use.</summary>
    public ConceptScores Scores => Training.Scores;

    /// <summary>The teacher's outputs on the training images, aligned to <see cref="Scores"/>' image ids.</summary>
    public TeacherOutputs Teacher => _engine.Teacher;

    /// <summary>True labels per image of <see cref="Scores"/>, when known.</summary>
    public IReadOnlyList<int>? GroundTruth => _engine.GroundTruth;

    /// <summary>The split the students are fitted and refit on.</summary>
    public DataSplit Training => _engine.Splits[0].Split;

    /// <summary>Every split the session measures each version on: the training split first, then the held-out splits in the order given.</summary>
    public IReadOnlyList<DataSplit> Splits => _engine.SplitData;

    /// <summary>One split by name.</summary>
    /// <param name="name">The split's name.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentException">No split has that name (the session's splits are listed).</exception>
    public DataSplit Split(string name) => _engine.Splits[SplitIndex(name)].Split;

    /// <summary>The refit settings.</summary>
    public EditSessionOptions Options => _engine.Options;

    /// <summary>Every applied edit, as a tree.</summary>
    public ProvenanceLog Log { get; }

    /// <summary>The current version: always complete, swapped atomically by edits and moves.</summary>
    public SessionVersion Current => Volatile.Read(ref _current);

    /// <summary>The current students (<see cref="Current"/>'s).</summary>
    public StudentEnsemble Students => Current.Students;

    /// <summary>The numerical half (for the benchmark's full-refit baseline).</summary>
    internal EditEngine Engine => _engine;

    /// <summary>Metrics of the base students.</summary>
    public EditMetrics BaseMetrics => _base.Metrics;

    /// <summary>
    /// Starts a session on fitted students. The scores, teacher and options must be those the students were fitted
    /// with, so that a refit minimises the same objective.
    /// </summary>
    /// <param name="students">The fitted students.</param>
    /// <param name="scores">The N × C concept scores they were fitted on (same concepts, same order).</param>
    /// <param name="teacher">The teacher's outputs (same classes); aligned to the scores' image ids.</param>
    /// <param name="groundTruth">Optional true labels, one per image of <paramref name="scores"/>, each in [0, K).</param>
    /// <param name="options">Refit settings; <see langword="null"/> for <see cref="EditSessionOptions.Default"/>.</param>
    /// <param name="log">A log to continue (the session takes ownership and disposes it); <see langword="null"/> for a new in-memory log.</param>
    /// <param name="currentVersion">The version to start at; <see langword="null"/> for the log's last entry (or the base).</param>
    /// <exception cref="ArgumentException">Concepts or classes differ, an image has no teacher output, or the version is not in the log.</exception>
    /// <exception cref="ShapeMismatchException">The ground truth does not hold one label per image.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label or option is out of range.</exception>
    /// <exception cref="InvalidFileException">The log's entries do not fit the students (wrong shapes, or rows that are not
    /// the students' own before the edit): it belongs to other students or was altered.</exception>
    public static EditSession Create(
        StudentEnsemble students,
        ConceptScores scores,
        TeacherOutputs teacher,
        IReadOnlyList<int>? groundTruth = null,
        EditSessionOptions? options = null,
        ProvenanceLog? log = null,
        string? currentVersion = null)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(teacher);
        RequireSame(students.ConceptNames, scores.ConceptNames, "concepts", "scores", nameof(scores));
        RequireSame(students.ClassNames, teacher.ClassNames, "classes", "teacher", nameof(teacher));
        if (groundTruth is not null && groundTruth.Count != scores.ImageCount)
        {
            throw new ShapeMismatchException(nameof(groundTruth), $"{scores.ImageCount} labels (one per image)", $"{groundTruth.Count} labels");
        }
        return Create(students, DataSplit.Create(DataSplit.TrainingName, scores, teacher, groundTruth), [], options, log, currentVersion);
    }

    /// <summary>
    /// Starts a session on fitted students with held-out splits: every version is measured on the training split and
    /// on each held-out split, and each edit reports its effect on all of them. The training split must be the data
    /// the students were fitted on, so that a refit minimises the same objective.
    /// </summary>
    /// <param name="students">The fitted students.</param>
    /// <param name="training">The images the students were fitted on (same concepts, same classes).</param>
    /// <param name="heldOut">Held-out splits (same concepts and classes; names unique and not the training split's).</param>
    /// <param name="options">Refit settings; <see langword="null"/> for <see cref="EditSessionOptions.Default"/>.</param>
    /// <param name="log">A log to continue (the session takes ownership and disposes it); <see langword="null"/> for a new in-memory log.</param>
    /// <param name="currentVersion">The version to start at; <see langword="null"/> for the log's last entry (or the base).</param>
    /// <returns>The session.</returns>
    /// <exception cref="ArgumentException">A split's concepts or classes differ from the students' (the split and the position named),
    /// two splits share a name, or the version is not in the log.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="InvalidFileException">The log's entries do not fit the students.</exception>
    public static EditSession Create(
        StudentEnsemble students,
        DataSplit training,
        IReadOnlyList<DataSplit> heldOut,
        EditSessionOptions? options = null,
        ProvenanceLog? log = null,
        string? currentVersion = null)
    {
        ArgumentNullException.ThrowIfNull(students);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(heldOut);
        options = (options ?? EditSessionOptions.Default).Validate();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var split in heldOut.Prepend(training))
        {
            ArgumentNullException.ThrowIfNull(split, nameof(heldOut));
            if (!names.Add(split.Name))
            {
                throw new ArgumentException($"Two splits are named '{split.Name}'; split names must be unique (the training split is '{training.Name}').", nameof(heldOut));
            }
            RequireSame(students.ConceptNames, split.Scores.ConceptNames, "concepts", $"split '{split.Name}' scores", nameof(heldOut));
            RequireSame(students.ClassNames, split.Teacher.ClassNames, "classes", $"split '{split.Name}' teacher", nameof(heldOut));
        }
        log ??= ProvenanceLog.CreateInMemory();
        if (currentVersion is not null && !log.Contains(currentVersion))
        {
            throw new ArgumentException($"Version '{currentVersion}' is not in the provenance log.", nameof(currentVersion));
        }
        var engine = new EditEngine(students, training, heldOut, options);
        engine.Warm();
        return new EditSession(students, engine, log, currentVersion);
    }

    /// <summary>
    /// Applies edits together to the current version: checks them, refits the classes they touch inside the edits'
    /// intervals (to the solver's tolerance by default, so the edit means the same however long the refit runs; see
    /// <see cref="EditRefit"/>), logs the entry (flushed to disk for a file-backed log) and makes the new version
    /// current. Untouched classes keep their bits. The result holds the metrics before and after on every split.
    /// </summary>
    /// <param name="edits">The edits, at most one per weight.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="progress">The edit's stages and one report per solver iteration (see <see cref="EditProgress"/>).</param>
    /// <param name="cancellationToken">Cancels the edit until its entry is logged; the session is then unchanged.</param>
    /// <returns>The new version, its entry and its effect on every split.</returns>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed (<see cref="Validate(IReadOnlyList{ConceptEdit}, EditRefit?)"/> gives them without trying).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the entry was logged; nothing was logged.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed before or during the call (before the entry was logged).</exception>
    public Task<EditResult> EditAsync(IReadOnlyList<ConceptEdit> edits, EditRefit? refit = null, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default) =>
        EditAsync(edits, expectedVersion: null, refit, progress, cancellationToken);

    /// <summary>
    /// Applies edits to the version the caller saw: as
    /// <see cref="EditAsync(IReadOnlyList{ConceptEdit}, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>, but
    /// refused with <see cref="StaleVersionException"/> when <paramref name="expectedVersion"/> is not current once the
    /// session's lock is taken, so two callers who saw the same version cannot both build on it (the second gets the
    /// error: a web front end answers 409).
    /// </summary>
    /// <remarks>
    /// <para>Edits, previews and moves run one at a time, in call order. Progress: one
    /// <see cref="EditStage.Queued"/> report on the caller's thread before the call waits, then, on the refit's thread
    /// under the session's lock, <see cref="EditStage.Planning"/>, one <see cref="EditStage.Refitting"/> report per
    /// iteration and <see cref="EditStage.Committed"/>. <see cref="IProgress{T}.Report"/> is called inline, so every
    /// report has been delivered when the task completes, whatever the synchronisation context. <see cref="Progress{T}"/>
    /// posts each report to a synchronisation context or the thread pool, so its handler may run after the call
    /// returns; pass your own <see cref="IProgress{T}"/> (and marshal to a UI thread yourself) when the order matters.
    /// A report handler must be quick and must not call the session's edits or moves (it runs under the lock).</para>
    /// <para>Cancellation: a cancellation before the entry is logged prevents the edit
    /// (<see cref="OperationCanceledException"/>, nothing logged, no <see cref="Changed"/>); one arriving after it is too
    /// late: the edit is committed and the call returns its result with <see cref="EditResult.CancellationTooLate"/>
    /// set. <see cref="Dispose"/> during the call cancels it the same way, but throws
    /// <see cref="ObjectDisposedException"/>.</para>
    /// </remarks>
    /// <param name="edits">The edits, at most one per weight.</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for whichever is current when the lock is taken.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="progress">The edit's stages and one report per solver iteration.</param>
    /// <param name="cancellationToken">Cancels the edit until its entry is logged.</param>
    /// <returns>The new version, its entry and its effect on every split.</returns>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the entry was logged; nothing was logged.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed before or during the call (before the entry was logged).</exception>
    /// <exception cref="AggregateException">A <see cref="Changed"/> handler threw; the edit is committed (see <see cref="Changed"/>).</exception>
    public Task<EditResult> EditAsync(IReadOnlyList<ConceptEdit> edits, string? expectedVersion, EditRefit? refit = null, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        return EditCoreAsync(edits.ToArray(), null, expectedVersion, refit ?? EditRefit.Converged, progress, cancellationToken);
    }

    /// <summary>
    /// Applies a front end's request (see <see cref="EditRequest"/>): its edits and its new λ, if any, on the version it saw,
    /// with its refit — as <see cref="EditAsync(IReadOnlyList{ConceptEdit}, string?, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>.
    /// With <see cref="EditRequest.Lambda"/> every class is refit at the new λ from the current weights, inside every interval in
    /// force, and the versions edited from the new one keep that λ.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="progress">The edit's stages and one report per solver iteration.</param>
    /// <param name="cancellationToken">Cancels the edit until its entry is logged.</param>
    /// <returns>The new version, its entry and its effect on every split.</returns>
    /// <exception cref="StaleVersionException">Another version than the request's expected one is current; nothing was done.</exception>
    /// <exception cref="InvalidEditException">The request cannot be applied (an edit, or a λ that is negative, not finite or
    /// the current one with no edits); every problem is listed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before the entry was logged; nothing was logged.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed before or during the call (before the entry was logged).</exception>
    public Task<EditResult> EditAsync(EditRequest request, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Edits, nameof(request));
        return EditCoreAsync(request.Edits.ToArray(), request.Lambda, request.ExpectedVersion, request.Refit ?? EditRefit.Converged, progress, cancellationToken);
    }

    private async Task<EditResult> EditCoreAsync(ConceptEdit[] snapshot, double? lambda, string? expectedVersion, EditRefit settings, IProgress<EditProgress>? progress, CancellationToken cancellationToken)
    {
        using var linked = Link(cancellationToken);
        var token = linked.Token;
        progress?.Report(StageReport(EditStage.Queued, settings));
        await EnterAsync(token, cancellationToken).ConfigureAwait(false);
        EditResult result;
        try
        {
            result = await Task.Run(() =>
            {
                RequireVersion(expectedVersion);
                progress?.Report(StageReport(EditStage.Planning, settings));
                var committed = Commit(Compute(snapshot, lambda, settings, progress, token), token);
                var fit = committed.Entry.Refit;
                progress?.Report(new EditProgress(fit.Iterations, settings.MaxIterations, fit.Objective, 0) { Tolerance = settings.Tolerance, Stage = EditStage.Committed });
                return committed;
            }, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ClosedFor(cancellationToken))
        {
            throw Disposed();
        }
        finally
        {
            Exit();
        }
        RaisePending();
        // Past the commit a cancellation cannot take the edit back; say so rather than report a plain success.
        return token.IsCancellationRequested ? result with { CancellationTooLate = true } : result;
    }

    /// <summary>Applies the edits written with a builder: <c>session.EditAsync(e => e.ForClass("boat").Downtune("water"))</c>.</summary>
    /// <param name="edits">Writes the edits.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="progress">One report per solver iteration.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <inheritdoc cref="EditAsync(IReadOnlyList{ConceptEdit}, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>
    public Task<EditResult> EditAsync(Func<ConceptEditBuilder, ConceptEditBuilder> edits, EditRefit? refit = null, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        return EditAsync(edits(ConceptEditBuilder.Empty).Edits, refit, progress, cancellationToken);
    }

    /// <summary>Applies the edits written with a builder to the version the caller saw (see <see cref="EditAsync(IReadOnlyList{ConceptEdit}, string?, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>).</summary>
    /// <param name="edits">Writes the edits.</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="progress">The edit's stages and one report per solver iteration.</param>
    /// <param name="cancellationToken">Cancels the edit until its entry is logged.</param>
    /// <inheritdoc cref="EditAsync(IReadOnlyList{ConceptEdit}, string?, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>
    public Task<EditResult> EditAsync(Func<ConceptEditBuilder, ConceptEditBuilder> edits, string? expectedVersion, EditRefit? refit = null, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        return EditAsync(edits(ConceptEditBuilder.Empty).Edits, expectedVersion, refit, progress, cancellationToken);
    }

    /// <summary>
    /// What the edits would do to the current version, without keeping it: the same refit as
    /// <see cref="EditAsync(IReadOnlyList{ConceptEdit}, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/> (the
    /// same bits), its changed rows, and its metrics and flipped predictions on every split. Nothing is logged and the
    /// current version stays.
    /// </summary>
    /// <param name="edits">The edits.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The would-be version's students, changes and effect.</returns>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed.</exception>
    public Task<EditPreview> PreviewAsync(IReadOnlyList<ConceptEdit> edits, EditRefit? refit = null, CancellationToken cancellationToken = default) =>
        PreviewAsync(edits, expectedVersion: null, refit, cancellationToken);

    /// <summary>
    /// Previews edits on the version the caller saw: as
    /// <see cref="PreviewAsync(IReadOnlyList{ConceptEdit}, EditRefit?, CancellationToken)"/>, but refused with
    /// <see cref="StaleVersionException"/> when <paramref name="expectedVersion"/> is not current once the session's lock
    /// is taken.
    /// </summary>
    /// <param name="edits">The edits.</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The would-be version's students, changes and effect.</returns>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current.</exception>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed before or during the call.</exception>
    public Task<EditPreview> PreviewAsync(IReadOnlyList<ConceptEdit> edits, string? expectedVersion, EditRefit? refit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        return PreviewCoreAsync(edits.ToArray(), null, expectedVersion, refit ?? EditRefit.Converged, cancellationToken);
    }

    /// <summary>
    /// What a front end's request (see <see cref="EditRequest"/>) would do, without keeping it: the same refit as
    /// <see cref="EditAsync(EditRequest, IProgress{EditProgress}?, CancellationToken)"/> (the same bits) and its effect on every split.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The would-be version's students, changes and effect.</returns>
    /// <exception cref="StaleVersionException">Another version than the request's expected one is current.</exception>
    /// <exception cref="InvalidEditException">The request cannot be applied; every problem is listed.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The session was disposed before or during the call.</exception>
    public Task<EditPreview> PreviewAsync(EditRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Edits, nameof(request));
        return PreviewCoreAsync(request.Edits.ToArray(), request.Lambda, request.ExpectedVersion, request.Refit ?? EditRefit.Converged, cancellationToken);
    }

    private async Task<EditPreview> PreviewCoreAsync(ConceptEdit[] snapshot, double? lambda, string? expectedVersion, EditRefit settings, CancellationToken cancellationToken)
    {
        using var linked = Link(cancellationToken);
        var token = linked.Token;
        await EnterAsync(token, cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() =>
            {
                RequireVersion(expectedVersion);
                var pending = Compute(snapshot, lambda, settings, null, token);
                return new EditPreview(pending.Parent.Id, pending.Outcome.Students, pending.Plan.NewBounds, pending.Changes, pending.Refit, Outcomes(pending));
            }, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ClosedFor(cancellationToken))
        {
            throw Disposed();
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Previews the edits written with a builder (see <see cref="PreviewAsync(IReadOnlyList{ConceptEdit}, EditRefit?, CancellationToken)"/>).</summary>
    /// <param name="edits">Writes the edits.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The would-be version's students, changes and effect.</returns>
    public Task<EditPreview> PreviewAsync(Func<ConceptEditBuilder, ConceptEditBuilder> edits, EditRefit? refit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        return PreviewAsync(edits(ConceptEditBuilder.Empty).Edits, refit, cancellationToken);
    }

    /// <summary>Previews the edits written with a builder on the version the caller saw (see <see cref="PreviewAsync(IReadOnlyList{ConceptEdit}, string?, EditRefit?, CancellationToken)"/>).</summary>
    /// <param name="edits">Writes the edits.</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The would-be version's students, changes and effect.</returns>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current.</exception>
    public Task<EditPreview> PreviewAsync(Func<ConceptEditBuilder, ConceptEditBuilder> edits, string? expectedVersion, EditRefit? refit = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        return PreviewAsync(edits(ConceptEditBuilder.Empty).Edits, expectedVersion, refit, cancellationToken);
    }

    /// <summary>
    /// Every reason the edits cannot be applied to the current version — unknown class or concept names (with the
    /// nearest known ones), bad factors, values or intervals, two edits on one weight, a release with nothing to
    /// release — without refitting anything. Empty when they can be applied.
    /// </summary>
    /// <param name="edits">The edits.</param>
    /// <param name="refit">The refit they would run with (its mode decides the intervals); <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <returns>The problems, in edit order.</returns>
    public IReadOnlyList<EditProblem> Validate(IReadOnlyList<ConceptEdit> edits, EditRefit? refit = null)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var current = Current;
        return EditPlanner.Validate(current.Students, current.Active, edits, _engine.Options.ZeroWeightFloor, !(refit ?? EditRefit.Converged).IsFixedEpochs);
    }

    /// <summary>
    /// Every reason a front end's request cannot be applied to the current version, without refitting: a stale expected
    /// version, a λ that is negative, not finite or the current one with no edits, and every problem of its edits (see
    /// <see cref="Validate(IReadOnlyList{ConceptEdit}, EditRefit?)"/>). Empty when it can be applied.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The problems: those of the request as a whole first (edit index −1), then the edits' in edit order.</returns>
    public IReadOnlyList<EditProblem> Validate(EditRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Edits, nameof(request));
        var current = Current;
        var problems = new List<EditProblem>();
        if (request.ExpectedVersion is { } expected && expected != current.Id)
        {
            problems.Add(new EditProblem(-1, "expectedVersion", $"The session is at version '{current.Id}', not '{expected}': someone else changed it; reload and try again."));
        }
        var everyClass = CheckLambda(request.Lambda, current, request.Edits.Count, problems);
        if (problems.All(p => p.Field != "lambda"))
        {
            problems.AddRange(EditPlanner.Validate(current.Students, current.Active, request.Edits, _engine.Options.ZeroWeightFloor, !(request.Refit ?? EditRefit.Converged).IsFixedEpochs, everyClass));
        }
        return problems;
    }

    /// <summary>Adds a problem for an unusable λ; true when the request changes λ (every class is refit).</summary>
    private static bool CheckLambda(double? lambda, SessionVersion parent, int edits, List<EditProblem> problems)
    {
        if (lambda is not { } value)
        {
            return false;
        }
        if (!double.IsFinite(value) || value < 0)
        {
            problems.Add(new EditProblem(-1, "lambda", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The request asks for λ = {value}; the L1 strength must be finite and ≥ 0.")));
            return false;
        }
        if (value == parent.Lambda)
        {
            if (edits == 0)
            {
                problems.Add(new EditProblem(-1, "lambda", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Version '{parent.Id}' already has λ = {value:G6} and the request has no edits; nothing to do.")));
            }
            return false;
        }
        return true;
    }

    /// <summary>A report of a stage around the refit (the refit's own reports come from the solver).</summary>
    private static EditProgress StageReport(EditStage stage, EditRefit refit) =>
        new(0, refit.MaxIterations, 0, 0) { Tolerance = refit.Tolerance, Stage = stage };

    /// <summary>Plans and refits the edits on the current version, and measures the result on every split; commits nothing.</summary>
    private PendingEdit Compute(ConceptEdit[] edits, double? lambda, EditRefit refit, IProgress<EditProgress>? progress, CancellationToken cancellationToken)
    {
        var parent = Current;
        var options = _engine.Options;
        var problems = new List<EditProblem>();
        var everyClass = CheckLambda(lambda, parent, edits.Length, problems);
        if (problems.Count > 0)
        {
            throw new InvalidEditException(problems);
        }
        var plan = EditPlanner.Plan(parent.Students, parent.Active, edits, options.ZeroWeightFloor, !refit.IsFixedEpochs, everyClass, _engine.Covariance);
        var strength = everyClass ? lambda!.Value : parent.Lambda;
        var outcome = _engine.Refit(parent.Students, plan, refit, strength, progress, cancellationToken);
        var logits = _engine.UpdateLogits(parent, outcome.Students, plan.Classes);
        var metrics = _engine.Measure(logits);
        var changes = plan.Classes.Select(k => new ClassChange(
            k,
            parent.Students.ClassNames[k],
            parent.Students.Bias(k),
            outcome.Students.Bias(k),
            parent.Students.StandardizedWeights(k).ToArray(),
            outcome.Students.StandardizedWeights(k).ToArray())).ToArray();
        var solver = options.Students.Solver;
        var record = new RefitRecord(refit.MaxIterations, outcome.Fit.Iterations, outcome.Fit.Status, outcome.Fit.Objective, strength, solver.L2, options.Students.Targets, options.ZeroWeightFloor)
        {
            Tolerance = refit.Tolerance,
            Method = refit.IsFixedEpochs ? null : EditEngine.ConvergedMethod,
        };
        return new PendingEdit(parent, edits, plan, outcome, logits, metrics, changes, record) { PreviousLambda = everyClass ? parent.Lambda : null };
    }

    private EditResult Commit(PendingEdit pending, CancellationToken cancellationToken)
    {
        var (parent, metrics) = (pending.Parent, pending.Metrics);
        var heldOut = metrics.Length == 1 ? null
            : Enumerable.Range(1, metrics.Length - 1).Select(s => new SplitMetricsChange(_engine.SplitNames[s], parent.SplitMetrics[s], metrics[s])).ToArray();
        var entry = new ProvenanceEntry(Log.NextId(), parent.Id, DateTimeOffset.UtcNow, pending.Edits, pending.Plan.NewBounds, pending.Plan.Active.Values.ToArray(),
            pending.Changes, parent.Metrics, metrics[0], pending.Refit, _engine.Options.Students.Seed) { Evaluation = heldOut, PreviousLambda = pending.PreviousLambda };
        // The last point at which a cancellation leaves no trace; after the append the version is committed.
        cancellationToken.ThrowIfCancellationRequested();
        Log.Append(entry);
        var version = new SessionVersion(entry.Id, entry, pending.Outcome.Students, pending.Refit.Lambda, pending.Plan.Active, _engine.SplitNames, pending.Logits, metrics);
        lock (_redo)
        {
            _redo[parent.Id] = entry.Id;
        }
        Volatile.Write(ref _current, version);
        Publish(SessionChangeKind.Edit, parent, version);
        return new EditResult(version) { Splits = Outcomes(pending) };
    }

    private SplitOutcome[] Outcomes(PendingEdit pending) =>
        [.. _engine.Splits.Select((e, s) => new SplitOutcome(e.Name, pending.Parent.SplitMetrics[s], pending.Metrics[s], e.Changes(pending.Parent.SplitLogits[s], pending.Logits[s])))];

    private int SplitIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var i = Array.IndexOf(_engine.SplitNames, name);
        return i >= 0 ? i : throw new ArgumentException($"The session has no split '{name}'; its splits are {string.Join(", ", _engine.SplitNames.Select(n => $"'{n}'"))}.", nameof(name));
    }

    private static void RequireSame(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string what, string owner, string parameter)
    {
        if (!expected.SequenceEqual(actual, StringComparer.Ordinal))
        {
            var at = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Count, actual.Count));
            throw new ArgumentException($"The students' {what} differ from those of the {owner} at position {at} ({expected.Count} vs {actual.Count} {what}); edit with the data the students were fitted on.", parameter);
        }
    }
}
