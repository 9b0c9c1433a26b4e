namespace InFiConD.Embedding;

/// <summary>
/// One image of an <see cref="ImageSource"/>: a stable id (used in reports, caches and
/// <c>ConceptScores</c>), an optional label, and where its content is. The content is, in the order the
/// decoder looks for it: <see cref="Decoded"/> pixels, <see cref="Encoded"/> bytes, the
/// <see cref="OpenStream"/> callback, or the file at <see cref="Path"/>. An item with none of them decodes
/// to a <see cref="DecodeFailureReason.Missing"/> failure.
/// </summary>
public sealed record ImageItem
{
    private readonly string _id = "";

    /// <summary>Creates an item.</summary>
    /// <param name="id">Stable, non-empty id.</param>
    /// <param name="path">The image file, when the content is on disk.</param>
    /// <param name="label">An optional label (for example the ground-truth class).</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public ImageItem(string id, string? path = null, string? label = null)
    {
        Id = id;
        Path = path;
        Label = label;
    }

    /// <summary>The stable, non-empty id.</summary>
    /// <exception cref="ArgumentException">Set to an empty string.</exception>
    public string Id
    {
        get => _id;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value, nameof(Id));
            _id = value;
        }
    }

    /// <summary>The image file, or <see langword="null"/> for in-memory content.</summary>
    public string? Path { get; init; }

    /// <summary>An optional label, for example the folder name or the manifest's <c>label</c> column.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// Known attributes of the image (<c>site</c>, <c>camera</c>, <c>has_mark</c>…): a manifest's columns other than
    /// <c>path</c>, <c>label</c> and <c>id</c>. They travel into a distillation session, so results can be grouped by
    /// them. <see langword="null"/> when the image has none.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The manifest and line that listed the image, for error messages; <see langword="null"/> for other sources.</summary>
    public ManifestLocation? ListedAt { get; init; }

    /// <summary>Encoded bytes (PNG, JPEG, …) held in memory; not copied.</summary>
    public byte[]? Encoded { get; init; }

    /// <summary>Opens the encoded content (a zip entry, a blob…); the decoder disposes the stream.</summary>
    public Func<Stream>? OpenStream { get; init; }

    /// <summary>Pixels that are already decoded; the decoder returns them as they are.</summary>
    public DecodedImage? Decoded { get; init; }

    /// <summary>An item whose content is the file at <paramref name="path"/>.</summary>
    /// <param name="id">Stable, non-empty id.</param>
    /// <param name="path">The image file.</param>
    /// <param name="label">An optional label.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> or <paramref name="path"/> is empty.</exception>
    public static ImageItem FromFile(string id, string path, string? label = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new ImageItem(id, path, label);
    }

    /// <summary>An item whose content is encoded bytes in memory.</summary>
    /// <param name="id">Stable, non-empty id.</param>
    /// <param name="encoded">The encoded image; not copied.</param>
    /// <param name="label">An optional label.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="encoded"/> is <see langword="null"/>.</exception>
    public static ImageItem FromEncoded(string id, byte[] encoded, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        return new ImageItem(id, null, label) { Encoded = encoded };
    }

    /// <summary>An item whose content is already-decoded pixels.</summary>
    /// <param name="id">Stable, non-empty id.</param>
    /// <param name="image">The pixels; not copied.</param>
    /// <param name="label">An optional label.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is <see langword="null"/>.</exception>
    public static ImageItem FromDecoded(string id, DecodedImage image, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new ImageItem(id, null, label) { Decoded = image };
    }
}
