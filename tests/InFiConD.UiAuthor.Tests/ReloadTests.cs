using System.Text.Json;
using Microsoft.AspNetCore.Builder;

namespace InFiConD.UiAuthor.Tests;

/// <summary>A session saved and loaded again serves the same locations, through a second app over the reloaded session.</summary>
[Collection(UiAuthorCollection.Name)]
public sealed class ReloadTests(UiAuthorFixture fixture)
{
    [Fact]
    public async Task Locate_AfterSaveAndLoad_ServesTheSameBoxes_AndNoneWhereAConceptIsAbsent()
    {
        await fixture.ResetAsync();
        var path = Path.Combine(fixture.Folder, "reload.infcd");
        await fixture.Session.SaveAsync(path);
        using var reloaded = await DistillationSession.LoadAsync(path);
        var app = await UiAuthorApp.StartAsync(reloaded);
        try
        {
            using var client = UiAuthorFixture.ClientOf(app);
            var absent = 0;
            foreach (var split in new[] { "train", "held-out" })
            {
                foreach (var id in fixture.Session.Split(split).ImageIds.Take(6))
                {
                    var route = $"/locate?id={id}&split={split}";
                    var before = await fixture.Client.GetStringAsync(route);
                    Assert.Equal(before, await client.GetStringAsync(route));
                    var located = Http.Parse(before);
                    Assert.False(located.TryGetProperty("segmentScoresUnavailable", out _));
                    foreach (var concept in located.GetProperty("concepts").EnumerateArray())
                    {
                        var present = concept.GetProperty("present").GetBoolean();
                        Assert.Equal(present, concept.TryGetProperty("box", out _));
                        absent += present ? 0 : 1;
                    }
                }
            }
            Assert.True(absent > 0, "no absent concept was checked");
            Http.AssertSameJson(JsonSerializer.Serialize(fixture.Session.Students, InFiConDJsonContext.Default.StudentEnsemble), await client.GetStringAsync("/classes"));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
