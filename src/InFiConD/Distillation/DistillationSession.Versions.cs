using InFiConD.Editing;

namespace InFiConD;

public sealed partial class DistillationSession
{
    /// <summary>
    /// Raised after every change of the current version (edit, undo, redo, checkout), with the versions before and after
    /// and the cause; outside the session's lock, one at a time, in commit order. The sender is <see cref="Editing"/>.
    /// See <see cref="EditSession.Changed"/> for the threading and failure rules.
    /// </summary>
    public event EventHandler<SessionChangedEventArgs>? Changed
    {
        add => _edits.Changed += value;
        remove => _edits.Changed -= value;
    }

    /// <summary>One light summary per version, the base first, then the log's entries in writing order (see <see cref="HistorySummaryExtensions.HistorySummary"/>).</summary>
    /// <returns>The summaries.</returns>
    public IReadOnlyList<ProvenanceEntrySummary> HistorySummary() => _edits.HistorySummary();

    /// <summary>The history as a tree rooted at the base students, the current version marked (see <see cref="HistorySummaryExtensions.HistoryTree"/>).</summary>
    /// <returns>The root.</returns>
    public HistoryNode HistoryTree() => _edits.HistoryTree();

    /// <summary>The id of the child <see cref="Redo"/> would make current; <see langword="null"/> when there is none.</summary>
    public string? RedoTarget => _edits.RedoTarget;

    /// <summary>Applies edits to the version the caller saw (see <see cref="EditSession.EditAsync(IReadOnlyList{ConceptEdit}, string?, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>).</summary>
    /// <param name="edits">Builds the edits from an empty builder.</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="progress">The edit's stages and one report per solver iteration, delivered before the call returns.</param>
    /// <param name="cancellationToken">Cancels the edit until its entry is logged.</param>
    /// <returns>The new version and its effect on every split.</returns>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed.</exception>
    public Task<EditResult> EditAsync(Func<ConceptEditBuilder, ConceptEditBuilder> edits, string? expectedVersion, EditRefit? refit = null, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _edits.EditAsync(edits, expectedVersion, refit, progress, cancellationToken);

    /// <summary>Applies a list of edits to the version the caller saw (see <see cref="EditSession.EditAsync(IReadOnlyList{ConceptEdit}, string?, EditRefit?, IProgress{EditProgress}?, CancellationToken)"/>).</summary>
    /// <param name="edits">The edits.</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="progress">The edit's stages and one report per solver iteration, delivered before the call returns.</param>
    /// <param name="cancellationToken">Cancels the edit until its entry is logged.</param>
    /// <returns>The new version and its effect on every split.</returns>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed.</exception>
    public Task<EditResult> EditAsync(IReadOnlyList<ConceptEdit> edits, string? expectedVersion, EditRefit? refit = null, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _edits.EditAsync(edits, expectedVersion, refit, progress, cancellationToken);

    /// <summary>Previews edits on the version the caller saw (see <see cref="EditSession.PreviewAsync(IReadOnlyList{ConceptEdit}, string?, EditRefit?, CancellationToken)"/>).</summary>
    /// <param name="edits">Builds the edits from an empty builder.</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The would-be version's students, changes and effect.</returns>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current.</exception>
    public Task<EditPreview> PreviewAsync(Func<ConceptEditBuilder, ConceptEditBuilder> edits, string? expectedVersion, EditRefit? refit = null, CancellationToken cancellationToken = default) =>
        _edits.PreviewAsync(edits, expectedVersion, refit, cancellationToken);

    /// <summary>Previews a list of edits on the version the caller saw (see <see cref="EditSession.PreviewAsync(IReadOnlyList{ConceptEdit}, string?, EditRefit?, CancellationToken)"/>).</summary>
    /// <param name="edits">The edits.</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <param name="refit">How to refit; <see langword="null"/> for <see cref="EditRefit.Converged"/>.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The would-be version's students, changes and effect.</returns>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current.</exception>
    public Task<EditPreview> PreviewAsync(IReadOnlyList<ConceptEdit> edits, string? expectedVersion, EditRefit? refit = null, CancellationToken cancellationToken = default) =>
        _edits.PreviewAsync(edits, expectedVersion, refit, cancellationToken);

    /// <summary>Makes any version of the log current (see <see cref="EditSession.Checkout"/>).</summary>
    /// <param name="versionId">A version id from the log.</param>
    /// <param name="expectedVersion">The version the caller expects to be current; <see langword="null"/> for any.</param>
    /// <returns>The version now current.</returns>
    /// <exception cref="ArgumentException">The version is not in the log.</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    public SessionVersion Checkout(string versionId, string? expectedVersion = null) => _edits.Checkout(versionId, expectedVersion);

    /// <summary><see cref="Undo"/> without blocking the caller: waits for the session's lock asynchronously (see <see cref="EditSession.UndoAsync"/>).</summary>
    /// <param name="expectedVersion">The version the caller expects to be current once the lock is taken; <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>The version now current.</returns>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    public Task<SessionVersion> UndoAsync(string? expectedVersion = null, CancellationToken cancellationToken = default) => _edits.UndoAsync(expectedVersion, cancellationToken);

    /// <summary><see cref="Redo"/> without blocking the caller (see <see cref="EditSession.RedoAsync"/>).</summary>
    /// <param name="expectedVersion">The version the caller expects to be current once the lock is taken; <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>The version now current.</returns>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    public Task<SessionVersion> RedoAsync(string? expectedVersion = null, CancellationToken cancellationToken = default) => _edits.RedoAsync(expectedVersion, cancellationToken);

    /// <summary><see cref="Checkout"/> without blocking the caller (see <see cref="EditSession.CheckoutAsync"/>).</summary>
    /// <param name="versionId">A version id from the log.</param>
    /// <param name="expectedVersion">The version the caller expects to be current once the lock is taken; <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    /// <returns>The version now current.</returns>
    /// <exception cref="ArgumentException">The version is not in the log.</exception>
    /// <exception cref="StaleVersionException">Another version than <paramref name="expectedVersion"/> is current; nothing was done.</exception>
    public Task<SessionVersion> CheckoutAsync(string versionId, string? expectedVersion = null, CancellationToken cancellationToken = default) =>
        _edits.CheckoutAsync(versionId, expectedVersion, cancellationToken);

    /// <summary>Applies a front end's request: its edits and new λ, if any, on the version it saw, with its refit (see <see cref="EditRequest"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="progress">The edit's stages and one report per solver iteration, delivered before the call returns.</param>
    /// <param name="cancellationToken">Cancels the edit until its entry is logged.</param>
    /// <returns>The new version and its effect on every split.</returns>
    /// <exception cref="StaleVersionException">Another version than the request's expected one is current; nothing was done.</exception>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed.</exception>
    public Task<EditResult> EditAsync(EditRequest request, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _edits.EditAsync(request, progress, cancellationToken);
    }

    /// <summary>Previews a front end's request without keeping it (see <see cref="EditRequest"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The would-be version's students, changes and effect.</returns>
    /// <exception cref="StaleVersionException">Another version than the request's expected one is current.</exception>
    /// <exception cref="InvalidEditException">The edits cannot be applied; every problem is listed.</exception>
    public Task<EditPreview> PreviewAsync(EditRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _edits.PreviewAsync(request, cancellationToken);
    }

    /// <summary>Every reason a front end's request cannot be applied, without refitting; empty when it can. A stale expected version is one of them.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The problems, in edit order.</returns>
    public IReadOnlyList<EditProblem> Validate(EditRequest request) => _edits.Validate(request);
}
