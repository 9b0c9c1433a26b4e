namespace InFiConD.Embedding;

/// <summary>
/// An ordered, fixed list of images to encode. The order is deterministic (a folder lists in ordinal
/// order of relative paths, a manifest in file order), so the same source always gives the same
/// positions, which is what <see cref="Shard"/> partitions on. Ids are unique (ordinal). Derive from
/// this class to plug in another store; the built-in sources are made by the <c>From…</c> factories.
/// </summary>
public abstract class ImageSource : IReadOnlyList<ImageItem>
{
    /// <summary>Creates a source; derived classes supply the items.</summary>
    protected ImageSource() { }

    /// <summary>Number of images.</summary>
    public abstract int Count { get; }

    /// <summary>Where the images come from, for reports (for example <c>folder /data/train</c>).</summary>
    public abstract string Description { get; }

    /// <summary>The image at a position.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the source.</exception>
    public abstract ImageItem this[int index] { get; }

    /// <summary>Enumerates the images in order.</summary>
    /// <returns>The enumerator.</returns>
    public IEnumerator<ImageItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Shard <paramref name="index"/> of <paramref name="count"/>: the images at the positions i with
    /// <c>i mod count = index</c>, in order. The shards of one source are disjoint and together hold every
    /// image exactly once; interleaving (rather than contiguous blocks) keeps shards balanced when a
    /// folder is sorted by class.
    /// </summary>
    /// <param name="index">Which shard, 0 ≤ index &lt; count.</param>
    /// <param name="count">How many shards, at least 1.</param>
    /// <returns>The shard, itself a source (and shardable again).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1, or <paramref name="index"/> is negative or not below <paramref name="count"/>.</exception>
    public ImageSource Shard(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        return new ShardImageSource(this, index, count);
    }

    /// <summary>The image files under a folder and its subfolders, with the default extensions.</summary>
    /// <param name="path">The folder.</param>
    /// <returns>The source; ids are relative paths with '/' separators.</returns>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static ImageSource FromFolder(string path) => FromFolder(path, FolderSourceOptions.Default);

    /// <summary>The image files under a folder, listed once now in ordinal order of their relative paths.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="options">Extensions, recursion and labels.</param>
    /// <returns>The source; ids are relative paths with '/' separators.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or the options break a rule.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static ImageSource FromFolder(string path, FolderSourceOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new ListImageSource(FolderScanner.Scan(path, options), $"folder {Path.GetFullPath(path)}");
    }

    /// <summary>The images listed by a CSV (<c>.csv</c>) or JSON Lines (<c>.jsonl</c>, <c>.ndjson</c>) manifest.</summary>
    /// <param name="path">The manifest.</param>
    /// <returns>The source, in manifest order.</returns>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="InFiConD.Core.InvalidFileException">The manifest is malformed, a path escapes the manifest's
    /// folder, or an id repeats; names the manifest, the line and the field.</exception>
    public static ImageSource FromManifest(string path) => FromManifest(path, ManifestOptions.Default);

    /// <summary>The images listed by a manifest. Listed files need not exist yet: a missing file is reported when decoded.</summary>
    /// <param name="path">The manifest.</param>
    /// <param name="options">Format, root folder and link checks.</param>
    /// <returns>The source, in manifest order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="InFiConD.Core.InvalidFileException">The manifest is malformed, a path escapes the root,
    /// or an id repeats; names the manifest, the line and the field.</exception>
    public static ImageSource FromManifest(string path, ManifestOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        return new ListImageSource(ManifestReader.Read(path, options), $"manifest {Path.GetFullPath(path)}");
    }

    /// <summary>Encoded images held in memory.</summary>
    /// <param name="images">Ids and encoded bytes (not copied).</param>
    /// <returns>The source, in the given order.</returns>
    /// <exception cref="ArgumentNullException">The sequence or a byte array is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An id is empty or repeats; names both positions.</exception>
    public static ImageSource FromArrays(IEnumerable<(string Id, byte[] Encoded)> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return new ListImageSource(images.Select(x => ImageItem.FromEncoded(x.Id, x.Encoded)).ToArray(), "in-memory encoded images");
    }

    /// <summary>Already-decoded RGB images held in memory.</summary>
    /// <param name="images">Ids and pixels (not copied).</param>
    /// <returns>The source, in the given order.</returns>
    /// <exception cref="ArgumentNullException">The sequence or an image is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An id is empty or repeats; names both positions.</exception>
    public static ImageSource FromImages(IEnumerable<(string Id, DecodedImage Image)> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        return new ListImageSource(images.Select(x => ImageItem.FromDecoded(x.Id, x.Image)).ToArray(), "in-memory decoded images");
    }

    /// <summary>Items built by the caller (any mix of files, bytes, streams and pixels).</summary>
    /// <param name="items">The items, in order.</param>
    /// <param name="description">Where they come from, for reports.</param>
    /// <returns>The source.</returns>
    /// <exception cref="ArgumentNullException">The sequence or an item is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An id repeats; names both positions.</exception>
    public static ImageSource FromItems(IEnumerable<ImageItem> items, string description = "items")
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(description);
        return new ListImageSource(items.ToArray(), description);
    }
}
