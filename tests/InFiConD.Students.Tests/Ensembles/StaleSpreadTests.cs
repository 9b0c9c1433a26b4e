using InFiConD.Core;

namespace InFiConD.Students.Tests;

/// <summary>After an edit replaces a class's weights, its bootstrap spread is marked stale: never shown as if it described them.</summary>
public sealed class StaleSpreadTests
{
    private static StudentEnsemble WithSpread()
    {
        var weights = FloatMatrix.FromRows([[1f, 0f], [0f, 2f], [0.5f, 0.5f]]);
        var spread = new WeightSpread(3, FloatMatrix.FromRows([[0.9f, 0f], [0f, 2.1f], [0.4f, 0.6f]]), FloatMatrix.FromRows([[0.2f, 0f], [0f, 0.3f], [0.1f, 0.1f]]),
            FloatMatrix.FromRows([[1f, 0f], [0f, 1f], [1f, 1f]]));
        return StudentEnsemble.Create(["boat", "car", "house"], ["water", "road"], [0f, 0f], [1f, 1f], weights, [0f, 0f, 0f], spread);
    }

    [Fact]
    public void Replacing_classes_marks_their_spread_stale_and_the_table_drops_it()
    {
        var fitted = WithSpread();
        Assert.Empty(fitted.Spread!.StaleClasses);

        var edited = fitted.WithClasses([0], FloatMatrix.FromRows([[0f, 0f]]), [0.1f]).WithClasses([2, 0], FloatMatrix.FromRows([[1f, 1f], [0f, 0f]]), [0f, 0.1f]);
        Assert.Equal([0, 2], edited.Spread!.StaleClasses);
        Assert.True(edited.Spread.IsStale(0));
        Assert.False(edited.Spread.IsStale(1));
        Assert.Empty(fitted.Spread.StaleClasses); // the original is unchanged

        var json = StudentTable.ToJson(edited, includeZeros: true);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var classes = document.RootElement.GetProperty("classes").EnumerateArray().ToList();
        Assert.True(classes[0].GetProperty("spreadStale").GetBoolean());
        Assert.All(classes[0].GetProperty("weights").EnumerateArray(), w => Assert.False(w.TryGetProperty("bootstrapDeviation", out _)));
        Assert.False(classes[1].TryGetProperty("spreadStale", out _));
        Assert.Equal(0.3f, classes[1].GetProperty("weights")[0].GetProperty("bootstrapDeviation").GetSingle());

        // The flag survives the table and JSON round trips.
        Assert.Equal([0, 2], StudentTable.FromJson(json).Spread!.StaleClasses);
        var again = System.Text.Json.JsonSerializer.Deserialize<StudentEnsemble>(System.Text.Json.JsonSerializer.Serialize(edited))!;
        Assert.Equal([0, 2], again.Spread!.StaleClasses);
    }

    [Fact]
    public void A_stale_class_outside_the_ensemble_is_refused()
    {
        var fitted = WithSpread();
        var spread = fitted.Spread! with { StaleClasses = [3] };
        Assert.Throws<ArgumentOutOfRangeException>(() => StudentEnsemble.Create(fitted.ClassNames, fitted.ConceptNames, fitted.ConceptMean, fitted.ConceptDeviation,
            fitted.CopyStandardizedWeights(), fitted.Biases, spread));
    }
}
