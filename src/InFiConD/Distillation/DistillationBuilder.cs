using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace InFiConD;

/// <summary>
/// Describes a distillation run: images, concepts, encoder, teacher and students. Immutable: every <c>With…</c>
/// returns a new builder, so a configured builder can be reused or varied safely. Nothing runs until
/// <see cref="RunAsync"/>; configuration errors are reported there, all at once.
/// </summary>
public sealed class DistillationBuilder
{
    private readonly Settings _settings;

    internal DistillationBuilder(ImageSource images) : this(new Settings(images))
    {
    }

    private DistillationBuilder(Settings settings) => _settings = settings;

    /// <summary>The images the run distils on.</summary>
    public ImageSource Images => _settings.Images;

    /// <summary>Uses a concept bank as it is (its dimension must match the encoder's).</summary>
    /// <param name="bank">The bank.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithConcepts(ConceptBank bank)
    {
        ArgumentNullException.ThrowIfNull(bank);
        return With(_settings with { Concepts = new ConceptSource.FromBank(bank) });
    }

    /// <summary>Builds the bank from concept names through a text encoder (the image encoder when it is also an <see cref="ITextEncoder"/>, as CLIP is).</summary>
    /// <param name="corpus">The concept names.</param>
    /// <param name="templates">Prompt templates; <see langword="null"/> for the bank builder's default.</param>
    /// <param name="textEncoder">The text encoder; <see langword="null"/> to use the image encoder.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithConcepts(ConceptCorpus corpus, IReadOnlyList<PromptTemplate>? templates = null, ITextEncoder? textEncoder = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return With(_settings with { Concepts = new ConceptSource.FromText(corpus, templates, textEncoder) });
    }

    /// <summary>Builds the bank from example images of each concept, in the image encoder's space.</summary>
    /// <param name="exemplars">Concept name → positive (and optionally negative) images.</param>
    /// <param name="method">Prototype (mean difference) or CAV (logistic direction).</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithConceptExemplars(IReadOnlyDictionary<string, ExemplarSet> exemplars, ExemplarMethod method = ExemplarMethod.Prototype) =>
        WithConceptExemplars(exemplars, method, ExemplarBankOptions.Default);

    /// <summary>
    /// Builds the bank from example images of each concept, in the image encoder's space, with bank options: random
    /// negatives, segment exemplars (<see cref="ExemplarInstances.BestSegment"/> and <see cref="ExemplarInstances.Auto"/> use the session's dense encoder), a minimum
    /// cross-validated AUC. The bank keeps each concept's <see cref="ConceptBank.Quality"/>.
    /// </summary>
    /// <param name="exemplars">Concept name → positive (and optionally negative) images.</param>
    /// <param name="method">Prototype (mean difference) or CAV (logistic direction).</param>
    /// <param name="options">The bank options.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public DistillationBuilder WithConceptExemplars(IReadOnlyDictionary<string, ExemplarSet> exemplars, ExemplarMethod method, ExemplarBankOptions options)
    {
        ArgumentNullException.ThrowIfNull(exemplars);
        ArgumentNullException.ThrowIfNull(options);
        return With(_settings with { Concepts = new ConceptSource.FromExemplars(exemplars, method, options.Validate()) });
    }

    /// <summary>Encodes images into segment embeddings with a dense encoder (CLIP with patch outputs, or any <see cref="CroppedSegmentEncoder"/>).</summary>
    /// <param name="encoder">The encoder; the caller keeps ownership.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithEncoder(IDenseImageEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return With(_settings with { Encoder = encoder });
    }

    /// <summary>
    /// Encodes images with a whole-image encoder over segments cropped by a segmentation (e.g. <see cref="ResNet18Backbone"/> on a 2 × 2
    /// grid plus the whole image); a <see cref="ResNet18FeatureMap"/> instead pools the segments from one pass per image
    /// (<see cref="RegionPooledSegmentEncoder"/>).
    /// </summary>
    /// <param name="encoder">The whole-image encoder; the caller keeps ownership.</param>
    /// <param name="segmentation">How images are cut into segments.</param>
    /// <param name="includeWhole">Also encode the whole image as a segment.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithEncoder(IImageEncoder encoder, Segmentation segmentation, bool includeWhole = true)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(segmentation);
        var whole = includeWhole && segmentation is not WholeImageSegmentation;
        return encoder is ResNet18FeatureMap map
            ? WithEncoder(RegionPooledSegmentEncoder.Create(map, segmentation, whole))
            : WithEncoder(CroppedSegmentEncoder.Create(encoder, segmentation, CroppedSegmentOptions.Default with { IncludeWhole = whole }));
    }

    /// <summary>Runs a teacher over the images.</summary>
    /// <param name="teacher">The teacher; the caller keeps ownership.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithTeacher(ITeacher teacher)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        return With(_settings with { Teacher = teacher, TeacherOutputs = null });
    }

    /// <summary>Uses teacher outputs computed elsewhere (e.g. <see cref="PrecomputedTeacher"/>); they are matched to the images by id.</summary>
    /// <param name="outputs">The outputs.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithTeacher(TeacherOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return With(_settings with { Teacher = null, TeacherOutputs = outputs });
    }

    /// <summary>
    /// Adds a held-out split (<c>test</c>, <c>shifted</c>, a folder of the user's own): its images are encoded, scored and
    /// run through the teacher like the training images (same cache, same progress reports, tagged with the split's
    /// name), never fitted on, and every version of the students is measured on them. Ground truth comes from the
    /// images' own labels (sub-folder names, a manifest's <c>label</c> column) when every image has one, or from
    /// <paramref name="groundTruth"/>. Any number of splits, each with a unique name other than <c>train</c>.
    /// </summary>
    /// <param name="name">The split's name, as reports and the session will show it.</param>
    /// <param name="images">The split's images.</param>
    /// <param name="teacherOutputs">The teacher's outputs on these images when the teacher was given as precomputed outputs; <see langword="null"/> to run the teacher.</param>
    /// <param name="groundTruth">Image id → class name; <see langword="null"/> to use the images' own labels.</param>
    /// <returns>The new builder.</returns>
    /// <exception cref="ArgumentException">The name is empty, has control characters or leading/trailing white space.</exception>
    public DistillationBuilder WithEvaluation(string name, ImageSource images, TeacherOutputs? teacherOutputs = null, IReadOnlyDictionary<string, string>? groundTruth = null)
    {
        DataSplit.CheckName(name);
        ArgumentNullException.ThrowIfNull(images);
        return With(_settings with { Evaluation = [.. _settings.Evaluation, new EvaluationSource(name, images, teacherOutputs, groundTruth)] });
    }

    /// <summary>Configures the students fluently: <c>s =&gt; s.L1(1e-4).SoftTargets()</c>.</summary>
    /// <param name="configure">Changes the default setup.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithStudents(Func<StudentSetup, StudentSetup> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var setup = configure(new StudentSetup { Options = _settings.Students }) ?? throw new ArgumentException("The student setup function returned null.", nameof(configure));
        return WithStudents(setup.Options);
    }

    /// <summary>Configures the students with explicit options.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithStudents(StudentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return With(_settings with { Students = options });
    }

    /// <summary>Gives ground-truth class names by image id (otherwise the images' own labels are used when every image has one).</summary>
    /// <param name="labels">Image id → class name.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithGroundTruth(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return With(_settings with { GroundTruth = labels });
    }

    /// <summary>
    /// Caches segment embeddings, exemplar embeddings and teacher outputs under a folder, keyed by image content
    /// and model id, so a second run over the same images skips the encoders.
    /// </summary>
    /// <param name="directory">The cache folder (created when missing).</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return With(_settings with { CacheDirectory = Path.GetFullPath(directory) });
    }

    /// <summary>Logs stage starts, timings and dropped images.</summary>
    /// <param name="logger">The logger.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithLogger(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return With(_settings with { Logger = logger });
    }

    /// <summary>Attaches descriptions (dataset, encoder, teacher…) that travel with the session and its file.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The new builder.</returns>
    public DistillationBuilder WithMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        var metadata = new Dictionary<string, string>(_settings.Metadata, StringComparer.Ordinal) { [key] = value };
        return With(_settings with { Metadata = metadata });
    }

    /// <summary>
    /// Runs every stage: concept bank; segment encoding, concept scoring and teacher for the training images and then
    /// each evaluation split; student fit. Images that fail to decode (for the encoder or the teacher) are dropped and
    /// listed in <see cref="DistillationSession.Failures"/> (per split in <see cref="DistillationSession.FailuresBySplit"/>).
    /// </summary>
    /// <param name="progress">Receives progress per stage.</param>
    /// <param name="cancellationToken">Cancels the run between and inside stages.</param>
    /// <returns>The session: scores, teacher outputs, students, analysis and editing.</returns>
    /// <exception cref="InvalidOperationException">The builder lacks a part (concepts, encoder or teacher), or parts do not fit together.</exception>
    /// <exception cref="InFiConDException">A stage failed on its input (the message names the image, file or concept).</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public async Task<DistillationSession> RunAsync(IProgress<DistillationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var state = await new DistillationRun(_settings, progress, cancellationToken).RunAsync().ConfigureAwait(false);
        return new DistillationSession(state);
    }

    private DistillationBuilder With(Settings settings) => new(settings);

    /// <summary>Everything the builder has been told.</summary>
    internal sealed record Settings(ImageSource Images)
    {
        public ConceptSource? Concepts { get; init; }

        public IDenseImageEncoder? Encoder { get; init; }

        public ITeacher? Teacher { get; init; }

        public TeacherOutputs? TeacherOutputs { get; init; }

        public StudentOptions Students { get; init; } = StudentOptions.Default;

        public IReadOnlyDictionary<string, string>? GroundTruth { get; init; }

        public string? CacheDirectory { get; init; }

        public ILogger Logger { get; init; } = NullLogger.Instance;

        public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public IReadOnlyList<EvaluationSource> Evaluation { get; init; } = [];
    }

    /// <summary>A split's images, with the teacher outputs and ground truth given for them, if any.</summary>
    internal sealed record EvaluationSource(string Name, ImageSource Images, TeacherOutputs? TeacherOutputs, IReadOnlyDictionary<string, string>? GroundTruth);

    /// <summary>Where the concept bank comes from.</summary>
    internal abstract record ConceptSource
    {
        public sealed record FromBank(ConceptBank Bank) : ConceptSource;

        public sealed record FromText(ConceptCorpus Corpus, IReadOnlyList<PromptTemplate>? Templates, ITextEncoder? TextEncoder) : ConceptSource;

        public sealed record FromExemplars(IReadOnlyDictionary<string, ExemplarSet> Exemplars, ExemplarMethod Method, ExemplarBankOptions Options) : ConceptSource;
    }
}
