using InFiConD.Embedding;

namespace InFiConD.RealShortcut;

/// <summary>
/// Real images with a shortcut planted on purpose: a few Fashion-MNIST classes, a red square on (by default) every
/// training sneaker and on no other training image, and on a third of every class in the held-out "shifted" split, where
/// the mark no longer says "sneaker". Concepts are defined by exemplar images from Fashion-MNIST's test set: parts that
/// classes show ("sleeve" from pullovers, coats and shirts; "sole" from every shoe…) and "red mark" (marked images
/// against the same images unmarked). The control (<see cref="ShortcutWorldOptions.Control"/>) has the same images and
/// concepts, with no mark in any split.
/// </summary>
internal sealed class ShortcutWorld
{
    /// <summary>The name of the held-out split.</summary>
    public const string ShiftedName = "shifted";

    /// <summary>The concept that stands for the planted mark.</summary>
    public const string MarkConcept = "red mark";

    /// <summary>The part concepts, each defined by exemplars of the Fashion-MNIST classes that show it.</summary>
    public static IReadOnlyList<(string Name, int[] Labels)> PartConcepts { get; } =
    [
        ("sleeve", [2, 4, 6]),
        ("neckline", [0, 3]),
        ("legs", [1]),
        ("straps", [5]),
        ("sole", [5, 7, 9]),
        ("laces", [7]),
        ("high top", [9]),
    ];

    private ShortcutWorld(ShortcutWorldOptions options, IReadOnlyList<string> classNames, ShortcutSplit train, ShortcutSplit shifted, IReadOnlyDictionary<string, ExemplarSet> exemplars) =>
        (Options, ClassNames, Train, Shifted, Exemplars) = (options, classNames, train, shifted, exemplars);

    /// <summary>The options the world was drawn with.</summary>
    public ShortcutWorldOptions Options { get; }

    /// <summary>The classes, in the options' label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The class the mark is planted on.</summary>
    public string TargetClass => FashionMnist.ClassNames[Options.TargetLabel];

    /// <summary>The training images (the teacher's head is trained on them, the students distilled on them).</summary>
    public ShortcutSplit Train { get; }

    /// <summary>The held-out images, where the mark is on a third of every class.</summary>
    public ShortcutSplit Shifted { get; }

    /// <summary>The concepts' exemplars: the part concepts and <see cref="MarkConcept"/>.</summary>
    public IReadOnlyDictionary<string, ExemplarSet> Exemplars { get; }

    /// <summary>Draws the world from Fashion-MNIST's train (splits) and test (exemplars) sets.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">A class has too few images for the counts asked for.</exception>
    public static ShortcutWorld Create(FashionMnist train, FashionMnist test, ShortcutWorldOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        options = (options ?? ShortcutWorldOptions.Default).Validate();
        var classNames = options.ClassLabels.Select(l => FashionMnist.ClassNames[l]).ToArray();
        var random = new Random(options.Seed);
        var trainItems = new List<(ImageItem Item, int Class, bool Marked)>();
        var shiftedItems = new List<(ImageItem Item, int Class, bool Marked)>();
        for (var c = 0; c < classNames.Length; c++)
        {
            var label = options.ClassLabels[c];
            var pool = Shuffled(train.IndicesOf(label), random);
            if (pool.Length < options.TrainPerClass + options.ShiftedPerClass)
            {
                throw new ArgumentException($"Fashion-MNIST has {pool.Length} '{classNames[c]}' images; {options.TrainPerClass + options.ShiftedPerClass} were asked for.", nameof(options));
            }
            var trainFraction = label == options.TargetLabel ? options.TargetMarkedInTrain : options.OthersMarkedInTrain;
            // Exact counts (the first images of the shuffled pool) keep the plant the same size whatever the seed.
            var trainMarked = options.Planted ? (int)Math.Round(trainFraction * options.TrainPerClass) : 0;
            var shiftedMarked = options.Planted ? (int)Math.Round(options.MarkedInShifted * options.ShiftedPerClass) : 0;
            for (var i = 0; i < options.TrainPerClass; i++)
            {
                trainItems.Add((Item(train, pool[i], $"train/{Slug(classNames[c])}/{pool[i]:D5}", classNames[c], i < trainMarked, options), c, i < trainMarked));
            }
            for (var i = 0; i < options.ShiftedPerClass; i++)
            {
                var index = pool[options.TrainPerClass + i];
                shiftedItems.Add((Item(train, index, $"shifted/{Slug(classNames[c])}/{index:D5}", classNames[c], i < shiftedMarked, options), c, i < shiftedMarked));
            }
        }
        return new ShortcutWorld(options, classNames, Split("train", trainItems), Split(ShiftedName, shiftedItems), DrawExemplars(test, options, random));
    }

    /// <summary>Exemplars from the test set, each image used once: parts from their classes, the mark on two images of every class.</summary>
    private static Dictionary<string, ExemplarSet> DrawExemplars(FashionMnist test, ShortcutWorldOptions options, Random random)
    {
        var queues = Enumerable.Range(0, FashionMnist.ClassNames.Count).Select(l => new Queue<int>(Shuffled(test.IndicesOf(l), random))).ToArray();
        var exemplars = new Dictionary<string, ExemplarSet>(StringComparer.Ordinal);
        foreach (var (name, labels) in PartConcepts)
        {
            var items = Enumerable.Range(0, options.ExemplarsPerConcept).Select(i => labels[i % labels.Length]).Select(l => queues[l].Dequeue())
                .Select(index => Item(test, index, $"exemplars/{Slug(name)}/{index:D5}", null, false, options)).ToList();
            exemplars[name] = new ExemplarSet(ImageSource.FromItems(items, name));
        }
        // The mark's CAV separates marked images from the very same images unmarked, so it points at the mark alone.
        var marked = Enumerable.Range(0, options.ExemplarsPerConcept).Select(i => queues[i % queues.Length].Dequeue()).ToArray();
        exemplars[MarkConcept] = new ExemplarSet(
            ImageSource.FromItems(marked.Select(index => Item(test, index, $"exemplars/red-mark/{index:D5}", null, true, options)), "marked"),
            ImageSource.FromItems(marked.Select(index => Item(test, index, $"exemplars/plain/{index:D5}", null, false, options)), "unmarked"));
        return exemplars;
    }

    private static ShortcutSplit Split(string name, List<(ImageItem Item, int Class, bool Marked)> items) => new(
        name,
        ImageSource.FromItems(items.Select(i => i.Item with { Metadata = new Dictionary<string, string> { [ShortcutSplit.MarkedColumn] = i.Marked ? "yes" : "no" } }), $"Fashion-MNIST {name}"),
        items.ToDictionary(i => i.Item.Id, i => i.Class, StringComparer.Ordinal),
        items.Where(i => i.Marked).Select(i => i.Item.Id).ToHashSet(StringComparer.Ordinal));

    /// <summary>The grey image as RGB, with the red mark drawn on it when asked.</summary>
    private static ImageItem Item(FashionMnist set, int index, string id, string? label, bool mark, ShortcutWorldOptions options)
    {
        const int side = FashionMnist.Side;
        var grey = set.Pixels(index);
        var rgb = new byte[side * side * 3];
        for (var p = 0; p < grey.Length; p++)
        {
            rgb[3 * p] = rgb[(3 * p) + 1] = rgb[(3 * p) + 2] = grey[p];
        }
        if (mark)
        {
            for (var y = options.MarkOffset; y < options.MarkOffset + options.MarkSize; y++)
            {
                for (var x = options.MarkOffset; x < options.MarkOffset + options.MarkSize; x++)
                {
                    var p = 3 * ((y * side) + x);
                    (rgb[p], rgb[p + 1], rgb[p + 2]) = ((byte)255, (byte)0, (byte)0);
                }
            }
        }
        return ImageItem.FromDecoded(id, new DecodedImage(side, side, rgb), label);
    }

    private static int[] Shuffled(int[] indices, Random random)
    {
        var copy = indices.ToArray();
        random.Shuffle(copy);
        return copy;
    }

    private static string Slug(string name) => name.Replace(' ', '-');
}
