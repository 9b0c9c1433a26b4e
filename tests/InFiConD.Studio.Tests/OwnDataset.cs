using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Studio.Tests;

/// <summary>
/// A tiny user dataset on disk, laid out as docs/studio.md asks: <c>train/</c> and <c>shifted/</c> with one sub-folder per
/// class (6 and 3 PNGs per class, 64 × 48 px, not square), <c>concepts/</c> with one folder of 3 examples per concept and
/// <c>not-stripes/</c> for images without stripes, the teacher with its class names in the model (<c>teacher.onnx</c>) and
/// without (<c>bare.onnx</c>, named by <c>classes.txt</c>). Each class has a colour (the teacher's cue) and a pattern in
/// one quadrant: apple red and striped, leaf green and dotted, sea blue and plain. In the shifted split a third of every class is
/// painted another class's colour, so the teacher errs there.
/// </summary>
internal static class OwnDataset
{
    public const int Width = 64;
    public const int Height = 48;
    public const int TrainPerClass = 6;
    public const int ShiftedPerClass = 3;

    public static readonly string[] Classes = ["apple", "leaf", "sea"];
    public static readonly string[] Concepts = ["bluish", "dots", "greenish", "reddish", "stripes"];

    private static readonly Rgb24[] Colours = [new(200, 40, 40), new(40, 180, 50), new(40, 60, 200)];
    private static readonly Rgb24 Grey = new(128, 128, 128);

    /// <summary>Writes the dataset under <paramref name="root"/> (created).</summary>
    public static void Write(string root)
    {
        var random = new Random(7);
        for (var k = 0; k < Classes.Length; k++)
        {
            for (var i = 0; i < TrainPerClass; i++)
            {
                Save(Path.Combine(root, "train", Classes[k], $"{i}.png"), Draw(Colours[k], k, random, quadrant: true));
            }
            for (var i = 0; i < ShiftedPerClass; i++)
            {
                var colour = i == 0 ? Colours[(k + 1) % Classes.Length] : Colours[k];
                Save(Path.Combine(root, "shifted", Classes[k], $"{i}.png"), Draw(colour, k, random, quadrant: true));
            }
        }
        for (var i = 0; i < 3; i++)
        {
            Save(Path.Combine(root, "concepts", "reddish", $"{i}.png"), Draw(Colours[0], 2, random));
            Save(Path.Combine(root, "concepts", "greenish", $"{i}.png"), Draw(Colours[1], 2, random));
            Save(Path.Combine(root, "concepts", "bluish", $"{i}.png"), Draw(Colours[2], 2, random));
            Save(Path.Combine(root, "concepts", "stripes", $"{i}.png"), Draw(Grey, 0, random));
            Save(Path.Combine(root, "concepts", "dots", $"{i}.png"), Draw(Grey, 1, random));
            Save(Path.Combine(root, "concepts", "not-stripes", $"{i}.png"), Draw(Grey, 2, random));
        }
        TinyTeacher.Write(Path.Combine(root, "teacher.onnx"), Classes);
        TinyTeacher.Write(Path.Combine(root, "bare.onnx"), null);
        File.WriteAllLines(Path.Combine(root, "classes.txt"), Classes);
    }

    /// <summary>The command line of the Studio over the dataset (teacher with its class names).</summary>
    public static string[] Arguments(string root) =>
        ["--train", Path.Combine(root, "train"), "--eval", "shifted=" + Path.Combine(root, "shifted"),
         "--teacher", Path.Combine(root, "teacher.onnx"), "--concepts", Path.Combine(root, "concepts")];

    /// <summary>
    /// A picture of <paramref name="colour"/> with a little noise and the pattern (0 stripes, 1 dots, 2 none): over the
    /// whole picture, or in one quadrant of it (so a concept's best segment is a grid cell).
    /// </summary>
    private static Image<Rgb24> Draw(Rgb24 colour, int pattern, Random random, bool quadrant = false)
    {
        var image = new Image<Rgb24>(Width, Height);
        var phase = random.Next(8);
        var (qx, qy) = (random.Next(2), random.Next(2));
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var inside = !quadrant || (2 * x / Width == qx && 2 * y / Height == qy);
                var dark = inside && pattern switch
                {
                    0 => (y + phase) % 8 < 3,
                    1 => (x + phase) % 12 < 4 && (y + phase) % 12 < 4,
                    _ => false,
                };
                var noise = random.Next(-12, 13);
                image[x, y] = dark ? new Rgb24(20, 20, 20) : new Rgb24(Clamp(colour.R + noise), Clamp(colour.G + noise), Clamp(colour.B + noise));
            }
        }
        return image;
    }

    private static byte Clamp(int value) => (byte)Math.Clamp(value, 0, 255);

    private static void Save(string path, Image<Rgb24> image)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (image)
        {
            image.SaveAsPng(path);
        }
    }
}
