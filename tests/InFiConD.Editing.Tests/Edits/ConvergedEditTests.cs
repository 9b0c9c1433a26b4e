using InFiConD.Students;

namespace InFiConD.Editing.Tests.Edits;

/// <summary>Converged refits (the default): intervals that hold at convergence, whatever the budget.</summary>
public sealed class ConvergedEditTests
{
    private static readonly EditingData Data = EditingData.Default;

    private static int Class(string name) => EditingData.ClassOf(name);

    private static int Concept(string name) => EditingData.ConceptOf(name);

    [Fact]
    public async Task A_converged_downtune_leaves_the_weight_at_exactly_w0_over_x_whatever_the_budget()
    {
        // boat relies on water (+9 planted): the data pulls the weight back up, so the cap is where it ends.
        var w0 = Data.Students.StandardizedWeights(Class("boat"))[Concept("water")];
        Assert.True(w0 > 0.5f, $"boat/water weight {w0}");
        using var short_ = Data.NewSession();
        using var long_ = Data.NewSession();
        var a = await short_.EditAsync(e => e.ForClass("boat").Downtune("water", 4), EditRefit.ToTolerance(1e-6, maxIterations: 1000));
        var b = await long_.EditAsync(e => e.ForClass("boat").Downtune("water", 4), EditRefit.ToTolerance(1e-6, maxIterations: 5000));

        var cap = (float)(w0 / 4);
        Assert.Equal(cap, a.Students.StandardizedWeights(Class("boat"))[Concept("water")]);
        Assert.Equal(SolverStatus.Converged, a.Entry.Refit.Status);
        var bounds = Assert.Single(a.Entry.Bounds);
        Assert.Equal((0f, cap), (bounds.Lower, bounds.Upper));
        // Two budgets, one result: the cap never stops a refit that converges first.
        Assert.Equal(EditingData.Bits(a.Students.CopyStandardizedWeights().AsSpan()), EditingData.Bits(b.Students.CopyStandardizedWeights().AsSpan()));
        Assert.Equal(BitConverter.SingleToInt32Bits(a.Students.Bias(Class("boat"))), BitConverter.SingleToInt32Bits(b.Students.Bias(Class("boat"))));
        Assert.Equal(1e-6, a.Entry.Refit.Tolerance);
        Assert.StartsWith("converged in ", a.Entry.Refit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_papers_mode_keeps_its_bracket_and_its_budget_dependence()
    {
        var w0 = Data.Students.StandardizedWeights(Class("boat"))[Concept("water")];
        using var session = Data.NewSession();
        var paper = await session.EditAsync(e => e.ForClass("boat").Downtune("water", 4), EditRefit.FixedEpochs(5));
        var bounds = Assert.Single(paper.Entry.Bounds);
        Assert.Equal(((float)(w0 / 4), w0), (bounds.Lower, bounds.Upper));
        Assert.Null(paper.Entry.Refit.Tolerance);
        Assert.Equal("5 epochs (paper)", paper.Entry.Refit.Summary);
        // After a few epochs the data has pulled the weight above the converged cap.
        Assert.True(paper.Students.StandardizedWeights(Class("boat"))[Concept("water")] > (float)(w0 / 4));
    }

    [Fact]
    public async Task A_converged_uptune_floors_the_magnitude_and_keeps_the_sign()
    {
        using var session = Data.NewSession();
        var car = Class("car");
        var w0 = Data.Students.StandardizedWeights(car)[Concept("water")];
        Assert.True(w0 < -0.05f, $"car/water weight {w0}");
        var result = await session.EditAsync(e => e.ForClass("car").Uptune("water", 3));
        var bounds = Assert.Single(result.Entry.Bounds);
        Assert.Equal((float.NegativeInfinity, (float)(w0 * 3)), (bounds.Lower, bounds.Upper));
        Assert.True(result.Students.StandardizedWeights(car)[Concept("water")] <= (float)(w0 * 3));
    }

    [Fact]
    public async Task Set_and_bound_hold_the_weight_where_the_person_put_it()
    {
        using var session = Data.NewSession();
        var result = await session.EditAsync(e => e.ForClass("house").Set("roof", 0.25).ForClass("car").Bound("wheel", -0.5, 0.1));
        Assert.Equal(0.25f, result.Students.StandardizedWeights(Class("house"))[Concept("roof")]);
        var wheel = result.Students.StandardizedWeights(Class("car"))[Concept("wheel")];
        Assert.InRange(wheel, -0.5f, 0.1f);
        // The car student wants wheel large: the bound's upper end is where it stops.
        Assert.Equal(0.1f, wheel);
        Assert.Equal(["set house/roof = 0.25", "bound car/wheel in [-0.5, 0.1]"], result.Entry.Edits.Select(e => e.Description));
    }

    [Fact]
    public async Task A_scope_over_every_class_refits_every_class_and_one_class_scope_only_that_one()
    {
        using var session = Data.NewSession();
        var everywhere = await session.EditAsync(e => e.ForAllClasses().Remove("water"));
        Assert.Equal([0, 1, 2], everywhere.Entry.Changes.Select(c => c.ClassIndex));
        Assert.All(Enumerable.Range(0, 3), k => Assert.Equal(0f, everywhere.Students.StandardizedWeights(k)[Concept("water")]));
        Assert.Equal("remove */water", Assert.Single(everywhere.Entry.Edits).Description);

        var two = await session.EditAsync(e => e.ForClasses("boat", "house").Lock("sail"));
        Assert.Equal([0, 2], two.Entry.Changes.Select(c => c.ClassIndex));
        Assert.Equal(EditingData.Bits(everywhere.Students.StandardizedWeights(Class("car"))), EditingData.Bits(two.Students.StandardizedWeights(Class("car"))));
        Assert.True((await session.ReplayAsync(two.VersionId)).Identical);
    }

    [Fact]
    public async Task A_preview_is_the_edit_without_keeping_it_with_the_same_bits()
    {
        using var session = Data.NewSession();
        var before = session.Current;
        var preview = await session.PreviewAsync(e => e.ForClass("boat").Downtune("water", 3).ForClass("car").Remove("road"));
        Assert.Same(before, session.Current);
        Assert.Empty(session.Log.Entries);
        Assert.Equal(before.Id, preview.BaseVersionId);

        var applied = await session.EditAsync(e => e.ForClass("boat").Downtune("water", 3).ForClass("car").Remove("road"));
        Assert.Equal(EditingData.Bits(applied.Students.CopyStandardizedWeights().AsSpan()), EditingData.Bits(preview.Students.CopyStandardizedWeights().AsSpan()));
        Assert.Equal(applied.Entry.Bounds, preview.Bounds);
        Assert.Equal(applied.Splits.Select(s => (s.Split, s.After)), preview.Splits.Select(s => (s.Split, s.After)));
        Assert.Equal(applied.On("train").Changed, preview.On("train").Changed);
        Assert.Equal(applied.Entry.Refit, preview.Refit);

        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.PreviewAsync(e => e.ForClass("boat").Remove("sail"), cancellationToken: cancel.Token));
    }

    [Fact]
    public void Validate_lists_every_problem_without_applying_anything()
    {
        using var session = Data.NewSession();
        var problems = session.Validate(
        [
            ConceptEdit.Uptune("boat", "water", 0.5),
            ConceptEdit.Remove("bot", "watr"),
            ConceptEdit.Lock("car", "road"),
            ConceptEdit.Remove("car", "Road"),
            ConceptEdit.Set("house", "roof", double.NaN),
            ConceptEdit.Bound("house", "grass", 1, -1),
            new ConceptEdit((ConceptEditKind)42, "boat", "sail"),
        ]);
        Assert.Equal([(0, "factor"), (1, "className"), (1, "conceptName"), (3, "conflict"), (4, "value"), (5, "bounds"), (6, "kind")],
            problems.Select(p => (p.EditIndex, p.Field)));
        Assert.Contains("nearest: 'boat'", problems[1].Message);
        Assert.Contains("nearest: 'water'", problems[2].Message);
        Assert.Empty(session.Log.Entries);
        Assert.Empty(session.Validate([ConceptEdit.Remove(ConceptEdit.AllClasses, "water")]));
    }

    [Fact]
    public async Task An_unknown_kind_is_an_error_never_a_lock()
    {
        using var session = Data.NewSession();
        var error = await Assert.ThrowsAsync<InvalidEditException>(() => session.EditAsync([new ConceptEdit((ConceptEditKind)42, "boat", "sail")]));
        Assert.Equal("kind", Assert.Single(error.Problems).Field);
        Assert.Empty(session.Log.Entries);
    }

    [Fact]
    public async Task A_converged_removal_keeps_the_student_about_as_sparse_as_a_fresh_fit_under_the_same_constraint()
    {
        using var session = Data.NewSession();
        var boat = Class("boat");
        var result = await session.EditAsync(e => e.ForClass("boat").Remove("sail"));
        var edited = result.Students.StandardizedWeights(boat).ToArray().Count(w => w != 0);

        // A fresh fit of the same class with the same constraint, from zero, to a tight tolerance.
        var z = new InFiConD.Core.FloatMatrix(Data.Scores.ImageCount, Data.Scores.ConceptCount);
        InFiConD.Core.Kernels.StandardizeColumns(Data.Scores.Values, Data.Students.ConceptMean, Data.Students.ConceptDeviation, z);
        var problem = LogisticProblem.Create(z, Data.Teacher.Probabilities).ForClasses([boat]);
        var lower = new InFiConD.Core.FloatMatrix(1, Data.Scores.ConceptCount);
        var upper = new InFiConD.Core.FloatMatrix(1, Data.Scores.ConceptCount);
        lower.AsSpan().Fill(float.NegativeInfinity);
        upper.AsSpan().Fill(float.PositiveInfinity);
        (lower[0, Concept("sail")], upper[0, Concept("sail")]) = (0f, 0f);
        var fresh = SparseLogisticSolver.Fit(problem, EditingData.Options.Students.Solver with { Tolerance = 1e-9, MaxIterations = 20000, Method = SolverMethod.Fista },
            SolverConstraints.Create(lower, upper));
        var freshCount = fresh.Weights.Row(0).ToArray().Count(w => w != 0);
        Assert.InRange(edited, freshCount - Math.Max(1, freshCount / 10), freshCount + Math.Max(1, freshCount / 10));
    }
}
