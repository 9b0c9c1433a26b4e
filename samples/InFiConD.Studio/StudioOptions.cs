using System.Globalization;
using System.Net;

namespace InFiConD.Studio;

/// <summary>What the Studio serves and where it listens. Every value has a command-line flag.</summary>
internal sealed record StudioOptions
{
    /// <summary>A saved <c>.infcd</c> session to open instead of building one from ConceptWorld; <see langword="null"/> to build.</summary>
    public string? SessionFile { get; init; }

    /// <summary>
    /// The user's training images, one sub-folder per class (<c>--train</c>): with <see cref="TeacherModel"/> and
    /// <see cref="ConceptsDirectory"/>, the session is built from the user's data instead of ConceptWorld; <see langword="null"/> otherwise.
    /// </summary>
    public string? TrainDirectory { get; init; }

    /// <summary>The user's held-out splits, in the order given (<c>--eval NAME=DIR</c>, repeatable).</summary>
    public IReadOnlyList<EvaluationFolder> EvaluationFolders { get; init; } = [];

    /// <summary>The user's teacher, an ONNX image classifier (<c>--teacher</c>).</summary>
    public string? TeacherModel { get; init; }

    /// <summary>The teacher's class names, one per line in output order (<c>--classes</c>); <see langword="null"/> to take them from the model.</summary>
    public string? ClassesFile { get; init; }

    /// <summary>The concepts' exemplar images, one sub-folder per concept (<c>--concepts</c>).</summary>
    public string? ConceptsDirectory { get; init; }

    /// <summary>Training images per class of the ConceptWorld run (the distillation set and the teacher's head training set).</summary>
    public int ImagesPerClass { get; init; } = 40;

    /// <summary>
    /// Images per class of each held-out split (ConceptWorld's test and shifted splits); <see langword="null"/> for as many
    /// as <see cref="ImagesPerClass"/>, 0 for none (the session then has its training images only).
    /// </summary>
    public int? EvaluationImagesPerClass { get; init; }

    /// <summary>Exemplar images per concept for the concept bank.</summary>
    public int ExemplarsPerConcept { get; init; } = 8;

    /// <summary>The world's seed.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The students' L1 penalty λ (1e-2, as the Quickstart: readable students of a few concepts per class).</summary>
    public double L1 { get; init; } = 1e-2;

    /// <summary>Bootstrap refits of the students, which give each weight an uncertainty (0 for none).</summary>
    public int Bootstrap { get; init; } = 8;

    /// <summary>Where saved sessions and the composed teacher go.</summary>
    public string OutputDirectory { get; init; } = "studio-output";

    /// <summary>The embedding and teacher cache; <see langword="null"/> for <c>cache/</c> under the output.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The address to listen on: loopback unless asked otherwise.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port; 0 picks a free one.</summary>
    public int Port { get; init; } = 5080;

    /// <summary>The held-out splits' images per class in effect (0 for no held-out splits).</summary>
    public int EffectiveEvaluationImagesPerClass => EvaluationImagesPerClass ?? ImagesPerClass;

    /// <summary>Whether the session is built from the user's folders and teacher (checked by <see cref="Parse"/>: all three flags or none).</summary>
    public bool UsesOwnData => TrainDirectory is not null;

    /// <summary>The cache folder in effect.</summary>
    public string EffectiveCacheDirectory => CacheDirectory ?? Path.Combine(OutputDirectory, "cache");

    public const string Usage = """
        Usage: dotnet run --project samples/InFiConD.Studio -- [options] [session.infcd]
          session.infcd          open a saved session (no image views: sessions keep scores, not images)

        Your own data (all three of --train, --teacher, --concepts, or none for ConceptWorld):
          --train DIR            training images, one sub-folder per class (the folder names are the labels)
          --eval NAME=DIR        a held-out split laid out like --train (repeatable)
          --teacher FILE         the teacher: an ONNX classifier of the packaged ResNet-18's input
                                 (1 × 3 × 224 × 224 raw 0-255 RGB), first output one score per class
          --classes FILE         the teacher's class names, one per line in output order
                                 (needed unless the model carries them, as a composed teacher does)
          --concepts DIR         one sub-folder of example images per concept; not-NAME holds images
                                 without concept NAME (optional)

        ConceptWorld (the default):
          --images-per-class N   ConceptWorld training images per class (default 40)
          --eval-per-class N     held-out test and shifted images per class (default: as many as
                                 --images-per-class; 0 for none). The page opens on the shifted split.
          --exemplars N          exemplar images per concept (default 8)
          --seed N               the world's seed (default 1)

        Every session:
          --l1 X                 the students' L1 penalty (default 1e-2)
          --bootstrap N          bootstrap refits for weight uncertainty (default 8, 0 for none)
          --output DIR           where sessions are saved (default studio-output)
          --cache DIR            cache folder (default <output>/cache)
          --port N               port (default 5080; 0 for a free one)
          --address IP           listen address (default 127.0.0.1; anything else exposes the session to the network)
          --help                 this text
        """;

    /// <summary>Reads command-line flags.</summary>
    /// <exception cref="ArgumentException">An unknown flag, a missing value or a value out of range, or flags of the user's data
    /// that do not go together or name a folder or file that does not exist (named in the message).</exception>
    public static StudioOptions Parse(IReadOnlyList<string> args)
    {
        var options = new StudioOptions();
        var given = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            given.Add(flag);
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Flag {flag} needs a value.");
            int Count(int min, int max) => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n : throw new ArgumentException($"Flag {flag} needs an integer in [{min}, {max}]; got '{args[i]}'.");
            options = flag switch
            {
                "--images-per-class" => options with { ImagesPerClass = Count(2, 10_000) },
                "--eval-per-class" => options with { EvaluationImagesPerClass = Count(0, 10_000) },
                "--exemplars" => options with { ExemplarsPerConcept = Count(2, 1_000) },
                "--seed" => options with { Seed = Count(0, int.MaxValue) },
                "--l1" => options with
                {
                    L1 = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var l1) && l1 >= 0 && double.IsFinite(l1)
                        ? l1 : throw new ArgumentException($"Flag --l1 needs a number ≥ 0; got '{args[i]}'."),
                },
                "--train" => options with { TrainDirectory = Value() },
                "--eval" => options with { EvaluationFolders = [.. options.EvaluationFolders, EvaluationFolder.Parse(Value())] },
                "--teacher" => options with { TeacherModel = Value() },
                "--classes" => options with { ClassesFile = Value() },
                "--concepts" => options with { ConceptsDirectory = Value() },
                "--bootstrap" => options with { Bootstrap = Count(0, 200) },
                "--output" => options with { OutputDirectory = Value() },
                "--cache" => options with { CacheDirectory = Value() },
                "--port" => options with { Port = Count(0, 65_535) },
                "--address" => options with
                {
                    Address = IPAddress.TryParse(Value(), out var address) ? address : throw new ArgumentException($"Flag --address needs an IP address; got '{args[i]}'."),
                },
                _ when flag.StartsWith("--", StringComparison.Ordinal) => throw new ArgumentException($"Unknown flag '{flag}'."),
                _ when options.SessionFile is null => options with { SessionFile = flag },
                _ => throw new ArgumentException($"Only one session file can be opened; got '{options.SessionFile}' and '{flag}'."),
            };
        }
        return OwnDataFlags.Check(options, given);
    }
}
