using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Banks;

/// <summary>A fake image encoder that returns a fixed vector per image id (ids missing from the table fail to decode).</summary>
internal sealed class LookupImageEncoder(IReadOnlyDictionary<string, float[]> vectors, int dimension) : IImageEncoder
{
    public string ModelId => "lookup";

    public int Dimension => dimension;

    public List<ImageSource> Calls { get; } = [];

    public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Calls.Add(images);
        var known = images.Where(i => vectors.ContainsKey(i.Id)).ToList();
        var failures = images.Where(i => !vectors.ContainsKey(i.Id)).Select(i => new DecodeFailure(i.Id, null, DecodeFailureReason.Corrupt, "not in the table")).ToList();
        var matrix = known.Count == 0 ? new FloatMatrix(0, dimension) : FloatMatrix.FromRows(known.Select(i => vectors[i.Id]).ToArray());
        progress?.Report(new ImageModelProgress(images.Count, images.Count, failures.Count));
        return Task.FromResult(new ImageEmbeddings(matrix, known.Select(i => i.Id).ToList(), failures));
    }

    /// <summary>A source of 1 × 1 placeholder images with the given ids (only the ids matter to this encoder).</summary>
    public static ImageSource Source(params string[] ids) => ImageSource.FromImages(ids.Select(id => (id, DecodedImage.Filled(1, 1, 0, 0, 0))));
}
