using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// One text as CLIP's text model reads it: <see cref="InputIds"/> (start token, BPE ids, end token, padding)
/// and <see cref="AttentionMask"/> (1 on the real tokens, start and end included; 0 on padding), both of
/// the tokenizer's context length.
/// </summary>
/// <remarks>Equality compares the memory the sequences view, not their values; compare <c>InputIds.Span</c> with <c>SequenceEqual</c> for values.</remarks>
public sealed record ClipTokens
{
    /// <summary>Creates the tokens of one text.</summary>
    /// <param name="inputIds">The token ids.</param>
    /// <param name="attentionMask">1 for real tokens, 0 for padding; as long as <paramref name="inputIds"/>.</param>
    /// <exception cref="ShapeMismatchException">The two sequences differ in length.</exception>
    public ClipTokens(ReadOnlyMemory<long> inputIds, ReadOnlyMemory<long> attentionMask)
    {
        if (inputIds.Length != attentionMask.Length)
        {
            throw new ShapeMismatchException(nameof(attentionMask), $"{inputIds.Length} values (as input ids)", $"{attentionMask.Length} values");
        }
        InputIds = inputIds;
        AttentionMask = attentionMask;
    }

    /// <summary>The token ids, one per position.</summary>
    public ReadOnlyMemory<long> InputIds { get; }

    /// <summary>1 on real tokens, 0 on padding.</summary>
    public ReadOnlyMemory<long> AttentionMask { get; }

    /// <summary>Number of real tokens (start and end included): the count of 1s in the mask.</summary>
    public int Length
    {
        get
        {
            var count = 0;
            foreach (var m in AttentionMask.Span)
            {
                count += m != 0 ? 1 : 0;
            }
            return count;
        }
    }
}
