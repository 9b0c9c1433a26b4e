namespace InFiConD.Embedding;

/// <summary>
/// Where <see cref="OnnxClipEncoder"/> finds its files and which tensors it reads. The defaults fit Hugging
/// Face style exports (<c>vision_model.onnx</c> + <c>text_model.onnx</c>, or one <c>model.onnx</c>, with
/// <c>vocab.json</c> and <c>merges.txt</c>) and OpenAI's CLIP preprocessing. Init-only; <see cref="Validate"/>
/// checks the rules.
/// </summary>
public sealed record OnnxClipOptions
{
    /// <summary>The defaults.</summary>
    public static OnnxClipOptions Default { get; } = new();

    /// <summary>The vision (or combined) model; relative paths are resolved against the folder given to <see cref="OnnxClipEncoder.Load"/>. <see langword="null"/> to search (see <see cref="OnnxClipEncoder.Load"/>).</summary>
    public string? VisionModelPath { get; init; }

    /// <summary>The text model, resolved as <see cref="VisionModelPath"/>; <see langword="null"/> to search, falling back to the vision file as a combined model.</summary>
    public string? TextModelPath { get; init; }

    /// <summary>The folder holding <c>vocab.json</c> and <c>merges.txt</c>; <see langword="null"/> for the model folder (or the folder above an <c>onnx/</c> folder).</summary>
    public string? TokenizerDirectory { get; init; }

    /// <summary>Context length, padding and truncation of the tokenizer.</summary>
    public ClipTokenizerOptions Tokenizer { get; init; } = ClipTokenizerOptions.Default;

    /// <summary>The vision model's image input, float [N, 3, H, W]. Default <c>pixel_values</c>.</summary>
    public string PixelValuesName { get; init; } = "pixel_values";

    /// <summary>The vision model's pooled, projected embedding, float [N, D]. Default <c>image_embeds</c>.</summary>
    public string ImageEmbedsName { get; init; } = "image_embeds";

    /// <summary>
    /// The vision model's per-patch embeddings in the joint space, float [N, P, D] with P a square number
    /// (a √P × √P grid, class token excluded). Default <c>patch_embeds</c>. When the vision model has an
    /// output of this name the encoder is dense (<see cref="OnnxClipEncoder.IsDense"/>); when it has none,
    /// <see cref="OnnxClipEncoder.EncodeSegmentsAsync"/> is refused. <see langword="null"/> turns dense mode off.
    /// </summary>
    public string? PatchEmbedsName { get; init; } = "patch_embeds";

    /// <summary>The text model's token ids, int64 [M, L]. Default <c>input_ids</c>.</summary>
    public string InputIdsName { get; init; } = "input_ids";

    /// <summary>The text model's attention mask, int64 [M, L], fed when the model has an input of this name. Default <c>attention_mask</c>.</summary>
    public string AttentionMaskName { get; init; } = "attention_mask";

    /// <summary>The text model's pooled, projected embedding, float [M, D]. Default <c>text_embeds</c>.</summary>
    public string TextEmbedsName { get; init; } = "text_embeds";

    /// <summary>
    /// In dense mode, whether each image's segments start with its global embedding (<see cref="ImageEmbedsName"/>,
    /// box = the centre crop the model saw) before its P patches. Default <see langword="false"/>, as
    /// <c>CroppedSegmentOptions.IncludeWhole</c>.
    /// </summary>
    public bool IncludeGlobal { get; init; }

    /// <summary>Images, and texts, per inference call (≥ 1). Default 16.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>How images become <c>pixel_values</c>. Default <see cref="Embedding.Preprocessing.Clip"/>.</summary>
    public Preprocessing Preprocessing { get; init; } = Preprocessing.Clip;

    /// <summary>Whether every embedding (image, patch, text) is scaled to unit L2 norm. Default <see langword="true"/>.</summary>
    public bool NormalizeEmbeddings { get; init; } = true;

    /// <summary>Decoding limits and allowed formats.</summary>
    public DecodeOptions Decode { get; init; } = DecodeOptions.Default;

    /// <summary>Threads decoding and preprocessing a batch; −1 (default) for one per processor.</summary>
    public int DecodeParallelism { get; init; } = -1;

    /// <summary>
    /// ONNX Runtime threads inside one model call (both towers); 0 (default) for ONNX Runtime's own choice, one per
    /// physical core. Fewer leaves cores to decoding, which runs while a batch is in inference.
    /// </summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Stop at the first image that fails to decode instead of reporting it and going on.</summary>
    public bool FailFast { get; init; }

    /// <summary>
    /// The least severe ONNX Runtime message written to standard error while the towers load and run (both towers).
    /// Default <see cref="OnnxLogLevel.Warning"/>, ONNX Runtime's own; <see cref="OnnxLogLevel.Fatal"/> silences the
    /// runtime (a failed run still arrives as a <see cref="Core.ModelRunException"/> carrying its message).
    /// </summary>
    public OnnxLogLevel LogLevel { get; init; } = OnnxLogLevel.Warning;

    /// <summary>Checks every setting.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentException">A tensor name is empty, or two names of one model coincide.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Tokenizer"/>, <see cref="Preprocessing"/> or <see cref="Decode"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="BatchSize"/> is below 1, <see cref="DecodeParallelism"/> is neither −1 nor ≥ 1,
    /// <see cref="IntraOpThreads"/> is negative, <see cref="LogLevel"/> is undefined, or a tokenizer or preprocessing setting is out of range.</exception>
    public OnnxClipOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Tokenizer);
        ArgumentNullException.ThrowIfNull(Preprocessing);
        ArgumentNullException.ThrowIfNull(Decode);
        Tokenizer.Validate();
        Preprocessing.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (DecodeParallelism is not -1 and < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DecodeParallelism), DecodeParallelism, "OnnxClipOptions.DecodeParallelism must be -1 or ≥ 1.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(IntraOpThreads, nameof(IntraOpThreads));
        if (!Enum.IsDefined(LogLevel))
        {
            throw new ArgumentOutOfRangeException(nameof(LogLevel), LogLevel, "OnnxClipOptions.LogLevel must be one of Verbose, Info, Warning, Error or Fatal.");
        }
        ArgumentException.ThrowIfNullOrEmpty(PixelValuesName, nameof(PixelValuesName));
        ArgumentException.ThrowIfNullOrEmpty(ImageEmbedsName, nameof(ImageEmbedsName));
        ArgumentException.ThrowIfNullOrEmpty(InputIdsName, nameof(InputIdsName));
        ArgumentException.ThrowIfNullOrEmpty(AttentionMaskName, nameof(AttentionMaskName));
        ArgumentException.ThrowIfNullOrEmpty(TextEmbedsName, nameof(TextEmbedsName));
        if (PatchEmbedsName is { Length: 0 })
        {
            throw new ArgumentException("PatchEmbedsName must be null (dense mode off) or a name.", nameof(PatchEmbedsName));
        }
        // A combined model holds every name in one graph, so they must all differ.
        string?[] names = [PixelValuesName, ImageEmbedsName, PatchEmbedsName, InputIdsName, AttentionMaskName, TextEmbedsName];
        var duplicate = names.OfType<string>().GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The tensor name '{duplicate.Key}' is given for two roles; input and output names must differ.", nameof(PixelValuesName));
        }
        return this;
    }
}
