namespace InFiConD.Interactive;

/// <summary>Makes a small PNG of one image, with a concept's box outlined, for the views; <see langword="null"/> when it cannot.</summary>
/// <param name="imageId">The image's id.</param>
/// <param name="split">The split the image belongs to.</param>
/// <param name="concept">A concept to outline; <see langword="null"/> for none.</param>
/// <returns>PNG bytes, or <see langword="null"/>.</returns>
public delegate byte[]? ThumbnailSource(string imageId, string split, string? concept);
