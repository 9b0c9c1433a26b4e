using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Tests.Distillation;

namespace InFiConD.Tests.Teachers;

/// <summary>A head over an encoder's features: alone it encodes, in a distillation it reads the segments already computed.</summary>
public sealed class FeatureHeadTeacherTests
{
    private static readonly ClassifierHead Head = new(
        FloatMatrix.FromRows([[8, 0, 0, 1], [0, 8, 0, -1], [0, 0, 8, 0.5f]]), [0.1f, -0.2f, 0], ColourWorld.Classes);

    [Fact]
    public async Task Alone_it_is_the_softmax_of_the_head_over_the_encoders_features()
    {
        var encoder = new ColourWorld.MeanColourEncoder();
        var teacher = FeatureHeadTeacher.Create(encoder, Head);
        var images = ColourWorld.Images(9, seed: 3);

        var run = await teacher.PredictAsync(images);

        var features = await new ColourWorld.MeanColourEncoder().EncodeAsync(images);
        Assert.Equal(features.ImageIds, run.Outputs.ImageIds);
        for (var n = 0; n < features.Embeddings.Rows; n++)
        {
            // softmax(W·x + b), by hand in double.
            var x = features.Embeddings.Row(n).ToArray();
            var logits = Enumerable.Range(0, 3).Select(k => Enumerable.Range(0, 4).Sum(d => (double)Head.Weights[k, d] * x[d]) + Head.Bias[k]).ToArray();
            var max = logits.Max();
            var sum = logits.Sum(l => Math.Exp(l - max));
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(Math.Exp(logits[k] - max) / sum, run.Outputs.Probabilities[n, k], 1e-6);
            }
        }
        Assert.Equal(9, encoder.Calls);
    }

    [Fact]
    public async Task In_a_distillation_it_reads_the_whole_image_segments_and_gives_the_same_bits()
    {
        var encoder = new ColourWorld.MeanColourEncoder();
        var images = ColourWorld.Images(12, seed: 8);
        using var session = await InFiConD.Distillation.On(images)
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(encoder, Segmentation.Grid(2))
            .WithTeacher(FeatureHeadTeacher.Create(encoder, Head))
            .RunAsync();

        // Whole + 2 × 2 crops per image, and no pass of the teacher's own.
        Assert.Equal(12 * 5, encoder.Calls);
        var alone = await FeatureHeadTeacher.Create(new ColourWorld.MeanColourEncoder(), Head).PredictAsync(images);
        Assert.Equal(alone.Outputs.ImageIds, session.Teacher.ImageIds);
        Assert.Equal(alone.Outputs.Probabilities.AsSpan().ToArray(), session.Teacher.Probabilities.AsSpan().ToArray());
    }

    [Fact]
    public async Task Without_the_whole_image_among_the_segments_it_runs_its_own_pass()
    {
        var encoder = new ColourWorld.MeanColourEncoder();
        using var session = await InFiConD.Distillation.On(ColourWorld.Images(6, seed: 9))
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(encoder, Segmentation.Grid(2), includeWhole: false)
            .WithTeacher(FeatureHeadTeacher.Create(encoder, Head))
            .RunAsync();

        Assert.Equal((6 * 4) + 6, encoder.Calls);
        Assert.Equal(6, session.Teacher.ImageCount);
    }

    [Fact]
    public async Task With_another_encoders_segments_it_runs_its_own_pass()
    {
        var segmentsEncoder = new ColourWorld.MeanColourEncoder();
        var teacherEncoder = new OtherModel();
        using var session = await InFiConD.Distillation.On(ColourWorld.Images(6, seed: 9))
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(segmentsEncoder, Segmentation.Whole)
            .WithTeacher(FeatureHeadTeacher.Create(teacherEncoder, Head))
            .RunAsync();

        Assert.Equal(6, segmentsEncoder.Calls);
        Assert.Equal(6, teacherEncoder.Inner.Calls);
    }

    [Fact]
    public void A_head_of_another_width_is_refused_naming_the_encoder()
    {
        var narrow = new ClassifierHead(FloatMatrix.FromRows([[1, 0], [0, 1], [1, 1]]), [0, 0, 0], ColourWorld.Classes);
        var error = Assert.Throws<ShapeMismatchException>(() => FeatureHeadTeacher.Create(new ColourWorld.MeanColourEncoder(), narrow));
        Assert.Contains("mean-colour/v1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_teacher_id_follows_the_head_and_the_encoder()
    {
        var encoder = new ColourWorld.MeanColourEncoder();
        var shifted = new ClassifierHead(Head.Weights, [0.1f, -0.2f, 0.001f], ColourWorld.Classes);
        Assert.Equal(FeatureHeadTeacher.Create(encoder, Head).TeacherId, FeatureHeadTeacher.Create(new ColourWorld.MeanColourEncoder(), Head).TeacherId);
        Assert.NotEqual(FeatureHeadTeacher.Create(encoder, Head).TeacherId, FeatureHeadTeacher.Create(encoder, shifted).TeacherId);
        Assert.NotEqual(FeatureHeadTeacher.Create(encoder, Head).TeacherId, FeatureHeadTeacher.Create(new OtherModel(), Head).TeacherId);
    }

    /// <summary>The same features under another model id: a different model as far as the run can tell.</summary>
    private sealed class OtherModel : IImageEncoder
    {
        public ColourWorld.MeanColourEncoder Inner { get; } = new();

        public string ModelId => "other-model/v1";

        public int Dimension => Inner.Dimension;

        public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Inner.EncodeAsync(images, progress, cancellationToken);
    }
}
