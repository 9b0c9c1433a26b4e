using System.Text.Json;
using InFiConD.Students;

namespace InFiConD.Tests.Distillation;

/// <summary><see cref="DistillationSession.FitPathAsync"/>: students at several λ, measured on every split, one suggested.</summary>
public sealed class RegularizationPathTests
{
    private static Task<DistillationSession> SessionAsync() => ColourWorld.HeldOutSessionAsync();

    [Fact]
    public async Task EachPoint_IsMeasuredOnEverySplit_AndTheSuggestionFollowsItsRule()
    {
        using var session = await SessionAsync();
        var before = session.Current.Id;
        var path = await session.FitPathAsync(count: 8);

        Assert.Equal(8, path.Points.Count);
        Assert.True(path.Points.Zip(path.Points.Skip(1)).All(p => p.First.Lambda > p.Second.Lambda), "λ must descend");
        Assert.Equal(0, path.Points[0].NonZeroWeights); // λ_max keeps every weight at 0
        Assert.True(path.Points[^1].NonZeroWeights > 0);
        Assert.Equal("held-out", path.Split);
        foreach (var point in path.Points)
        {
            Assert.Equal(point.Students!.CopyStandardizedWeights().AsSpan().ToArray().Count(w => w != 0f), point.NonZeroWeights);
            foreach (var split in session.Splits)
            {
                var expected = Fidelity.Measure(point.Students, split.Scores, split.Teacher, split.GroundTruth);
                Assert.Equal(expected.Top1Agreement, point.Fidelity[split.Name].Top1Agreement);
                Assert.Equal(expected.GroundTruthAccuracy, point.Fidelity[split.Name].GroundTruthAccuracy);
            }
        }
        // The rule by brute force: the first (strongest λ) within 0.01 of the best held-out accuracy.
        var scores = path.Points.Select(p => p.Fidelity["held-out"].GroundTruthAccuracy!.Value).ToArray();
        Assert.Equal(Array.FindIndex(scores, s => s >= scores.Max() - 0.01), path.Suggested);
        Assert.Equal(before, session.Current.Id);
        Assert.Empty(session.History.Entries);
    }

    [Fact]
    public async Task AtTheSessionsLambda_ThePathGivesTheSessionsStudents()
    {
        using var session = await SessionAsync();
        var lambda = session.Editing.Options.Students.Solver.L1;
        var path = await session.FitPathAsync([lambda * 100, lambda * 10, lambda]);

        Assert.Equal(lambda, path.SessionLambda);
        // Warm-started or not, both stop near the optimum: objectives within 0.1 % (weights may differ where it is flat).
        var (warm, cold) = (path.Points[^1], session.Fit!);
        Assert.True(warm.Students is not null && cold.Converged);
        var warmObjective = WarmObjective(session, [lambda * 100, lambda * 10, lambda]);
        Assert.True(Math.Abs(warmObjective - cold.Objective) <= 1e-3 * cold.Objective, $"warm {warmObjective}, cold {cold.Objective}");
        Assert.Equal(session.Students.PredictLabels(session.Scores), warm.Students!.PredictLabels(session.Scores));
        var json = JsonSerializer.Serialize(path, InFiConDJsonContext.Default.RegularizationPath);
        Assert.DoesNotContain("\"students\"", json, StringComparison.Ordinal);
        Assert.Contains("\"suggested\":", json, StringComparison.Ordinal);
    }

    /// <summary>The objective the last step of a warm-started path reaches (the session's own fit started cold).</summary>
    private static double WarmObjective(DistillationSession session, double[] lambdas) =>
        StudentEnsemble.FitPath(session.Scores, session.Teacher, lambdas, options: session.Editing.Options.Students)[^1].Fit.Objective;

    [Fact]
    public async Task ABadPath_IsRefusedByName()
    {
        using var session = await SessionAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => session.FitPathAsync([0.1, 0.2]));
        Assert.Contains("descending", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => session.FitPathAsync(count: 0));
    }
}

