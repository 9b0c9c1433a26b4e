using System.Net;
using System.Net.Http.Json;
using InFiConD.Embedding;
using InFiConD.Tests.Distillation;
using Microsoft.AspNetCore.Builder;

namespace InFiConD.UiAuthor.Tests;

/// <summary>
/// One <see cref="UiAuthorApp"/> for the tests, over a colour-world session (36 training images, 12 held out, a 2 × 2
/// grid, 4 bootstrap members) built through the front door with an embedding cache, so locations carry per-segment
/// scores. A build takes well under a second.
/// </summary>
public sealed class UiAuthorFixture : IAsyncLifetime
{
    /// <summary>The fixture's own folder (the embedding cache, saved sessions).</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("infcd-ui-author-").FullName;

    public DistillationSession Session { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The session every test starts from.</summary>
    public static Task<DistillationSession> BuildAsync(string cache) =>
        Distillation.On(ColourWorld.Images(36, seed: 1))
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(new ColourWorld.MeanColourEncoder(), Segmentation.Grid(2))
            .WithTeacher(new ColourWorld.CountingTeacher().Teacher)
            .WithEvaluation("held-out", ColourWorld.Images(12, seed: 2))
            .WithStudents(s => s.Bootstrap(4))
            .WithCache(cache)
            .RunAsync();

    /// <summary>A client of a started app.</summary>
    public static HttpClient ClientOf(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.First()) };

    public async Task InitializeAsync()
    {
        Session = await BuildAsync(Path.Combine(Folder, "cache"));
        App = await UiAuthorApp.StartAsync(Session);
        Client = ClientOf(App);
    }

    /// <summary>Returns the session to the base students, so tests that edit do not depend on their order.</summary>
    public async Task ResetAsync()
    {
        using var response = await Client.PostAsJsonAsync("/checkout", new { versionId = "v0" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
        Session?.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
