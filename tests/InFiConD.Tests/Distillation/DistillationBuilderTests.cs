using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Embedding;
using InFiConD.Students;
using Microsoft.Extensions.Logging;

namespace InFiConD.Tests.Distillation;

public sealed class DistillationBuilderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("infcd-distillation-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static DistillationBuilder Configured(ImageSource images, ColourWorld.MeanColourEncoder encoder, ColourWorld.CountingTeacher teacher) =>
        InFiConD.Distillation.On(images)
            .WithConcepts(ColourWorld.Bank())
            .WithEncoder(encoder, Segmentation.Whole)
            .WithTeacher(teacher.Teacher);

    [Fact]
    public async Task Run_FitsStudentsThatFollowTheTeacher_AndTakesGroundTruthFromLabels()
    {
        var images = ColourWorld.Images(60, seed: 1);
        using var session = await Configured(images, new(), new()).RunAsync();

        Assert.Equal(ColourWorld.Classes, session.Students.ClassNames);
        Assert.Equal(["red", "green", "blue", "grey"], session.Students.ConceptNames);
        Assert.Equal(60, session.Scores.ImageCount);
        // The teacher names the dominant primary, which is image i's class i % 3 by construction.
        Assert.Equal(Enumerable.Range(0, 60).Select(i => i % 3), session.GroundTruth!);
        Assert.Equal(session.Teacher.PredictedLabels, session.GroundTruth!);
        var fidelity = session.MeasureFidelity(topK: 2);
        Assert.True(fidelity.Top1Agreement >= 0.95, $"top-1 agreement {fidelity.Top1Agreement}");
        Assert.Equal(fidelity.Top1Agreement, fidelity.GroundTruthAccuracy);
        Assert.NotNull(session.Fit);
        Assert.Empty(session.Failures);
        Assert.Equal("dominant-primary/v1", session.Metadata["teacher"]);
        Assert.Contains("mean-colour/v1", session.Metadata["encoder"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MatchesTheStagesRunByHand()
    {
        var images = ColourWorld.Images(30, seed: 2);
        using var session = await Configured(images, new(), new()).RunAsync();

        // The same pipeline, stage by stage, with the stages' own APIs.
        var encoder = CroppedSegmentEncoder.Create(new ColourWorld.MeanColourEncoder(), Segmentation.Whole);
        var segments = await EmbeddingRunner.EncodeAsync(images, encoder, new EncodeOptions());
        var scores = ConceptScorer.Score(segments, ColourWorld.Bank());
        var teacher = await new ColourWorld.CountingTeacher().Teacher.PredictAsync(images);
        var (students, _) = StudentEnsemble.Fit(scores, teacher.Outputs.AlignTo(scores.ImageIds));

        Assert.Equal(scores.Values.AsSpan().ToArray(), session.Scores.Values.AsSpan().ToArray());
        Assert.Equal(students.CopyStandardizedWeights().AsSpan().ToArray(), session.Students.CopyStandardizedWeights().AsSpan().ToArray());
        Assert.Equal(students.Biases.ToArray(), session.Students.Biases.ToArray());
    }

    [Fact]
    public async Task Run_ReportsEveryStageInOrder()
    {
        var reports = new List<DistillationProgress>();
        using var session = await Configured(ColourWorld.Images(12, seed: 3), new(), new()).RunAsync(new ListProgress(reports));

        var starts = reports.Where(r => r.Done == 0 && r.Total == 0).Select(r => r.Stage).ToList();
        Assert.Equal([DistillationStage.ConceptBank, DistillationStage.Encoding, DistillationStage.Scoring, DistillationStage.Teacher, DistillationStage.Students], starts);
        Assert.Equal(DistillationStage.Done, reports[^1].Stage);
        Assert.Contains(reports, r => r.Stage == DistillationStage.Encoding && r.Done == 12 && r.Total == 12);
        Assert.Contains(reports, r => r.Stage == DistillationStage.Teacher && r.Done == 12);
    }

    [Fact]
    public async Task SecondRunWithCache_CallsNeitherEncoderNorTeacher_AndGivesTheSameBits()
    {
        var images = ColourWorld.Images(24, seed: 4);
        var cache = Path.Combine(_directory, "cache");
        var (encoder, teacher) = (new ColourWorld.MeanColourEncoder(), new ColourWorld.CountingTeacher());
        using var first = await Configured(images, encoder, teacher).WithCache(cache).RunAsync();
        Assert.Equal(24, encoder.Calls);
        Assert.Equal(24, teacher.Calls);

        var (encoder2, teacher2) = (new ColourWorld.MeanColourEncoder(), new ColourWorld.CountingTeacher());
        using var second = await Configured(images, encoder2, teacher2).WithCache(cache).RunAsync();
        Assert.Equal(0, encoder2.Calls);
        Assert.Equal(0, teacher2.Calls);
        Assert.Equal(first.Scores.Values.AsSpan().ToArray(), second.Scores.Values.AsSpan().ToArray());
        Assert.Equal(first.Teacher.Probabilities.AsSpan().ToArray(), second.Teacher.Probabilities.AsSpan().ToArray());
        Assert.Equal(first.Students.CopyStandardizedWeights().AsSpan().ToArray(), second.Students.CopyStandardizedWeights().AsSpan().ToArray());
    }

    [Fact]
    public async Task CacheOfOneImageSet_EncodesOnlyTheNewImagesOfALargerOne()
    {
        var cache = Path.Combine(_directory, "cache");
        using (await Configured(ColourWorld.Images(12, seed: 5), new(), new()).WithCache(cache).RunAsync())
        {
        }
        var (encoder, teacher) = (new ColourWorld.MeanColourEncoder(), new ColourWorld.CountingTeacher());
        // Same seed: the first 12 images are the same pixels, so only 6 are new.
        using var session = await Configured(ColourWorld.Images(18, seed: 5), encoder, teacher).WithCache(cache).RunAsync();
        Assert.Equal(18, session.Scores.ImageCount);
        Assert.Equal(6, teacher.Calls);
        Assert.Equal(6, encoder.Calls);
    }

    [Fact]
    public async Task DamagedTeacherCache_IsAMiss_AndIsRewritten()
    {
        var images = ColourWorld.Images(9, seed: 14);
        var cache = Path.Combine(_directory, "cache");
        using (var first = await Configured(images, new(), new()).WithCache(cache).RunAsync())
        {
        }
        var matrix = Directory.GetFiles(Path.Combine(cache, "teacher"), "*.npy").Single();
        var bytes = File.ReadAllBytes(matrix);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(matrix, bytes);

        var teacher = new ColourWorld.CountingTeacher();
        using (await Configured(images, new(), teacher).WithCache(cache).RunAsync())
        {
        }
        Assert.Equal(9, teacher.Calls);
        var again = new ColourWorld.CountingTeacher();
        using (await Configured(images, new(), again).WithCache(cache).RunAsync())
        {
        }
        Assert.Equal(0, again.Calls);
    }

    [Fact]
    public async Task MissingParts_AreListedTogether()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InFiConD.Distillation.On(ColourWorld.Images(3, seed: 6)).RunAsync());
        Assert.Contains("no concepts", error.Message, StringComparison.Ordinal);
        Assert.Contains("no image encoder", error.Message, StringComparison.Ordinal);
        Assert.Contains("no teacher", error.Message, StringComparison.Ordinal);
        Assert.Contains("colour world", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BankOfAnotherDimension_IsRefusedWithBothDimensions()
    {
        var bank = ConceptBank.Create(["a"], FloatMatrix.FromRows([[1f, 0f, 0f]]), new ConceptBankOrigin(ConceptBankKind.Imported));
        var builder = Configured(ColourWorld.Images(6, seed: 7), new(), new()).WithConcepts(bank);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => builder.RunAsync());
        Assert.Contains("dimension 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("produces 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroundTruth_IsAbsentWithoutLabels_AndExplicitLabelsMustNameTeacherClasses()
    {
        var unlabelled = ColourWorld.Images(9, seed: 8, withLabels: false);
        using (var session = await Configured(unlabelled, new(), new()).RunAsync())
        {
            Assert.Null(session.GroundTruth);
            Assert.Null(session.MeasureFidelity(topK: 2).GroundTruthAccuracy);
        }

        var labels = unlabelled.ToDictionary(item => item.Id, _ => "red");
        using (var session = await Configured(unlabelled, new(), new()).WithGroundTruth(labels).RunAsync())
        {
            Assert.All(session.GroundTruth!, label => Assert.Equal(0, label));
        }

        labels["img004"] = "purple";
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Configured(unlabelled, new(), new()).WithGroundTruth(labels).RunAsync());
        Assert.Contains("'img004'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'purple'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UndecodableImage_IsDroppedAndListed()
    {
        var items = ColourWorld.Images(9, seed: 9).ToList();
        items.Add(ImageItem.FromEncoded("broken", [1, 2, 3, 4], "red"));
        using var session = await Configured(ImageSource.FromItems(items, "with a broken image"), new(), new()).RunAsync();

        Assert.Equal(9, session.Scores.ImageCount);
        Assert.DoesNotContain("broken", session.Scores.ImageIds);
        Assert.Contains(session.Failures, f => f.Id == "broken");
    }

    [Fact]
    public async Task PrecomputedTeacherOutputs_AreMatchedById()
    {
        var images = ColourWorld.Images(15, seed: 10);
        var outputs = (await new ColourWorld.CountingTeacher().Teacher.PredictAsync(images)).Outputs;
        var teacher = new ColourWorld.CountingTeacher();
        using var session = await Configured(images, new(), teacher).WithTeacher(outputs).RunAsync();
        Assert.Equal(0, teacher.Calls);
        Assert.Equal(outputs.Probabilities.AsSpan().ToArray(), session.Teacher.Probabilities.AsSpan().ToArray());
        Assert.Equal("precomputed outputs", session.Metadata["teacher"]);
    }

    [Fact]
    public async Task StudentSetup_ReachesTheSolver()
    {
        var images = ColourWorld.Images(30, seed: 11);
        // λ far above λ_max: every weight is zero.
        using var session = await Configured(images, new(), new()).WithStudents(s => s.L1(10)).RunAsync();
        Assert.All(session.Students.CopyStandardizedWeights().AsSpan().ToArray(), w => Assert.Equal(0f, w));
    }

    [Fact]
    public async Task Logger_HearsEveryStageAndDroppedImages()
    {
        var items = ColourWorld.Images(6, seed: 15).ToList();
        items.Add(ImageItem.FromEncoded("broken", [9, 9, 9], "red"));
        var logger = new ListLogger();
        using var session = await Configured(ImageSource.FromItems(items, "logged"), new(), new()).WithLogger(logger).RunAsync();

        foreach (var stage in new[] { "ConceptBank", "Encoding", "Scoring", "Teacher", "Students" })
        {
            Assert.Contains(logger.Lines, l => l.Level == LogLevel.Information && l.Message.StartsWith($"Stage {stage} (train) finished in ", StringComparison.Ordinal));
        }
        Assert.Contains(logger.Lines, l => l.Level == LogLevel.Warning && l.Message.StartsWith("train: 1 of 7 images dropped", StringComparison.Ordinal));
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add((logLevel, formatter(state, exception)));
            }
        }
    }

    [Fact]
    public void Builder_IsImmutable()
    {
        var images = ColourWorld.Images(3, seed: 12);
        var bare = InFiConD.Distillation.On(images);
        var withCache = bare.WithCache(_directory);
        Assert.NotSame(bare, withCache);
        Assert.Same(images, bare.Images);
    }

    [Fact]
    public void Stop_KeepsTheIterationCapUnlessGiven()
    {
        var capped = new StudentSetup { Options = StudentOptions.Default with { Solver = SolverOptions.Default with { MaxIterations = 123 } } };
        Assert.Equal((1e-7, 123), (capped.Stop(1e-7).Options.Solver.Tolerance, capped.Stop(1e-7).Options.Solver.MaxIterations));
        Assert.Equal(40, capped.Stop(1e-7, 40).Options.Solver.MaxIterations);
        Assert.Equal(SolverOptions.Default.MaxIterations, new StudentSetup().Stop(1e-5).Options.Solver.MaxIterations);
    }

    [Fact]
    public async Task CancelledRun_Throws()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Configured(ColourWorld.Images(6, seed: 13), new(), new()).RunAsync(cancellationToken: cancel.Token));
    }

    private sealed class ListProgress(List<DistillationProgress> target) : IProgress<DistillationProgress>
    {
        public void Report(DistillationProgress value)
        {
            lock (target)
            {
                target.Add(value);
            }
        }
    }
}
