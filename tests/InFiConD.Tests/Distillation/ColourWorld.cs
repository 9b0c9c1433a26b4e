using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD.Tests.Distillation;

/// <summary>
/// A world small enough to reason about by hand: images are two-colour split squares, the encoder's embedding is
/// the mean colour (plus a constant), the concepts are the three primaries and the teacher names the dominant primary.
/// </summary>
internal static class ColourWorld
{
    public static readonly string[] Classes = ["red", "green", "blue"];

    public static ImageSource Images(int count, int seed, bool withLabels = true)
    {
        var random = new Random(seed);
        var items = new List<ImageItem>();
        for (var i = 0; i < count; i++)
        {
            var main = i % 3;
            var other = (main + 1 + random.Next(2)) % 3;
            var rgb = new byte[16 * 16 * 3];
            // The main colour fills the left 10 columns, the other the right 6.
            for (var y = 0; y < 16; y++)
            {
                for (var x = 0; x < 16; x++)
                {
                    var channel = x < 10 ? main : other;
                    rgb[((y * 16) + x) * 3 + channel] = (byte)(180 + random.Next(60));
                }
            }
            items.Add(ImageItem.FromDecoded($"img{i:D3}", new DecodedImage(16, 16, rgb), withLabels ? Classes[main] : null));
        }
        return ImageSource.FromItems(items, "colour world");
    }

    /// <summary>A session on 60 training images with an 18-image held-out split: the λ path and its adoption are tested on it.</summary>
    public static Task<DistillationSession> HeldOutSessionAsync() =>
        InFiConD.Distillation.On(Images(60, seed: 51))
            .WithConcepts(Bank())
            .WithEncoder(new MeanColourEncoder(), Segmentation.Whole)
            .WithTeacher(new CountingTeacher().Teacher)
            .WithEvaluation("held-out", Images(18, seed: 52))
            .RunAsync();

    public static ConceptBank Bank() => ConceptBank.Create(["red", "green", "blue", "grey"],
        FloatMatrix.FromRows([[1, 0, 0, 0.1f], [0, 1, 0, 0.1f], [0, 0, 1, 0.1f], [0.5f, 0.5f, 0.5f, 0.5f]]), new ConceptBankOrigin(ConceptBankKind.Imported, description: "primaries"));

    public static float[] MeanColour(DecodedImage image)
    {
        var sum = new double[3];
        for (var p = 0; p < image.Width * image.Height; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                sum[c] += image.Rgb[p * 3 + c] / 255.0;
            }
        }
        return [.. sum.Select(s => (float)(s / (image.Width * image.Height)))];
    }

    /// <summary>Counts its calls so tests can tell a cached run from a fresh one.</summary>
    public sealed class CountingTeacher
    {
        public int Calls;

        public DelegateTeacher Teacher => DelegateTeacher.Create(Classes, "dominant-primary/v1", image =>
        {
            Interlocked.Increment(ref Calls);
            return [.. MeanColour(image).Select(m => 8 * m)];
        }, TeacherOutputKind.Logits);
    }

    /// <summary>Mean colour and a constant, so every embedding has a non-zero norm.</summary>
    public sealed class MeanColourEncoder : IImageEncoder
    {
        public int Calls;

        public string ModelId => "mean-colour/v1";

        public int Dimension => 4;

        public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default)
        {
            var rows = new List<float[]>();
            var ids = new List<string>();
            var decoder = new ImageDecoder(DecodeOptions.Default);
            var failures = new List<DecodeFailure>();
            foreach (var item in images)
            {
                Interlocked.Increment(ref Calls);
                var outcome = decoder.TryDecode(item);
                if (outcome.Image is { } image)
                {
                    rows.Add([.. MeanColour(image), 0.1f]);
                    ids.Add(item.Id);
                }
                else
                {
                    failures.Add(outcome.Failure!);
                }
            }
            return Task.FromResult(new ImageEmbeddings(rows.Count == 0 ? new FloatMatrix(0, 4) : FloatMatrix.FromRows(rows), ids, failures));
        }
    }
}
