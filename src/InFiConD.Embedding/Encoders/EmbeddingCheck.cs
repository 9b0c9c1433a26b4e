namespace InFiConD.Embedding;

/// <summary>The check every encoder runs on its raw outputs: each embedding finite and not all zeros.</summary>
internal static class EmbeddingCheck
{
    /// <summary>
    /// Throws for an embedding holding NaN or ±∞ (the first one named) or all zeros; the arguments after
    /// <paramref name="embedding"/> are those of <see cref="InvalidEmbeddingException"/>.
    /// </summary>
    /// <exception cref="InvalidEmbeddingException">The embedding is not usable.</exception>
    public static void Require(ReadOnlySpan<float> embedding, string model, string inputKind, string input, int? segment = null)
    {
        var nonZero = false;
        for (var j = 0; j < embedding.Length; j++)
        {
            var v = embedding[j];
            if (!float.IsFinite(v))
            {
                throw new InvalidEmbeddingException(model, inputKind, input, segment, embedding.Length, j, v);
            }
            nonZero |= v != 0f;
        }
        if (!nonZero && embedding.Length > 0)
        {
            throw new InvalidEmbeddingException(model, inputKind, input, segment, embedding.Length, null, 0f);
        }
    }

    /// <summary><see cref="Require"/> for each of the <c>P = values.Length / width</c> segments of one image, in order.</summary>
    /// <exception cref="InvalidEmbeddingException">A segment's embedding is not usable.</exception>
    public static void RequireSegments(ReadOnlySpan<float> values, int width, string model, string imageId, int firstSegment = 0)
    {
        for (var p = 0; p < values.Length / width; p++)
        {
            Require(values.Slice(p * width, width), model, "image", imageId, firstSegment + p);
        }
    }
}
