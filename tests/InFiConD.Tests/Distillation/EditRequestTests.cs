using System.Text.Json;
using InFiConD.Editing;
using InFiConD.Embedding;

namespace InFiConD.Tests.Distillation;

/// <summary>A front end's JSON body, <see cref="EditRequest"/>, bound and applied with its expected version.</summary>
public sealed class EditRequestTests
{
    private static readonly JsonSerializerOptions Web = new JsonSerializerOptions(JsonSerializerDefaults.Web).AddInFiConD();

    private static Task<DistillationSession> SessionAsync() =>
        InFiConD.Distillation.On(ColourWorld.Images(30, seed: 41))
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(new ColourWorld.MeanColourEncoder(), Segmentation.Whole)
            .WithTeacher(new ColourWorld.CountingTeacher().Teacher)
            .RunAsync();

    [Fact]
    public async Task ARequestBoundFromJson_IsApplied_OnTheVersionItNames()
    {
        using var session = await SessionAsync();
        var body = $$"""{"edits":[{"kind":"Remove","className":"red","conceptName":"grey"}],"expectedVersion":"{{session.Current.Id}}"}""";
        var request = JsonSerializer.Deserialize<EditRequest>(body, Web)!;

        Assert.Empty(session.Validate(request));
        var result = await session.EditAsync(request);
        Assert.Equal(0f, session.Students.StandardizedWeights(0)[3]);
        Assert.Equal(result.Version.Id, session.Current.Id);
    }

    [Fact]
    public async Task AStaleRequest_IsRefused_AndValidateSaysWhy()
    {
        using var session = await SessionAsync();
        var seen = session.Current.Id;
        await session.EditAsync(e => e.ForClass("green").Remove("grey"));
        var request = new EditRequest([ConceptEdit.Remove("red", "grey")]) { ExpectedVersion = seen };

        var problem = Assert.Single(session.Validate(request));
        Assert.Equal((-1, "expectedVersion"), (problem.EditIndex, problem.Field));
        Assert.Contains($"not '{seen}'", problem.Message, StringComparison.Ordinal);
        var stale = await Assert.ThrowsAsync<StaleVersionException>(() => session.EditAsync(request));
        Assert.Equal(seen, stale.ExpectedVersion);
        await Assert.ThrowsAsync<StaleVersionException>(() => session.PreviewAsync(request));
        Assert.Single(session.History.Entries);
    }

    [Theory]
    [InlineData("""{"edits":[{"className":"red","conceptName":"grey"}]}""", "kind")]
    [InlineData("""{"edits":[{"kind":"Remove","conceptName":"grey"}]}""", "className")]
    [InlineData("""{"edits":[{"kind":"Sideways","className":"red","conceptName":"grey"}]}""", "$.edits[0].kind")]
    public void ABodyWithoutAKindOrClass_IsRefusedByTheBinder_NotBoundToADefault(string body, string named)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<EditRequest>(body, Web));
        Assert.Contains(named, error.Message + error.InnerException?.Message, StringComparison.Ordinal);
    }
}
