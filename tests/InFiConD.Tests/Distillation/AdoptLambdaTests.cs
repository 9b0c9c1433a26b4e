using System.Text.Json;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Tests.Distillation;

/// <summary><see cref="DistillationSession.AdoptAsync"/> and <see cref="EditRequest.Lambda"/>: a λ from the path as a logged version.</summary>
public sealed class AdoptLambdaTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("infcd-adopt-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<DistillationSession> SessionAsync() => ColourWorld.HeldOutSessionAsync();

    [Fact]
    public async Task AdoptingAPoint_LogsEveryClassRefitAtItsLambda_AtThePathsOptimum()
    {
        using var session = await SessionAsync();
        var lambda = session.Current.Lambda;
        Assert.Equal(session.Editing.Options.Students.Solver.L1, lambda);
        double[] lambdas = [lambda * 100, lambda * 10];
        var path = await session.FitPathAsync(lambdas);

        var result = await session.AdoptAsync(path.Points[1], expectedVersion: session.Current.Id);

        var entry = result.Version.Entry!;
        Assert.Equal(lambda, entry.PreviousLambda);
        Assert.Equal(lambda * 10, entry.Refit.Lambda);
        Assert.Equal(lambda * 10, session.Current.Lambda);
        Assert.Empty(entry.Edits);
        Assert.Equal(session.Students.ClassNames, entry.Changes.Select(c => c.ClassName));
        // The refit from the old weights and the path's fit from λ_max minimise the same convex objective: both stop near its optimum.
        var reference = StudentEnsemble.FitPath(session.Scores, session.Teacher, lambdas, options: session.Editing.Options.Students)[^1].Fit;
        Assert.True(Math.Abs(entry.Refit.Objective - reference.Objective) <= 1e-3 * reference.Objective, $"adopted {entry.Refit.Objective}, path {reference.Objective}");
        Assert.Equal(path.Points[1].Students!.PredictLabels(session.Scores), session.Students.PredictLabels(session.Scores));
        Assert.Equal(path.Points[1].Fidelity["held-out"].Top1Agreement, result.Splits.Single(s => s.Split == "held-out").After.Top1Agreement, 2);
        Assert.StartsWith("refit at λ = ", session.HistorySummary()[^1].Edits[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LaterEdits_RefitAtTheNewLambda_ReplayAfterLoad_AndUndoRestoresTheOld()
    {
        var file = Path.Combine(_directory, "s.infcd");
        double lambda;
        string concept;
        using (var session = await SessionAsync())
        {
            lambda = session.Current.Lambda;
            await session.EditAsync(new EditRequest([]) { Lambda = lambda / 4 });
            concept = StrongestConcept(session.Students, 0);
            var edit = await session.EditAsync(e => e.ForClass(session.Students.ClassNames[0]).Remove(concept));
            Assert.Null(edit.Version.Entry!.PreviousLambda);
            Assert.Equal(lambda / 4, edit.Version.Entry.Refit.Lambda);
            Assert.Equal(lambda / 4, edit.Version.Lambda);
            await session.SaveAsync(file);
        }
        using var reopened = await DistillationSession.LoadAsync(file);
        Assert.Equal(lambda / 4, reopened.Current.Lambda);
        var replay = await reopened.Editing.ReplayAsync(reopened.Current.Id);
        Assert.Empty(replay.Mismatches);
        Assert.Equal(2, replay.Entries);

        // A λ change under an interval keeps the interval: the removed weight stays 0 at the new λ.
        var back = await reopened.EditAsync(new EditRequest([]) { Lambda = lambda });
        var j = reopened.Students.ConceptNames.ToList().IndexOf(concept);
        Assert.Equal(0f, reopened.Students.StandardizedWeights(0)[j]);
        Assert.Contains(back.Version.ActiveBounds, b => b.ClassIndex == 0 && b.ConceptIndex == j);
        Assert.Equal(lambda / 4, back.Version.Entry!.PreviousLambda);

        reopened.Undo();
        reopened.Undo();
        Assert.Equal(lambda / 4, reopened.Current.Lambda);
        reopened.Undo();
        Assert.Equal(lambda, reopened.Current.Lambda);
        Assert.Equal("v0", reopened.Current.Id);
    }

    [Fact]
    public async Task AnUnusableLambda_IsRefusedByName_AndNothingIsLogged()
    {
        using var session = await SessionAsync();
        var lambda = session.Current.Lambda;

        foreach (var bad in new[] { -1e-3, double.NaN, double.PositiveInfinity })
        {
            var problem = Assert.Single(session.Validate(new EditRequest([]) { Lambda = bad }));
            Assert.Equal(("lambda", -1), (problem.Field, problem.EditIndex));
            Assert.Contains("finite and ≥ 0", problem.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<InvalidEditException>(() => session.EditAsync(new EditRequest([]) { Lambda = bad }));
        }
        var same = Assert.Single(session.Validate(new EditRequest([]) { Lambda = lambda }));
        Assert.Contains("nothing to do", same.Message, StringComparison.Ordinal);
        Assert.Contains("No edits", Assert.Single(session.Validate(new EditRequest([]))).Message, StringComparison.Ordinal);
        var preview = await session.PreviewAsync(new EditRequest([]) { Lambda = lambda * 3 });
        Assert.Equal(session.Students.ClassCount, preview.Changes.Count);
        Assert.Empty(session.History.Entries);

        var request = JsonSerializer.Deserialize("""{"edits":[],"lambda":0.0003,"expectedVersion":"v0"}""", InFiConDJsonContext.Default.EditRequest)!;
        Assert.Equal((0.0003, "v0"), (request.Lambda, request.ExpectedVersion));
    }

    private static string StrongestConcept(StudentEnsemble students, int k)
    {
        var row = students.StandardizedWeights(k);
        var best = 0;
        for (var j = 1; j < row.Length; j++)
        {
            best = Math.Abs(row[j]) > Math.Abs(row[best]) ? j : best;
        }
        return students.ConceptNames[best];
    }
}
