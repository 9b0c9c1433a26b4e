using InFiConD.Concepts;
using InFiConD.Embedding;

namespace InFiConD.Datasets;

/// <summary>
/// The embedded default world: 224 × 224 scenes of one object (boat, car, house, tree, flower, fish) built
/// from parts, in a colour and texture, on a background, with ground-truth concepts and part masks. The
/// train and test splits plant a spurious cue (each class mostly on its own background: boat ↔ water); the
/// shifted split balances backgrounds across classes. Exemplar images of every concept make concept banks.
/// Everything derives from <see cref="ConceptWorldOptions.Seed"/> through a fixed generator and IEEE-only
/// arithmetic: the same options give the same bits on every machine, .NET version and thread count.
/// </summary>
/// <example>
/// <code>
/// var world = ConceptWorld.Create(new ConceptWorldOptions { ImagesPerClass = 100, Seed = 7 });
/// ImageSource train = world.Train.Source;                  // ids train/000000…, labels = class names
/// bool water = world.Train.Scenes[0].ConceptPresence[world.ConceptIndex("water")];
/// var bank = await ConceptBankBuilder.FromExemplarsAsync(world.ExemplarSets(), encoder);
/// </code>
/// </example>
public sealed class ConceptWorld
{
    private readonly int[] _models;
    private readonly ConceptTable _table;
    private readonly ulong _seed;
    private readonly ConceptWorldExemplars?[] _exemplars;

    private ConceptWorld(ConceptWorldOptions options)
    {
        Options = options;
        _models = options.ClassNames().Select(WorldCatalog.ModelIndex).ToArray();
        _table = new ConceptTable(_models);
        _seed = (ulong)(long)options.Seed;
        _exemplars = new ConceptWorldExemplars?[_table.Concepts.Count];
        Classes = _models.Select(m => WorldCatalog.Models[m])
            .Select(m => new WorldClass(m.Name, m.Parts.Select(p => p.Name).ToArray(), WorldCatalog.BackgroundNames[(int)m.Cue])).ToArray();
        ClassNames = Classes.Select(c => c.Name).ToArray();
        ConceptNames = Concepts.Select(c => c.Name).ToArray();
        Train = MakeSplit(ConceptWorldSplitKind.Train, options.ImagesPerClass);
        Test = MakeSplit(ConceptWorldSplitKind.Test, options.EffectiveTestImagesPerClass);
        Shifted = MakeSplit(ConceptWorldSplitKind.Shifted, options.EffectiveShiftedImagesPerClass);
    }

    /// <summary>The options the world was made with.</summary>
    public ConceptWorldOptions Options { get; }

    /// <summary>The classes, in label order, with their parts and cue backgrounds.</summary>
    public IReadOnlyList<WorldClass> Classes { get; }

    /// <summary>The class names, in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The concepts: the classes' parts, then colours, textures and backgrounds.</summary>
    public IReadOnlyList<WorldConcept> Concepts => _table.Concepts;

    /// <summary>The concept names, in <see cref="Concepts"/> order.</summary>
    public IReadOnlyList<string> ConceptNames { get; }

    /// <summary>The background concept names.</summary>
    public static IReadOnlyList<string> Backgrounds => WorldCatalog.BackgroundNames;

    /// <summary>The training split (cue at <see cref="ConceptWorldOptions.CueStrength"/>).</summary>
    public ConceptWorldSplit Train { get; }

    /// <summary>The test split (same distribution as <see cref="Train"/>).</summary>
    public ConceptWorldSplit Test { get; }

    /// <summary>The shifted split (backgrounds balanced across classes).</summary>
    public ConceptWorldSplit Shifted { get; }

    /// <summary>Creates the default world (<see cref="ConceptWorldOptions.Default"/>).</summary>
    /// <returns>The world; images are rendered when read.</returns>
    public static ConceptWorld Create() => Create(ConceptWorldOptions.Default);

    /// <summary>Creates a world. Cheap: only the scenes' ground truth is made now; pixels are rendered when read.</summary>
    /// <param name="options">Seed, sizes, cue strength, classes.</param>
    /// <returns>The world.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count, the strength or the size is out of range.</exception>
    /// <exception cref="ArgumentException">The classes are unknown, repeat or are fewer than two.</exception>
    public static ConceptWorld Create(ConceptWorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConceptWorld(options.Validate());
    }

    /// <summary>The split of the given kind.</summary>
    /// <param name="kind">Train, test or shifted.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is undefined.</exception>
    public ConceptWorldSplit Split(ConceptWorldSplitKind kind) => kind switch
    {
        ConceptWorldSplitKind.Train => Train,
        ConceptWorldSplitKind.Test => Test,
        ConceptWorldSplitKind.Shifted => Shifted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected Train, Test or Shifted."),
    };

    /// <summary>The index of a concept by name (ordinal), or −1.</summary>
    /// <param name="name">The concept name.</param>
    /// <returns>The index, or −1 when the world has no such concept.</returns>
    public int ConceptIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _table.IndexOf(name);
    }

    /// <summary>The concepts as a corpus (each concept's group is its kind: part, colour, texture, background).</summary>
    /// <returns>A new corpus in <see cref="Concepts"/> order.</returns>
    public ConceptCorpus ToCorpus() =>
        ConceptCorpus.FromConcepts(Concepts.Select(c => new Concept(c.Name, c.Kind.ToString().ToLowerInvariant())));

    /// <summary>The exemplars of one concept (<see cref="ConceptWorldOptions.ExemplarsPerConcept"/> positives and negatives).</summary>
    /// <param name="concept">A concept name of this world.</param>
    /// <returns>The exemplars, made once and kept.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="concept"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The world has no such concept; the message lists the concepts.</exception>
    public ConceptWorldExemplars Exemplars(string concept)
    {
        ArgumentNullException.ThrowIfNull(concept);
        var index = _table.IndexOf(concept);
        if (index < 0)
        {
            throw new ArgumentException($"ConceptWorld has no concept '{concept}'; its concepts are: {string.Join(", ", ConceptNames)}.", nameof(concept));
        }
        var made = Volatile.Read(ref _exemplars[index]);
        if (made is null)
        {
            // Deterministic, so a race only builds the same value twice.
            made = ExemplarBuilder.Build(Concepts[index], _models, _table, Options.ExemplarsPerConcept, _seed, Options.ImageSize, Options.Exemplars);
            Interlocked.CompareExchange(ref _exemplars[index], made, null);
            made = _exemplars[index]!;
        }
        return made;
    }

    /// <summary>
    /// Every concept's exemplars as Embedding's <see cref="ExemplarSet"/>s, keyed by concept name in
    /// <see cref="Concepts"/> order: the input of <c>ConceptBankBuilder.FromExemplarsAsync</c>.
    /// </summary>
    /// <param name="withNegatives">Whether each set carries its own negatives (twice the images to encode).</param>
    /// <returns>Concept name → exemplar set.</returns>
    public IReadOnlyDictionary<string, ExemplarSet> ExemplarSets(bool withNegatives = true)
    {
        var sets = new Dictionary<string, ExemplarSet>(StringComparer.Ordinal);
        foreach (var name in ConceptNames)
        {
            sets.Add(name, Exemplars(name).ToExemplarSet(withNegatives));
        }
        return sets;
    }

    private ConceptWorldSplit MakeSplit(ConceptWorldSplitKind kind, int perClass)
    {
        var (specs, scenes) = SplitBuilder.Build(_models, _table, kind, perClass, Options.CueStrength, _seed);
        return new ConceptWorldSplit(kind, specs, scenes, ClassNames, Concepts, Options.ImageSize);
    }
}
