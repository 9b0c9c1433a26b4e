namespace InFiConD.Embedding;

/// <summary>How a <see cref="ClipTokenizer"/> lays out its sequences.</summary>
public sealed record ClipTokenizerOptions
{
    /// <summary>CLIP's context length: 77 tokens, start and end tokens included.</summary>
    public const int ClipContextLength = 77;

    /// <summary>The defaults: 77 tokens, padded with the end token, long texts truncated.</summary>
    public static ClipTokenizerOptions Default { get; } = new();

    /// <summary>Tokens per sequence, start and end tokens included (≥ 2). Default 77.</summary>
    public int ContextLength { get; init; } = ClipContextLength;

    /// <summary>
    /// The id written after the end token up to <see cref="ContextLength"/>; <see langword="null"/> (default)
    /// for the end token's id (49407), as Hugging Face's <c>CLIPTokenizer</c> does for the OpenAI checkpoints
    /// and so as the ONNX exports of them were traced. OpenAI's <c>clip.tokenize</c> and open_clip pad
    /// with 0. Either gives the same embeddings from a CLIP text model: it pools at the first end token and
    /// its causal mask keeps padding from reaching earlier positions. The attention mask is 0 on padding
    /// whatever the id.
    /// </summary>
    public int? PadTokenId { get; init; }

    /// <summary>
    /// Whether a text with more than <see cref="ContextLength"/> − 2 tokens is cut to fit, keeping the end
    /// token last (default, as <c>clip.tokenize(truncate=True)</c> and Hugging Face's truncation), or refused
    /// with an <see cref="ArgumentException"/>.
    /// </summary>
    public bool Truncate { get; init; } = true;

    /// <summary>Checks every setting.</summary>
    /// <returns>This instance, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ContextLength"/> is below 2, or <see cref="PadTokenId"/> is negative.</exception>
    public ClipTokenizerOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ContextLength, 2, nameof(ContextLength));
        if (PadTokenId is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PadTokenId), PadTokenId, "The pad token id must be ≥ 0.");
        }
        return this;
    }
}
