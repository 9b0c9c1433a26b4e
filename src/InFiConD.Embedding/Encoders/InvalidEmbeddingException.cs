using InFiConD.Core;

namespace InFiConD.Embedding;

/// <summary>
/// An encoder gave an embedding no concept can be scored against: one holding NaN or ±∞, or one that is all zeros (a
/// zero vector has no direction, so no cosine similarity). Raised by the encoders themselves, before normalisation
/// could hide the fault, and names the model, the image (or text) and, for a dense encoder, the segment.
/// </summary>
public sealed class InvalidEmbeddingException : InFiConDException
{
    /// <summary>Creates the error.</summary>
    /// <param name="model">The model file (or, for an encoder without one, its model id).</param>
    /// <param name="inputKind">What was encoded: <c>image</c> or <c>text</c>.</param>
    /// <param name="input">The image id, or the text.</param>
    /// <param name="segment">The segment (patch or crop) within the image, or <see langword="null"/> for a whole image or a text.</param>
    /// <param name="dimension">The embedding's width D.</param>
    /// <param name="component">Index of the first NaN or ±∞ value, or <see langword="null"/> when the embedding is all zeros.</param>
    /// <param name="value">The value at <paramref name="component"/>; 0 for an all-zero embedding.</param>
    /// <param name="innerException">The error this one restates, if any (a wrapped encoder's, with its own ids).</param>
    public InvalidEmbeddingException(string model, string inputKind, string input, int? segment, int dimension, int? component, float value, Exception? innerException = null)
        : base(Describe(model, inputKind, input, segment, dimension, component, value), innerException)
    {
        Model = model;
        InputKind = inputKind;
        Input = input;
        Segment = segment;
        Dimension = dimension;
        Component = component;
        Value = value;
    }

    /// <summary>The model file (or, for an encoder without one, its model id).</summary>
    public string Model { get; }

    /// <summary>What was encoded: <c>image</c> or <c>text</c>.</summary>
    public string InputKind { get; }

    /// <summary>The image id, or the text.</summary>
    public string Input { get; }

    /// <summary>The segment (patch or crop) within the image; <see langword="null"/> for a whole image or a text.</summary>
    public int? Segment { get; }

    /// <summary>The embedding's width D.</summary>
    public int Dimension { get; }

    /// <summary>Index of the first NaN or ±∞ value; <see langword="null"/> when the embedding is all zeros.</summary>
    public int? Component { get; }

    /// <summary>The value at <see cref="Component"/> (NaN, +∞ or −∞); 0 for an all-zero embedding.</summary>
    public float Value { get; }

    /// <summary>Whether the embedding is all zeros (rather than holding a non-finite value).</summary>
    public bool IsAllZero => Component is null;

    private static string Describe(string model, string inputKind, string input, int? segment, int dimension, int? component, float value)
    {
        var what = $"the embedding of {inputKind} '{input}'{(segment is { } s ? $", segment {s}," : "")}";
        return component is { } at
            ? $"{model}: {what} holds {value} at index {at} of {dimension}; an encoder must give finite values."
            : $"{model}: {what} is all zeros ({dimension} values); a zero vector has no direction, so no concept can be scored against it.";
    }
}
