using System.CommandLine;

namespace InFiConD.Cli;

/// <summary>
/// Options several commands share, created afresh for each command (an option belongs to one command's parser). The same
/// names mean the same thing everywhere, so a recipe can pass one set of world and encoder flags to every stage.
/// </summary>
internal sealed class CommonOptions
{
    public Option<string> Source { get; } = new("--source")
    {
        Description = "The images: conceptworld[:train|test|shifted] (the embedded default), a folder (one sub-folder per class) or a manifest (.csv, .jsonl).",
        DefaultValueFactory = _ => SourceResolver.WorldName,
        HelpName = "SOURCE",
    };

    public Option<int> ImagesPerClass { get; } = new("--images-per-class")
    {
        Description = "ConceptWorld: training images per class.",
        DefaultValueFactory = _ => 12,
    };

    public Option<int> EvaluationImagesPerClass { get; } = new("--eval-per-class")
    {
        Description = "ConceptWorld: test and shifted images per class.",
        DefaultValueFactory = _ => 6,
    };

    public Option<int> Exemplars { get; } = new("--exemplars")
    {
        Description = "ConceptWorld: exemplar images per concept (the concept bank).",
        DefaultValueFactory = _ => 6,
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "ConceptWorld: the world's seed.",
        DefaultValueFactory = _ => 1,
    };

    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Work on one shard: i/N (positions p with p mod N = i), or auto to read JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT (Slurm array). Default: the whole source.",
        HelpName = "i/N|auto",
    };

    public Option<int?> ShardCount { get; } = new("--shard-count")
    {
        Description = "With --shard auto: the number of shards (a Kubernetes Job's completions; Slurm gives its own). Also INFICOND_SHARD_COUNT.",
        HelpName = "N",
    };

    public Option<string> Encoder { get; } = new("--encoder")
    {
        Description = "The image encoder: resnet18 (the packaged ImageNet ResNet-18, one pass per segment), resnet18-map (one pass per image, segments pooled from its last convolutional map; the main job's default) or clip:DIR (a CLIP ONNX export).",
        DefaultValueFactory = _ => "resnet18",
    };

    public Option<string> Segmentation { get; } = new("--segmentation")
    {
        Description = "Segments per image: whole, or grid:N (N × N crops, plus the whole image unless --no-whole).",
        DefaultValueFactory = _ => "grid:2",
    };

    public Option<bool> NoWhole { get; } = new("--no-whole")
    {
        Description = "With grid:N: do not also encode the whole image.",
    };

    public Option<string> Provider { get; } = new("--provider")
    {
        Description = "Where --encoder resnet18-map runs: cpu, cuda or cuda:ID (needs the GPU build of ONNX Runtime; falls back to the CPU with a message).",
        DefaultValueFactory = _ => "cpu",
    };

    public Option<bool> RequireProvider { get; } = new("--require-provider")
    {
        Description = "Fail (exit 6) instead of falling back to the CPU when --provider cannot be used.",
    };

    /// <summary>Adds the source and ConceptWorld options.</summary>
    public void AddSource(Command command)
    {
        command.Options.Add(Source);
        AddWorld(command);
    }

    /// <summary>Adds the ConceptWorld options alone.</summary>
    public void AddWorld(Command command)
    {
        command.Options.Add(ImagesPerClass);
        command.Options.Add(EvaluationImagesPerClass);
        command.Options.Add(Exemplars);
        command.Options.Add(Seed);
    }

    /// <summary>Adds the shard options.</summary>
    public void AddShard(Command command)
    {
        command.Options.Add(Shard);
        command.Options.Add(ShardCount);
    }

    /// <summary>Adds the encoder options.</summary>
    public void AddEncoder(Command command)
    {
        command.Options.Add(Encoder);
        command.Options.Add(Segmentation);
        command.Options.Add(NoWhole);
        command.Options.Add(Provider);
        command.Options.Add(RequireProvider);
    }

    /// <summary>The ConceptWorld settings.</summary>
    /// <exception cref="CliException">A count out of range (exit 2).</exception>
    public WorldSettings World(ParseResult parse)
    {
        int Positive(Option<int> option, int min) => parse.GetValue(option) is var v && v >= min
            ? v : throw CliException.Usage($"{option.Name} must be ≥ {min}; got {v}.");
        return new WorldSettings(Positive(ImagesPerClass, 2), Positive(EvaluationImagesPerClass, 0), Positive(Exemplars, 2), Positive(Seed, 0));
    }

    /// <summary>The shard from the options and the process environment.</summary>
    public ShardSpec ShardOf(ParseResult parse) =>
        ShardSpec.Parse(parse.GetValue(Shard), parse.GetValue(ShardCount), Environment.GetEnvironmentVariable);

    /// <summary>The encoder from the options (checked, not loaded).</summary>
    public EncoderSpec EncoderOf(ParseResult parse) =>
        new EncoderSpec(parse.GetValue(Encoder)!, parse.GetValue(Segmentation)!, !parse.GetValue(NoWhole), parse.GetValue(Provider)!, parse.GetValue(RequireProvider)).Validate();
}
