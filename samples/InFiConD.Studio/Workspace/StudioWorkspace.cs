using System.Collections.Concurrent;
using InFiConD.Analysis;
using InFiConD.Datasets;
using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// The one <see cref="DistillationSession"/> the Studio serves, built from ConceptWorld in the background (the page shows
/// the build's progress) or opened from a saved file, plus what the views need around it: the images, an analyzer
/// prepared once, reports per version and concept examples.
/// </summary>
internal sealed class StudioWorkspace : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, MisalignmentReport> _reports = new(StringComparer.Ordinal);
    private DistillationSession? _session;
    private MisalignmentAnalyzer? _analyzer;
    private IReadOnlyList<ConceptExamples>? _examples;
    private volatile BuildProgress _build = new("Starting", 0, 0);
    private volatile string? _error;

    public StudioWorkspace(StudioOptions options)
    {
        Options = options;
        if (options.SessionFile is null)
        {
            World = WorldSessionBuilder.CreateWorld(options);
            Images = new SceneImages(World.Train);
        }
    }

    /// <summary>The options the Studio started with.</summary>
    public StudioOptions Options { get; }

    /// <summary>The world the session is built from; <see langword="null"/> for a saved session.</summary>
    public ConceptWorld? World { get; }

    /// <summary>The session's images; <see langword="null"/> for a saved session (files keep scores, not images).</summary>
    public SceneImages? Images { get; }

    /// <summary>Refits, run one at a time.</summary>
    public JobBoard Jobs { get; } = new();

    /// <summary>The session once ready.</summary>
    public DistillationSession? Session => Volatile.Read(ref _session);

    /// <summary>The build's current step.</summary>
    public BuildProgress Build => _build;

    /// <summary>Why the build failed, if it did.</summary>
    public string? Error => _error;

    /// <summary><c>world</c> or <c>file</c>.</summary>
    public string Mode => World is null ? "file" : "world";

    /// <summary>Builds or opens the session; never throws (a failure is kept in <see cref="Error"/> for the page).</summary>
    public async Task StartAsync()
    {
        try
        {
            DistillationSession session;
            if (Options.SessionFile is { } file)
            {
                _build = new BuildProgress($"Opening {Path.GetFileName(file)}", 0, 0);
                session = await DistillationSession.LoadAsync(file, _stop.Token).ConfigureAwait(false);
            }
            else
            {
                session = await WorldSessionBuilder.BuildAsync(World!, Options, new Forward<BuildProgress>(p => _build = p), _stop.Token).ConfigureAwait(false);
            }
            _build = new BuildProgress("Preparing the analysis", 0, 0);
            _analyzer = MisalignmentAnalyzer.Create(session.Scores, session.Teacher, session.GroundTruth, Analysis, _stop.Token);
            _examples = ConceptExamples.ForAll(session.Scores, new ConceptExampleOptions { Top = 12 }, _stop.Token);
            Volatile.Write(ref _session, session);
            _build = new BuildProgress("Ready", 1, 1);
        }
        catch (Exception e)
        {
            _error = e.Message;
            _build = new BuildProgress("Failed", 0, 0);
        }
    }

    /// <summary>
    /// Report options: the Studio's sessions are small, so a slice needs 3 disagreeing images (not the default 5) to be
    /// reported, as in the Quickstart.
    /// </summary>
    public static MisalignmentOptions Analysis { get; } = MisalignmentOptions.Default with { MinimumSupport = 3 };

    /// <summary>The misalignment report of one version (computed once per version).</summary>
    public MisalignmentReport Report(SessionVersion version) =>
        _reports.GetOrAdd(version.Id, _ => _analyzer!.Analyze(version.Students, version.LogitValues, _stop.Token));

    /// <summary>Every concept's top images and statistics (the scores never change, so once).</summary>
    public IReadOnlyList<ConceptExamples> Examples => _examples!;

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _session?.Dispose();
        _stop.Dispose();
    }
}
