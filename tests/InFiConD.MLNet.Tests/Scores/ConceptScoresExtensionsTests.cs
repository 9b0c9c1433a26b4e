using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;
using Microsoft.ML;
using Microsoft.Data.Analysis;
using Microsoft.ML.Data;

namespace InFiConD.MLNet.Tests;

public class ConceptScoresExtensionsTests
{
    private static readonly MLContext Ml = new(seed: 1);

    [Fact]
    public void RoundTrip_IsExact()
    {
        var scores = Synthetic.Scores(37, 11, seed: 3);
        scores.Values[5, 2] = float.Epsilon;
        scores.Values[6, 3] = -0f;
        scores.Values[7, 4] = 1e-38f;

        var back = scores.ToDataView().ToConceptScores();

        Assert.Equal(scores.ImageIds, back.ImageIds);
        Assert.Equal(scores.ConceptNames, back.ConceptNames);
        Assert.Equal(
            scores.Values.AsSpan().ToArray().Select(BitConverter.SingleToInt32Bits),
            back.Values.AsSpan().ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void RoundTrip_ThroughMlNetCache_IsExact()
    {
        var scores = Synthetic.Scores(20, 6, seed: 4);

        var cached = Ml.Data.Cache(scores.ToDataView());
        var back = cached.ToConceptScores();

        Assert.Equal(scores.Values.AsSpan().ToArray(), back.Values.AsSpan().ToArray());
        Assert.Equal(scores.ImageIds, back.ImageIds);
        Assert.Equal(scores.ConceptNames, back.ConceptNames);
    }

    [Fact]
    public void Schema_HasIdAndFeaturesWithConceptNamesAsSlotNames()
    {
        var scores = Synthetic.Scores(4, 5, seed: 5);

        var view = scores.ToDataView();

        Assert.Equal([MlNetColumnNames.ImageId, MlNetColumnNames.Features], view.Schema.Select(c => c.Name));
        Assert.IsType<TextDataViewType>(view.Schema[MlNetColumnNames.ImageId].Type);
        var features = Assert.IsType<VectorDataViewType>(view.Schema[MlNetColumnNames.Features].Type);
        Assert.Equal(NumberDataViewType.Single, features.ItemType);
        Assert.Equal(5, features.Size);
        Assert.Equal(scores.ConceptNames, DataViews.SlotNames(view.Schema[MlNetColumnNames.Features]));
        Assert.Equal(4, view.GetRowCount());
        Assert.Equal(scores.ImageIds, DataViews.Texts(view, MlNetColumnNames.ImageId));
    }

    [Fact]
    public void Teacher_AddsKeyLabelAlignedByImageId()
    {
        var scores = Synthetic.Scores(6, 3, seed: 6);
        var classes = Synthetic.ClassNames(4);
        int[] labels = [3, 0, 2, 1, 1, 0];
        // The teacher lists the images in reverse order; the view follows the scores' order.
        var teacher = TeacherOutputs.FromLabels(labels.Reverse().ToArray(), classes, scores.ImageIds.Reverse().ToArray());

        var view = scores.ToDataView(teacher);

        var label = view.Schema[MlNetColumnNames.Label];
        var key = Assert.IsType<KeyDataViewType>(label.Type);
        Assert.Equal(4ul, key.Count);
        Assert.Equal(classes, DataViews.KeyValues(label));
        Assert.Equal(labels.Select(l => (uint)l + 1), DataViews.Column<uint>(view, MlNetColumnNames.Label));
    }

    [Fact]
    public void LabelAsText_IsTheClassName_AndTheViewBecomesADataFrame()
    {
        var scores = Synthetic.Scores(6, 3, seed: 7);
        var classes = Synthetic.ClassNames(4);
        int[] labels = [3, 0, 2, 1, 1, 0];
        var teacher = TeacherOutputs.FromLabels(labels, classes, scores.ImageIds);

        var view = scores.ToDataView(teacher, labelAsText: true);
        Assert.IsType<TextDataViewType>(view.Schema[MlNetColumnNames.Label].Type);
        Assert.Equal(labels.Select(l => classes[l]), DataViews.Texts(view, MlNetColumnNames.Label));

        var frame = view.ToDataFrame();
        Assert.Equal(6, frame.Rows.Count);
        Assert.Equal(scores.ImageIds, frame[MlNetColumnNames.ImageId].Cast<string>());
        Assert.Equal(labels.Select(l => classes[l]), frame[MlNetColumnNames.Label].Cast<string>());
        // The key form is what Microsoft.Data.Analysis cannot read: the reason the text form exists.
        Assert.ThrowsAny<Exception>(() => scores.ToDataView(teacher).ToDataFrame());
    }

    [Fact]
    public void ShuffledCursor_VisitsEveryRowOnceWithItsOwnScores()
    {
        var scores = Synthetic.Scores(50, 4, seed: 7);
        var view = scores.ToDataView();
        Assert.True(view.CanShuffle);

        using var cursor = view.GetRowCursor(view.Schema, new Random(11));
        var getId = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema[0]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(view.Schema[1]);
        var (id, features, seen) = (default(ReadOnlyMemory<char>), default(VBuffer<float>), new List<string>());
        while (cursor.MoveNext())
        {
            getId(ref id);
            getFeatures(ref features);
            var row = scores.IndexOfImage(id.ToString());
            Assert.Equal(scores.Row(row).ToArray(), features.DenseValues().ToArray());
            seen.Add(id.ToString());
        }
        Assert.NotEqual(scores.ImageIds, seen);
        Assert.Equal(scores.ImageIds.Order(), seen.Order());
    }

    [Fact]
    public void ToConceptScores_ReadsAnMlNetView_WithNamesGiven()
    {
        var rows = new[]
        {
            new VariableRow { Id = "a", Values = [0.1f, 0.2f, 0.3f] },
            new VariableRow { Id = "b", Values = [0.4f, 0.5f, 0.6f] },
        };
        var view = Ml.Data.LoadFromEnumerable(rows);

        var scores = view.ToConceptScores("Values", "Id", conceptNames: ["x", "y", "z"]);

        Assert.Equal(["a", "b"], scores.ImageIds);
        Assert.Equal(["x", "y", "z"], scores.ConceptNames);
        Assert.Equal([0.4f, 0.5f, 0.6f], scores.Row(1).ToArray());
    }

    [Fact]
    public void ToConceptScores_WrongColumnName_NamesItAndListsTheColumns()
    {
        var view = Synthetic.Scores(3, 2, seed: 8).ToDataView();

        var error = Assert.Throws<ArgumentException>(() => view.ToConceptScores(featuresColumn: "Scores"));

        Assert.Contains("'Scores'", error.Message);
        Assert.Contains("'Features'", error.Message);
        Assert.Contains("'ImageId'", error.Message);
        Assert.Throws<ArgumentException>(() => view.ToConceptScores(idColumn: "Id"));
    }

    [Fact]
    public void ToConceptScores_WrongVectorSize_IsAShapeMismatch()
    {
        var view = Synthetic.Scores(3, 4, seed: 9).ToDataView();

        var error = Assert.Throws<ShapeMismatchException>(() => view.ToConceptScores(conceptNames: ["a", "b", "c"]));

        Assert.Equal(MlNetColumnNames.Features, error.Field);
        Assert.Contains("4 floats", error.Actual);
    }

    [Fact]
    public void ToConceptScores_VariableLengthRowOfWrongSize_NamesTheRow()
    {
        var view = Ml.Data.LoadFromEnumerable(new[]
        {
            new VariableRow { Id = "a", Values = [0.1f, 0.2f] },
            new VariableRow { Id = "b", Values = [0.1f, 0.2f, 0.3f] },
        });

        var error = Assert.Throws<ShapeMismatchException>(() => view.ToConceptScores("Values", "Id", ["x", "y"]));

        Assert.Contains("row 1", error.Actual);
    }

    [Fact]
    public void ToConceptScores_WrongTypes_AreExplained()
    {
        var view = Ml.Data.LoadFromEnumerable(new[] { new DoubleRow { Id = 1, Values = [0.1, 0.2] } });

        var features = Assert.Throws<ArgumentException>(() => view.ToConceptScores("Values", "Id", ["x", "y"]));
        Assert.Contains("'Values'", features.Message);
        Assert.Contains("Single", features.Message);

        var converted = Ml.Transforms.Conversion.ConvertType("Values", outputKind: DataKind.Single).Fit(view).Transform(view);
        var ids = Assert.Throws<ArgumentException>(() => converted.ToConceptScores("Values", "Id", ["x", "y"]));
        Assert.Contains("'Id'", ids.Message);
        Assert.Contains("text", ids.Message);
    }

    [Fact]
    public void ToConceptScores_NoSlotNamesAndNoNames_AsksForNames()
    {
        var view = Ml.Data.LoadFromEnumerable(new[] { new VariableRow { Id = "a", Values = [0.1f] } });

        var error = Assert.Throws<ArgumentException>(() => view.ToConceptScores("Values", "Id"));

        Assert.Contains("slot names", error.Message);
    }

    [Fact]
    public void ToConceptScores_NonFiniteScore_NamesRowAndConcept()
    {
        var view = Ml.Data.LoadFromEnumerable(new[]
        {
            new VariableRow { Id = "a", Values = [0.1f, 0.2f] },
            new VariableRow { Id = "b", Values = [0.1f, float.NaN] },
        });

        var error = Assert.Throws<NonFiniteValueException>(() => view.ToConceptScores("Values", "Id", ["x", "y"]));

        Assert.Equal(("Values", 1L, 1L), (error.Field, error.Row, error.Column));
    }

    [Fact]
    public void ToConceptScores_RepeatedId_IsRejected()
    {
        var view = Ml.Data.LoadFromEnumerable(new[]
        {
            new VariableRow { Id = "a", Values = [0.1f] },
            new VariableRow { Id = "a", Values = [0.2f] },
        });

        Assert.Throws<ArgumentException>(() => view.ToConceptScores("Values", "Id", ["x"]));
    }

    [Fact]
    public void ToDataView_RejectsMultiLabelOrIncompleteTeachers()
    {
        var scores = Synthetic.Scores(3, 2, seed: 10);
        var multi = TeacherOutputs.FromProbabilities(FloatMatrix.FromValues([0.2f, 0.9f, 0.5f, 0.5f, 0.1f, 0.1f], 3, 2), ["a", "b"], scores.ImageIds, multiLabel: true);
        var partial = TeacherOutputs.FromLabels([0, 1], ["a", "b"], scores.ImageIds.Take(2).ToArray());

        Assert.Throws<ArgumentException>(() => scores.ToDataView(multi));
        var error = Assert.Throws<ArgumentException>(() => scores.ToDataView(partial));
        Assert.Contains(scores.ImageIds[2], error.Message);
    }

    [Fact]
    public void Cursor_RequiresMoveNextAndActiveColumns()
    {
        var view = Synthetic.Scores(2, 2, seed: 12).ToDataView();
        using var cursor = view.GetRowCursor([view.Schema[MlNetColumnNames.Features]]);

        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema[MlNetColumnNames.ImageId]));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(view.Schema[MlNetColumnNames.Features]));
        var getter = cursor.GetGetter<VBuffer<float>>(view.Schema[MlNetColumnNames.Features]);
        var value = default(VBuffer<float>);
        Assert.Throws<InvalidOperationException>(() => getter(ref value));
        Assert.True(cursor.MoveNext());
        Assert.True(cursor.MoveNext());
        Assert.False(cursor.MoveNext());
        Assert.False(cursor.MoveNext());
    }

    private sealed class VariableRow
    {
        public string Id { get; set; } = "";

        public float[] Values { get; set; } = [];
    }

    private sealed class DoubleRow
    {
        public int Id { get; set; }

        [VectorType(2)]
        public double[] Values { get; set; } = [];
    }
}
