using InFiConD.Analysis;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Editing;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

/// <summary>
/// The result of a distillation run and the place to work on it: the concept scores, the teacher's outputs, the
/// current students, the misalignment analysis and concept editing with undo, redo and a provenance log.
/// Thread-safe for readers: <see cref="Students"/> always shows a complete version, never a half-applied edit.
/// </summary>
public sealed class DistillationSession : IDisposable
{
    private readonly EditSession _edits;
    private readonly Lazy<MisalignmentAnalyzer> _analyzer;

    internal DistillationSession(DistilledState state)
        : this(EditSession.Create(state.Students, state.Scores, state.Teacher, state.GroundTruth, EditSessionOptions.Default with { Students = state.Options }),
               state.Bank, state.Fit, state.Failures, state.Metadata)
    {
    }

    private DistillationSession(EditSession edits, ConceptBank? bank, SolverResult? fit, IReadOnlyList<DecodeFailure> failures, IReadOnlyDictionary<string, string> metadata)
    {
        _edits = edits;
        Bank = bank;
        Fit = fit;
        Failures = failures;
        Metadata = metadata;
        _analyzer = new Lazy<MisalignmentAnalyzer>(() => MisalignmentAnalyzer.Create(edits.Scores, edits.Teacher, edits.GroundTruth), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The concept bank the scores came from; <see langword="null"/> for a session loaded from a file (files keep scores, not the bank).</summary>
    public ConceptBank? Bank { get; }

    /// <summary>The N × C concept scores the students read.</summary>
    public ConceptScores Scores => _edits.Scores;

    /// <summary>The teacher's outputs, aligned to <see cref="Scores"/>' image ids.</summary>
    public TeacherOutputs Teacher => _edits.Teacher;

    /// <summary>True class indices per image (into the teacher's classes) when known.</summary>
    public IReadOnlyList<int>? GroundTruth => _edits.GroundTruth;

    /// <summary>The students of the current version.</summary>
    public StudentEnsemble Students => _edits.Students;

    /// <summary>The current version (id, parent, students).</summary>
    public SessionVersion Current => _edits.Current;

    /// <summary>The first fit's solver report; <see langword="null"/> for a loaded session.</summary>
    public SolverResult? Fit { get; }

    /// <summary>Images dropped because the encoder or the teacher could not decode them (path and reason each).</summary>
    public IReadOnlyList<DecodeFailure> Failures { get; }

    /// <summary>Descriptions of the run (images, encoder, teacher and whatever <see cref="DistillationBuilder.WithMetadata"/> added).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every applied edit, with its parent, bounds, changed weights and metrics before and after.</summary>
    public ProvenanceLog History => _edits.Log;

    /// <summary>Whether the current version has a parent to return to.</summary>
    public bool CanUndo => _edits.CanUndo;

    /// <summary>Whether the current version has a child to move forward to.</summary>
    public bool CanRedo => _edits.CanRedo;

    /// <summary>The editing engine underneath, for what the session does not wrap (checkout, diff, replay).</summary>
    public EditSession Editing => _edits;

    /// <summary>How well the current students follow the teacher (and the ground truth when known).</summary>
    /// <param name="topK">The k of top-k agreement.</param>
    /// <returns>The metrics.</returns>
    public Fidelity MeasureFidelity(int topK = 5) => Fidelity.Measure(Students, Scores, Teacher, GroundTruth, topK);

    /// <summary>Where the current students and the teacher disagree, and which concepts describe it.</summary>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The report for the current version.</returns>
    public MisalignmentReport Analyze(CancellationToken cancellationToken = default)
    {
        // The version keeps the logits it was measured with: the report reuses them instead of another N × C × K product.
        var version = Current;
        return _analyzer.Value.Analyze(version.Students, version.LogitValues, cancellationToken);
    }

    /// <summary>Explains one image: the concept contributions to the student's and the teacher's class.</summary>
    /// <param name="imageId">The image's id.</param>
    /// <returns>The explanation; its contributions sum to the student's logit.</returns>
    /// <exception cref="ArgumentException">No image has that id.</exception>
    public InstanceExplanation Explain(string imageId) => InstanceExplanation.For(Students, Scores, Teacher, imageId);

    /// <summary>
    /// Applies concept edits to the current version and refits the classes they touch briefly, within bounds:
    /// <c>session.EditAsync(e =&gt; e.ForClass("boat").Downtune("water"))</c>.
    /// </summary>
    /// <param name="edits">Builds the edits from an empty builder.</param>
    /// <param name="epochs">The refit's epoch budget (5 by default).</param>
    /// <param name="progress">One report per epoch.</param>
    /// <param name="cancellationToken">Cancels the refit; the session is then unchanged.</param>
    /// <returns>The new version and the metrics before and after.</returns>
    /// <exception cref="ArgumentException">An edit names an unknown class or concept, or two edits change one weight.</exception>
    public Task<EditResult> EditAsync(Func<ConceptEditBuilder, ConceptEditBuilder> edits, int epochs = 5, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _edits.ApplyAsync(edits, epochs, progress, cancellationToken);

    /// <summary>Applies a list of edits together (see <see cref="EditAsync(Func{ConceptEditBuilder, ConceptEditBuilder}, int, IProgress{EditProgress}?, CancellationToken)"/>).</summary>
    /// <param name="edits">The edits.</param>
    /// <param name="epochs">The refit's epoch budget.</param>
    /// <param name="progress">One report per epoch.</param>
    /// <param name="cancellationToken">Cancels the refit.</param>
    /// <returns>The new version and the metrics before and after.</returns>
    public Task<EditResult> EditAsync(IReadOnlyList<ConceptEdit> edits, int epochs = 5, IProgress<EditProgress>? progress = null, CancellationToken cancellationToken = default) =>
        _edits.ApplyAsync(edits, epochs, progress, cancellationToken);

    /// <summary>Returns to the parent version.</summary>
    /// <returns>The version now current.</returns>
    /// <exception cref="InvalidOperationException">The current version is the base.</exception>
    public SessionVersion Undo() => _edits.Undo();

    /// <summary>Moves to the most recent child of the current version.</summary>
    /// <returns>The version now current.</returns>
    /// <exception cref="InvalidOperationException">The current version has no child.</exception>
    public SessionVersion Redo() => _edits.Redo();

    /// <summary>Writes the session to an <c>.infcd</c> file atomically (base students, scores, teacher, ground truth, the log, metadata).</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="cancellationToken">Cancels the write; the target is then unchanged.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public Task SaveAsync(string path, CancellationToken cancellationToken = default) => SessionFile.SaveAsync(path, _edits, Metadata, cancellationToken);

    /// <summary>Opens a session saved by <see cref="SaveAsync"/> (or by <see cref="SessionFile"/>), validating version, shapes and hashes.</summary>
    /// <param name="path">The <c>.infcd</c> file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The session at the saved current version.</returns>
    /// <exception cref="InvalidFileException">The file is not a session, is truncated or corrupt (the message names the part).</exception>
    public static async Task<DistillationSession> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        var loaded = await SessionFile.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        return new DistillationSession(loaded.Session, bank: null, fit: null, [], loaded.Metadata);
    }

    /// <summary>Exports the current students as ONNX (concept scores → standardise → Gemm → Sigmoid, plus argmax).</summary>
    /// <param name="path">The <c>.onnx</c> file to write.</param>
    /// <param name="options">Export options; <see langword="null"/> for the defaults.</param>
    public void ExportOnnx(string path, StudentOnnxOptions? options = null) => StudentOnnxExporter.Export(Students, path, options);

    /// <inheritdoc />
    public void Dispose() => _edits.Dispose();
}
