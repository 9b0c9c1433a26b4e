namespace InFiConD.Editing.Tests.Edits;

public sealed class ConceptEditTests
{
    private static readonly EditingData Data = EditingData.Default;

    [Fact]
    public void Builder_writes_edits_in_order_for_the_chosen_class()
    {
        var edits = ConceptEditBuilder.Empty.ForClass("boat").Downtune("water", factor: 3).Uptune("sail").ForClass("car").Remove("water").Lock("road").Release("wheel").Edits;

        Assert.Equal(
            [
                new ConceptEdit(ConceptEditKind.Downtune, "boat", "water", 3),
                ConceptEdit.Uptune("boat", "sail"),
                ConceptEdit.Remove("car", "water"),
                ConceptEdit.Lock("car", "road"),
                ConceptEdit.Release("car", "wheel"),
            ],
            edits);
        Assert.Throws<InvalidOperationException>(() => ConceptEditBuilder.Empty.Uptune("water"));
    }

    [Fact]
    public async Task Intervals_and_start_points_follow_the_design_rules()
    {
        using var session = Data.NewSession();
        var boat = EditingData.ClassOf("boat");
        var w = Data.Students.StandardizedWeights(boat).ToArray();
        var (water, sail, hull, road) = (EditingData.ConceptOf("water"), EditingData.ConceptOf("sail"), EditingData.ConceptOf("hull"), EditingData.ConceptOf("road"));
        Assert.True(w[water] > 0.05f && w[road] < -0.05f, $"fixture: water {w[water]}, road {w[road]}");

        var result = await session.EditAsync(e => e.ForClass("boat").Uptune("water", 3).Downtune("road", 4).Remove("sail").Lock("hull"), EditRefit.FixedEpochs(5));

        var bounds = result.Entry.Bounds.ToDictionary(b => b.ConceptName);
        AssertBounds(bounds["water"], w[water], w[water], (float)(w[water] * 3.0), (float)(w[water] * 3.0));
        // Downtune of a negative weight: the interval runs from w⁰ up to w⁰/x.
        AssertBounds(bounds["road"], w[road], w[road], (float)(w[road] / 4.0), (float)(w[road] / 4.0));
        AssertBounds(bounds["sail"], w[sail], 0f, 0f, 0f);
        AssertBounds(bounds["hull"], w[hull], w[hull], w[hull], w[hull]);
        Assert.All(bounds.Values, b => Assert.False(b.Floored));
        Assert.Equal(4, result.Version.ActiveBounds.Count);
    }

    [Fact]
    public async Task Uptune_of_a_zero_weight_grows_from_the_floor_in_the_direction_asked_or_the_teacher_covariance()
    {
        using var session = Data.NewSession();
        var boat = EditingData.ClassOf("boat");
        var sail = EditingData.ConceptOf("sail");
        await session.EditAsync([ConceptEdit.Remove("boat", "sail")], EditRefit.FixedEpochs(5));
        Assert.Equal(0f, session.Students.StandardizedWeights(boat)[sail]);
        var epsilon = EditingData.Options.ZeroWeightFloor;

        var auto = await session.EditAsync([ConceptEdit.Uptune("boat", "sail", 2)], EditRefit.FixedEpochs(5));
        var bound = Assert.Single(auto.Entry.Bounds);
        Assert.True(bound.Floored);
        // sail raises the planted boat logit, so its covariance with the boat target is positive (recounted in double).
        Assert.True(Covariance(boat, sail) > 0);
        AssertBounds(bound, 0f, epsilon, 2 * epsilon, 2 * epsilon);
        var after = session.Students.StandardizedWeights(boat)[sail];
        Assert.InRange(after, epsilon, 2 * epsilon);

        session.Undo();
        var negative = await session.EditAsync([ConceptEdit.Uptune("boat", "sail", 3, ZeroWeightSign.Negative)], EditRefit.FixedEpochs(5));
        AssertBounds(Assert.Single(negative.Entry.Bounds), 0f, -3 * epsilon, -epsilon, -3 * epsilon);
        Assert.InRange(session.Students.StandardizedWeights(boat)[sail], -3 * epsilon, -epsilon);
    }

    [Fact]
    public async Task Downtune_of_a_zero_weight_keeps_it_at_zero()
    {
        using var session = Data.NewSession();
        var (k, j) = FirstZeroWeight();
        var result = await session.EditAsync([new ConceptEdit(ConceptEditKind.Downtune, EditingData.Classes[k], EditingData.Concepts[j])], EditRefit.FixedEpochs(5));
        AssertBounds(Assert.Single(result.Entry.Bounds), 0f, 0f, 0f, 0f);
        Assert.Equal(0f, session.Students.StandardizedWeights(k)[j]);
    }

    [Fact]
    public async Task Unknown_names_are_reported_with_the_nearest_names()
    {
        using var session = Data.NewSession();
        var classError = await Assert.ThrowsAsync<InvalidEditException>(() => session.EditAsync([ConceptEdit.Uptune("bot", "water")], EditRefit.FixedEpochs(5)));
        Assert.Equal("className", Assert.Single(classError.Problems).Field);
        Assert.Contains("'bot'", classError.Message);
        Assert.Contains("nearest: 'boat'", classError.Message);

        var conceptError = await Assert.ThrowsAsync<InvalidEditException>(() => session.EditAsync([ConceptEdit.Uptune("boat", "watr")], EditRefit.FixedEpochs(5)));
        Assert.Contains("nearest: 'water'", conceptError.Message);

        // Case and spacing are forgiven.
        var loose = await session.EditAsync([ConceptEdit.Lock(" BOAT", "Noise   A")], EditRefit.FixedEpochs(5));
        Assert.Equal("noise a", Assert.Single(loose.Entry.Bounds).ConceptName);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task Factor_must_be_finite_and_above_one(double factor)
    {
        using var session = Data.NewSession();
        var error = await Assert.ThrowsAsync<InvalidEditException>(() => session.EditAsync([ConceptEdit.Uptune("boat", "water", factor)], EditRefit.FixedEpochs(5)));
        Assert.Contains("factor", error.Message);
        Assert.Equal("factor", Assert.Single(error.Problems).Field);
        Assert.Empty(session.Log.Entries);
    }

    [Fact]
    public async Task Two_edits_on_one_weight_conflict_and_nothing_changes()
    {
        using var session = Data.NewSession();
        var before = session.Current;
        var error = await Assert.ThrowsAsync<InvalidEditException>(() => session.EditAsync(e => e.ForClass("boat").Uptune("water").Downtune("sail").Lock("Water"), EditRefit.FixedEpochs(5)));
        Assert.Contains("Edits 0", error.Message);
        Assert.Contains("and 2", error.Message);
        Assert.Same(before, session.Current);
        Assert.Empty(session.Log.Entries);
    }

    [Fact]
    public async Task Release_needs_an_interval_to_lift()
    {
        using var session = Data.NewSession();
        var error = await Assert.ThrowsAsync<InvalidEditException>(() => session.EditAsync([ConceptEdit.Release("boat", "water")], EditRefit.FixedEpochs(5)));
        Assert.Contains("nothing to release", error.Message);
        await Assert.ThrowsAsync<InvalidEditException>(() => session.EditAsync([], EditRefit.FixedEpochs(5)));
    }

    internal static (int Class, int Concept) FirstZeroWeight()
    {
        for (var k = 0; k < Data.Students.ClassCount; k++)
        {
            var w = Data.Students.StandardizedWeights(k);
            for (var j = 0; j < w.Length; j++)
            {
                if (w[j] == 0f)
                {
                    return (k, j);
                }
            }
        }
        throw new InvalidOperationException("The fixture has no zero weight.");
    }

    private static double Covariance(int k, int j)
    {
        var (n, mean, deviation) = (Data.Scores.ImageCount, Data.Students.ConceptMean[j], Data.Students.ConceptDeviation[j]);
        var targetMean = Enumerable.Range(0, n).Average(i => (double)Data.Teacher.Probabilities[i, k]);
        return Enumerable.Range(0, n).Sum(i => ((double)Data.Scores.Values[i, j] - mean) / deviation * (Data.Teacher.Probabilities[i, k] - targetMean));
    }

    private static void AssertBounds(WeightBounds bounds, float original, float lower, float upper, float start)
    {
        Assert.Equal(original, bounds.Original);
        Assert.Equal(lower, bounds.Lower);
        Assert.Equal(upper, bounds.Upper);
        Assert.Equal(start, bounds.Start);
    }
}
