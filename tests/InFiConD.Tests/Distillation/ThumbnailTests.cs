using InFiConD.Embedding;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace InFiConD.Tests.Distillation;

/// <summary><see cref="DistillationSession.Thumbnail"/>: small pictures with the concept's box, for notebook views.</summary>
public sealed class ThumbnailTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("infcd-thumbs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<DistillationSession> SessionAsync() =>
        InFiConD.Distillation.On(ColourWorld.Images(12, seed: 61))
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(new ColourWorld.MeanColourEncoder(), Segmentation.Grid(2))
            .WithTeacher(new ColourWorld.CountingTeacher().Teacher)
            .RunAsync();

    [Fact]
    public async Task A_thumbnail_is_the_image_scaled_with_the_present_concepts_box_outlined()
    {
        using var session = await SessionAsync();
        var item = session.ImagesOf("train")!.First();
        using var plain = Image.Load<Rgb24>(session.Thumbnail(item.Id, size: 32)!);
        Assert.Equal((16, 16), (plain.Width, plain.Height)); // never enlarged: the 16 × 16 image stays 16 × 16
        var main = session.Locate(item.Id).Of(item.Label!);
        using var outlined = Image.Load<Rgb24>(session.Thumbnail(item.Id, concept: item.Label, size: 32)!);
        var box = main.Box!;
        Assert.Equal(new Rgb24(237, 137, 54), outlined[box.X, box.Y]);
        Assert.NotEqual(new Rgb24(237, 137, 54), plain[box.X, box.Y]);
        var absent = session.Locate(item.Id).Concepts.First(c => !c.Present);
        Assert.Equal(session.Thumbnail(item.Id, size: 32), session.Thumbnail(item.Id, concept: absent.Concept, size: 32));
        Assert.Null(session.Thumbnail("no-such-image"));
    }

    [Fact]
    public async Task A_reloaded_session_shows_pictures_once_given_its_images()
    {
        var images = ColourWorld.Images(12, seed: 61);
        string path = Path.Combine(_directory, "s.infcd");
        using (var session = await SessionAsync())
        {
            await session.SaveAsync(path);
        }
        using var reopened = await DistillationSession.LoadAsync(path);
        Assert.Null(reopened.ImagesOf("train"));
        Assert.Null(reopened.Thumbnail("img000"));
        reopened.UseImages("train", images);
        Assert.NotNull(reopened.Thumbnail("img000"));
    }
}
