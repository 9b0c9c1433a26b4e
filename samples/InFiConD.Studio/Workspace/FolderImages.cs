using InFiConD.Embedding;

namespace InFiConD.Studio;

/// <summary>
/// The pictures of a session built from the user's folders, decoded on demand from the split's own <see cref="ImageSource"/>
/// items with the library's decoder (so EXIF orientation and colour handling are what the encoder saw). Ids are looked up
/// among the items the folders listed when the Studio started; a request never names a file.
/// </summary>
internal sealed class FolderImages : StudioImages
{
    /// <summary>The side the page reserves for a picture before it knows the image's own size: the user's images differ.</summary>
    private const int NominalSide = 224;

    private readonly Dictionary<string, Dictionary<string, ImageItem>> _splits;

    /// <summary>Serves the images of each split, under the split's name.</summary>
    public FolderImages(IEnumerable<(string Name, ImageSource Images)> splits) =>
        _splits = splits.ToDictionary(s => s.Name, s => s.Images.ToDictionary(item => item.Id, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <inheritdoc />
    public override int ImageSize => NominalSide;

    /// <inheritdoc />
    public override bool Has(string split) => _splits.ContainsKey(split);

    /// <inheritdoc />
    protected override DecodedImage? Picture(string split, string imageId)
    {
        if (!_splits.TryGetValue(split, out var items) || !items.TryGetValue(imageId, out var item))
        {
            return null;
        }
        // The file was read when the session was built; one changed or removed since then has no picture to show.
        var outcome = ImageDecoder.Default.TryDecode(item);
        return outcome.Succeeded ? outcome.Image : null;
    }
}
