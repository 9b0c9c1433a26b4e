using System.Buffers.Binary;
using System.IO.Compression;

namespace InFiConD.RealShortcut;

/// <summary>
/// Fashion-MNIST as Debian's <c>dataset-fashion-mnist</c> installs it: 28 × 28 greyscale images and their labels in the
/// gzipped IDX files of the original release.
/// </summary>
internal sealed class FashionMnist
{
    /// <summary>Where Debian's package puts the files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The side of an image in pixels.</summary>
    public const int Side = 28;

    /// <summary>The ten classes, by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot"];

    private readonly byte[] _pixels;
    private readonly byte[] _labels;

    private FashionMnist(string name, byte[] pixels, byte[] labels) => (Name, _pixels, _labels) = (name, pixels, labels);

    /// <summary>"train" or "t10k".</summary>
    public string Name { get; }

    /// <summary>Images in the set.</summary>
    public int Count => _labels.Length;

    /// <summary>Whether the package's files are where <paramref name="directory"/> says.</summary>
    public static bool IsInstalled(string directory = DebianDirectory) =>
        File.Exists(Path.Combine(directory, "train-images-idx3-ubyte.gz")) && File.Exists(Path.Combine(directory, "t10k-labels-idx1-ubyte.gz"));

    /// <summary>Reads one set ("train": 60 000 images, "t10k": 10 000).</summary>
    /// <exception cref="FileNotFoundException">The files are missing (install <c>dataset-fashion-mnist</c>).</exception>
    /// <exception cref="InvalidDataException">A file is not an IDX file of the expected shape.</exception>
    public static FashionMnist Load(string name, string directory = DebianDirectory)
    {
        var images = Path.Combine(directory, $"{name}-images-idx3-ubyte.gz");
        var labels = Path.Combine(directory, $"{name}-labels-idx1-ubyte.gz");
        if (!File.Exists(images) || !File.Exists(labels))
        {
            throw new FileNotFoundException($"Fashion-MNIST '{name}' is not in {directory}: install it with 'apt-get install dataset-fashion-mnist'.", images);
        }
        var pixels = ReadIdx(images, 0x0803, 16);
        var ids = ReadIdx(labels, 0x0801, 8);
        if (pixels.Length != ids.Length * Side * Side)
        {
            throw new InvalidDataException($"{images} holds {pixels.Length} pixel bytes; {ids.Length} labels need {ids.Length * Side * Side}.");
        }
        return new FashionMnist(name, pixels, ids);
    }

    /// <summary>The label of image <paramref name="index"/>.</summary>
    public int Label(int index) => _labels[index];

    /// <summary>Image <paramref name="index"/>'s grey levels, row by row.</summary>
    public ReadOnlySpan<byte> Pixels(int index) => _pixels.AsSpan(index * Side * Side, Side * Side);

    /// <summary>The indices of the images with a given label, in file order.</summary>
    public int[] IndicesOf(int label) => [.. Enumerable.Range(0, Count).Where(i => _labels[i] == label)];

    private static byte[] ReadIdx(string path, int magic, int header)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gz.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (bytes.Length < header || BinaryPrimitives.ReadInt32BigEndian(bytes) != magic)
        {
            throw new InvalidDataException($"{path} is not an IDX file with magic 0x{magic:X8}.");
        }
        return bytes[header..];
    }
}
