using System.Globalization;
using System.Text;
using System.Text.Json;
using InFiConD.Core;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Datasets;

/// <summary>
/// Writes a split to disk: one PNG per image (<c>&lt;folder&gt;/&lt;split&gt;/000123.png</c>), a CSV manifest that
/// <see cref="InFiConD.Embedding.ImageSource.FromManifest(string)"/> reads (<c>&lt;folder&gt;/&lt;split&gt;.csv</c>:
/// id, path, label, background, colour, texture) and the ground truth as JSON (<c>&lt;split&gt;.scenes.json</c>).
/// Every file is written atomically; the manifest last, so a manifest on disk always lists complete images.
/// </summary>
public static class ConceptWorldExport
{
    private static readonly PngEncoder Encoder = new() { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit8 };

    /// <summary>Writes the split's images, manifest and ground truth under <paramref name="folder"/>.</summary>
    /// <param name="split">The split.</param>
    /// <param name="folder">The output folder (created when missing).</param>
    /// <param name="progress">Receives the number of images written so far (in no fixed order, as images are written in parallel).</param>
    /// <param name="cancellationToken">Cancels between images; the manifest is then not written.</param>
    /// <returns>The manifest's full path.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="split"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is empty.</exception>
    /// <exception cref="IOException">A file could not be written.</exception>
    /// <exception cref="OperationCanceledException">The export was cancelled.</exception>
    public static string Write(ConceptWorldSplit split, string folder, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(Path.Combine(root, split.Name));
        var written = 0;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, split.Count, parallel, i =>
        {
            var image = split.RenderImage(i);
            using var png = Image.LoadPixelData<Rgb24>(image.Rgb, image.Width, image.Height);
            AtomicFile.Write(Path.Combine(root, ImagePath(split, i)), stream => png.SaveAsPng(stream, Encoder));
            progress?.Report(Interlocked.Increment(ref written));
        });
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.WriteAllText(Path.Combine(root, $"{split.Name}.scenes.json"),
            JsonSerializer.Serialize(split.Scenes, ConceptWorldJsonContext.Default.IReadOnlyListConceptWorldScene));
        var manifest = Path.Combine(root, $"{split.Name}.csv");
        AtomicFile.WriteAllText(manifest, Manifest(split));
        return manifest;
    }

    /// <summary>The relative path of image <paramref name="index"/>, with '/' separators.</summary>
    private static string ImagePath(ConceptWorldSplit split, int index) =>
        $"{split.Name}/{index.ToString("D6", CultureInfo.InvariantCulture)}.png";

    private static string Manifest(ConceptWorldSplit split)
    {
        var text = new StringBuilder("id,path,label,background,colour,texture\n");
        for (var i = 0; i < split.Count; i++)
        {
            var scene = split.Scenes[i];
            text.Append(Field(scene.Id)).Append(',').Append(Field(ImagePath(split, i))).Append(',').Append(Field(scene.ClassName))
                .Append(',').Append(Field(scene.Background)).Append(',').Append(Field(scene.Colour)).Append(',').Append(Field(scene.Texture)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>RFC 4180 quoting when a value needs it.</summary>
    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
