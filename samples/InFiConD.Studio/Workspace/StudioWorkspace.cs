using System.Collections.Concurrent;
using InFiConD.Analysis;
using InFiConD.Datasets;
using InFiConD.Editing;

namespace InFiConD.Studio;

/// <summary>
/// The one <see cref="DistillationSession"/> the Studio serves, built in the background from ConceptWorld or from the
/// user's folders and teacher (the page shows the build's progress), or opened from a saved file, plus what the views
/// need around it: the images, reports and diagnoses per version and split, and concept examples per split.
/// </summary>
internal sealed class StudioWorkspace : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(string Version, string Split), MisalignmentReport> _reports = new();
    private readonly ConcurrentDictionary<(string Version, string Split), ShortcutDiagnosis> _diagnoses = new();
    private readonly ConcurrentDictionary<string, RegularizationPath> _paths = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<ConceptExamples>>> _examples = new(StringComparer.Ordinal);
    private DistillationSession? _session;
    private volatile BuildProgress _build = new("Starting", 0, 0);
    private volatile string? _error;

    /// <summary>Prepares the session's sources; the user's folders are listed and the teacher's class names read here.</summary>
    /// <exception cref="ArgumentException">The user's data does not fit the Studio's layout (see <see cref="OwnData.Open"/>; the flag is named).</exception>
    public StudioWorkspace(StudioOptions options)
    {
        Options = options;
        if (options.UsesOwnData)
        {
            OwnData = OwnData.Open(options);
            Images = new FolderImages(OwnData.Splits);
        }
        else if (options.SessionFile is null)
        {
            World = WorldSessionBuilder.CreateWorld(options);
            Images = new SceneImages(WorldSessionBuilder.SessionSplits(World, options));
        }
    }

    /// <summary>The options the Studio started with.</summary>
    public StudioOptions Options { get; }

    /// <summary>The world the session is built from; <see langword="null"/> for a saved session or the user's data.</summary>
    public ConceptWorld? World { get; }

    /// <summary>The user's folders and teacher the session is built from; <see langword="null"/> otherwise.</summary>
    public OwnData? OwnData { get; }

    /// <summary>The session's images; <see langword="null"/> for a saved session (files keep scores, not images).</summary>
    public StudioImages? Images { get; }

    /// <summary>Refits, run one at a time.</summary>
    public JobBoard Jobs { get; } = new();

    /// <summary>The session once ready.</summary>
    public DistillationSession? Session => Volatile.Read(ref _session);

    /// <summary>The build's current step.</summary>
    public BuildProgress Build => _build;

    /// <summary>Why the build failed, if it did.</summary>
    public string? Error => _error;

    /// <summary><c>world</c> (ConceptWorld), <c>folders</c> (the user's data) or <c>file</c> (a saved session).</summary>
    public string Mode => OwnData is not null ? "folders" : World is not null ? "world" : "file";

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
            else if (OwnData is { } data)
            {
                session = await OwnDataSessionBuilder.BuildAsync(data, Options, new Forward<BuildProgress>(p => _build = p), _stop.Token).ConfigureAwait(false);
            }
            else
            {
                session = await WorldSessionBuilder.BuildAsync(World!, Options, new Forward<BuildProgress>(p => _build = p), _stop.Token).ConfigureAwait(false);
            }
            _build = new BuildProgress("Preparing the analysis", 0, 0);
            // The first report of each split prepares the library's analyzer for it; doing it now keeps the first page load fast.
            foreach (var split in session.Splits)
            {
                Report(session, split.Name);
            }
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

    /// <summary>How the Studio diagnoses: its report options (so the suspects match the report the page shows), the library's confirmation defaults.</summary>
    public static DiagnosisOptions Diagnosis { get; } = new() { Analysis = Analysis };

    /// <summary>
    /// The split the page shows first: the library's <see cref="DistillationSession.DiagnosisSplit"/>, the held-out split where
    /// the current students do worst (the training images when there is none), since that is where a shortcut shows.
    /// </summary>
    public static string DefaultSplit(DistillationSession session) => session.DiagnosisSplit;

    /// <summary>Keeps a finished diagnosis under the version and split it describes (versions are immutable, so it never goes stale).</summary>
    public void Keep(ShortcutDiagnosis diagnosis) => _diagnoses[(diagnosis.VersionId, diagnosis.Split)] = diagnosis;

    /// <summary>The diagnosis of a version on a split, or <see langword="null"/> when none was run.</summary>
    public ShortcutDiagnosis? DiagnosisOf(string version, string split) => _diagnoses.GetValueOrDefault((version, split));

    /// <summary>Keeps a λ path under the version it was fitted from (versions are immutable, so it never goes stale).</summary>
    public void Keep(string version, RegularizationPath path) => _paths[version] = path;

    /// <summary>The λ path fitted from a version, or <see langword="null"/> when none was.</summary>
    public RegularizationPath? PathOf(string version) => _paths.GetValueOrDefault(version);

    /// <summary>
    /// The misalignment report of the current version on one split, computed by the library once per version and split
    /// (versions are immutable, so a report never goes stale).
    /// </summary>
    /// <exception cref="ArgumentException">The session has no such split.</exception>
    public MisalignmentReport Report(DistillationSession session, string split)
    {
        if (_reports.TryGetValue((session.Current.Id, split), out var cached))
        {
            return cached;
        }
        var report = session.Analyze(split, Analysis, _stop.Token);
        // Keyed by the version the report names: an edit between the look-up and the analysis must not file it under the old one.
        _reports.TryAdd((report.VersionId!, split), report);
        return report;
    }

    /// <summary>Every concept's top images and statistics on one split (scores never change, so once per split).</summary>
    /// <exception cref="ArgumentException">The session has no such split.</exception>
    public IReadOnlyList<ConceptExamples> Examples(DistillationSession session, string split)
    {
        var scores = session.Split(split).Scores;
        return _examples.GetOrAdd(split, _ => new Lazy<IReadOnlyList<ConceptExamples>>(
            () => ConceptExamples.ForAll(scores, new ConceptExampleOptions { Top = 12 }, _stop.Token))).Value;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _session?.Dispose();
        _stop.Dispose();
    }
}
