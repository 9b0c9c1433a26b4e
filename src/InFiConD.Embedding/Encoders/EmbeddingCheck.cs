namespace InFiConD.Embedding;

/// <summary>
/// The check every encoder runs on its raw outputs: each embedding finite and not all zeros. Public so that an encoder
/// in a package of its own (the packaged ResNet-18's, or yours) refuses bad embeddings as the built-in ones do.
/// </summary>
public static class EmbeddingCheck
{
    /// <summary>
    /// Throws for an embedding holding NaN or ±∞ (the first one named) or all zeros; the arguments after
    /// <paramref name="embedding"/> are those of <see cref="InvalidEmbeddingException"/>.
    /// </summary>
    /// <param name="embedding">The embedding.</param>
    /// <param name="model">The model's id or file, for the message.</param>
    /// <param name="inputKind"><c>image</c> or <c>text</c>.</param>
    /// <param name="input">The image id or the text.</param>
    /// <param name="segment">The segment's index within the image; <see langword="null"/> for a whole-image or text embedding.</param>
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
    /// <param name="values">The image's segment embeddings, P × <paramref name="width"/>, row-major.</param>
    /// <param name="width">D, the embedding's dimension.</param>
    /// <param name="model">The model's id or file, for the message.</param>
    /// <param name="imageId">The image's id.</param>
    /// <param name="firstSegment">The index of the first segment in <paramref name="values"/> within the image.</param>
    /// <exception cref="InvalidEmbeddingException">A segment's embedding is not usable.</exception>
    public static void RequireSegments(ReadOnlySpan<float> values, int width, string model, string imageId, int firstSegment = 0)
    {
        for (var p = 0; p < values.Length / width; p++)
        {
            Require(values.Slice(p * width, width), model, "image", imageId, firstSegment + p);
        }
    }
}
