using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// M texts tokenised for CLIP's text model: row-major <see cref="Count"/> × <see cref="ContextLength"/>
/// arrays of input ids and attention mask, the <c>input_ids</c> and <c>attention_mask</c> tensors as they are fed.
/// </summary>
/// <remarks>Equality compares the memory the arrays view, not their values.</remarks>
public sealed record ClipTokenBatch
{
    /// <summary>Creates a batch.</summary>
    /// <param name="count">Number of texts M, ≥ 0.</param>
    /// <param name="contextLength">Tokens per text L, ≥ 1.</param>
    /// <param name="inputIds">M · L token ids, row-major.</param>
    /// <param name="attentionMask">M · L mask values, row-major.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or <paramref name="contextLength"/> is below 1.</exception>
    /// <exception cref="ShapeMismatchException">An array is not M · L long.</exception>
    public ClipTokenBatch(int count, int contextLength, ReadOnlyMemory<long> inputIds, ReadOnlyMemory<long> attentionMask)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 1);
        var expected = (long)count * contextLength;
        if (inputIds.Length != expected)
        {
            throw new ShapeMismatchException(nameof(inputIds), $"{count} × {contextLength}", $"{inputIds.Length} values");
        }
        if (attentionMask.Length != expected)
        {
            throw new ShapeMismatchException(nameof(attentionMask), $"{count} × {contextLength}", $"{attentionMask.Length} values");
        }
        Count = count;
        ContextLength = contextLength;
        InputIds = inputIds;
        AttentionMask = attentionMask;
    }

    /// <summary>Number of texts M.</summary>
    public int Count { get; }

    /// <summary>Tokens per text L.</summary>
    public int ContextLength { get; }

    /// <summary>M × L token ids, row-major.</summary>
    public ReadOnlyMemory<long> InputIds { get; }

    /// <summary>M × L attention mask, row-major.</summary>
    public ReadOnlyMemory<long> AttentionMask { get; }

    /// <summary>The tokens of text <paramref name="index"/> (views into this batch, no copy).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>Its input ids and attention mask.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range.</exception>
    public ClipTokens this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return new ClipTokens(InputIds.Slice(index * ContextLength, ContextLength), AttentionMask.Slice(index * ContextLength, ContextLength));
        }
    }
}
