namespace InFiConD.Datasets;

/// <summary>
/// The ground truth of one ConceptWorld image: what is drawn and which concepts are present. A plain record
/// (serialises with <see cref="ConceptWorldJsonContext"/>) so a front end or a test can build and ship it.
/// </summary>
/// <param name="Id">The image's id in its <see cref="InFiConD.Embedding.ImageSource"/>, for example <c>train/000123</c>.</param>
/// <param name="ClassIndex">Index into the world's class names, or −1 for an exemplar without a class.</param>
/// <param name="ClassName">The class, or <see langword="null"/> for an exemplar.</param>
/// <param name="Background">The background concept, or <see langword="null"/> for neutral grey (exemplars).</param>
/// <param name="Colour">The colour concept of the primary parts or swatches, or <see langword="null"/> when none is drawn.</param>
/// <param name="Texture">The texture concept of the primary parts or swatches, or <see langword="null"/> when none is drawn.</param>
/// <param name="Parts">The part concepts drawn, in drawing order.</param>
/// <param name="ConceptPresence">One flag per concept of the world, in the world's concept order.</param>
public sealed record ConceptWorldScene(
    string Id,
    int ClassIndex,
    string? ClassName,
    string? Background,
    string? Colour,
    string? Texture,
    IReadOnlyList<string> Parts,
    IReadOnlyList<bool> ConceptPresence);
