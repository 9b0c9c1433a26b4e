namespace InFiConD.Analysis.Tests;

public sealed class JsonRoundTripTests
{
    /// <summary>Serialise, read back, serialise again: the two texts must be identical (every field survives).</summary>
    private static T RoundTrip<T>(T value)
    {
        var json = Json.Serialize(value);
        var back = Json.Deserialize<T>(json);
        Assert.Equal(json, Json.Serialize(back));
        return back;
    }

    [Fact]
    public void Report_WithGroundTruth_RoundTrips()
    {
        var p = AnalysisProblem.Create();
        var report = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, p.GroundTruth, new MisalignmentOptions { MinimumSupport = 1, TopSlices = 3 });

        var back = RoundTrip(report);

        Assert.Equal(report.Confusion.SelectMany(r => r), back.Confusion.SelectMany(r => r));
        Assert.Equal(report.Classes[1].TeacherOnly.GroundTruth!.TeacherWrongIds, back.Classes[1].TeacherOnly.GroundTruth!.TeacherWrongIds);
        Assert.Equal(report.TopSlices[0], back.TopSlices[0]);
        Assert.Equal(report.Options, back.Options);
        Assert.Contains("\"kind\":\"TeacherOnly\"", Json.Serialize(report), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryRecordType_RoundTrips()
    {
        var p = AnalysisProblem.Create(bestSegments: true);
        var report = MisalignmentReport.Build(p.Students, p.Scores, p.Teacher, options: new MisalignmentOptions { MinimumSupport = 1 });
        var entry = report.Classes.First(c => c.TeacherOnlyConcepts.Count > 0);
        var explanation = InstanceExplanation.For(p.Students, p.Scores, p.Teacher, 3);
        var examples = ConceptExamples.ForAll(p.Scores);

        Assert.Equal(entry.TeacherOnlyConcepts[0], RoundTrip(entry.TeacherOnlyConcepts[0]));
        RoundTrip(entry);
        Assert.Null(RoundTrip(entry.AgreePositive).GroundTruth);
        Assert.Equal(report.TopSlices[0], RoundTrip(report.TopSlices[0]));
        Assert.Equal(SubsetKind.StudentOnly, RoundTrip(SubsetKind.StudentOnly));
        Assert.Equal(new MisalignmentOptions { TopSlices = 4, HighFraction = 0.1 }, RoundTrip(new MisalignmentOptions { TopSlices = 4, HighFraction = 0.1 }));
        var split = new GroundTruthSplit(1, 2, ["a"], ["b", "c"]);
        Assert.Equal(split.TeacherWrongIds, RoundTrip(split).TeacherWrongIds);
        RoundTrip(explanation);
        RoundTrip(explanation.Student);
        Assert.Equal(explanation.Student.Contributions[0], RoundTrip(explanation.Student.Contributions[0]));
        RoundTrip(examples);
        RoundTrip(examples[0]);
        Assert.Equal(examples[0].TopImages[0], RoundTrip(examples[0].TopImages[0]));
        RoundTrip(examples[0].Statistics);
        Assert.Equal(examples[0].Statistics.Quantiles[2], RoundTrip(examples[0].Statistics.Quantiles[2]));
        RoundTrip(new ConceptExampleOptions { Top = 3, Quantiles = [0.5] });
    }
}
