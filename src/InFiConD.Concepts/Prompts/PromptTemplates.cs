namespace InFiConD.Concepts;

/// <summary>Ready-made prompt template sets.</summary>
public static class PromptTemplates
{
    /// <summary>The single template <c>"a photo of a {concept}"</c>.</summary>
    public static PromptTemplate PhotoOf { get; } = new("a photo of a {concept}");

    /// <summary>Just the concept name, <c>"{concept}"</c> (as Label-free CBM encodes concepts).</summary>
    public static PromptTemplate Bare { get; } = new(PromptTemplate.Placeholder);

    /// <summary>
    /// <see cref="PhotoOf"/> followed by a handful of templates from CLIP's ImageNet prompt ensemble
    /// (Radford et al., 2021); a text encoder averages their embeddings into one concept vector.
    /// </summary>
    public static IReadOnlyList<PromptTemplate> Default { get; } = Array.AsReadOnly(new[]
    {
        PhotoOf,
        new PromptTemplate("a photo of the {concept}"),
        new PromptTemplate("a close-up photo of a {concept}"),
        new PromptTemplate("a cropped photo of a {concept}"),
        new PromptTemplate("a bright photo of a {concept}"),
        new PromptTemplate("a photo of a small {concept}"),
        new PromptTemplate("a photo of a large {concept}"),
    });
}
