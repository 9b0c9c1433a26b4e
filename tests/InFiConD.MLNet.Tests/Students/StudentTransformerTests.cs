using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet.Tests;

public class StudentTransformerTests
{
    private const int Concepts = 12;
    private const int Classes = 3;
    private const float Tolerance = 1e-5f;

    private static readonly MLContext Ml = new(seed: 1);
    private static readonly Lazy<(ConceptScores Scores, StudentEnsemble Students)> Fitted = new(() =>
    {
        var scores = Synthetic.Scores(200, Concepts, seed: 21);
        var (students, _) = StudentEnsemble.Fit(scores, Synthetic.Teacher(scores, Classes), new StudentOptions { Solver = new SolverOptions { Tolerance = 1e-5 } });
        return (scores, students);
    });

    [Fact]
    public void Transform_EqualsTheEnsemblesPredictions()
    {
        var (scores, students) = Fitted.Value;
        var transformer = StudentTransformer.Create(students);

        var output = transformer.Transform(scores.ToDataView());

        var expected = students.PredictProbabilities(scores);
        var probabilities = DataViews.Vectors(output, MlNetColumnNames.StudentScores);
        var labels = DataViews.Column<uint>(output, MlNetColumnNames.StudentLabel);
        Assert.Equal(scores.ImageCount, probabilities.Length);
        for (var n = 0; n < scores.ImageCount; n++)
        {
            for (var k = 0; k < Classes; k++)
            {
                Assert.Equal(expected[n, k], probabilities[n][k], Tolerance);
            }
        }
        Assert.Equal(students.PredictLabels(scores).Select(l => (uint)l + 1), labels);
        Assert.Equal(scores.ImageIds, DataViews.Texts(output, MlNetColumnNames.ImageId));
    }

    [Fact]
    public void OutputSchema_KeepsInputsAndNamesTheClasses()
    {
        var (scores, students) = Fitted.Value;
        var transformer = StudentTransformer.Create(students);

        var schema = transformer.GetOutputSchema(scores.ToDataView().Schema);

        Assert.Equal([MlNetColumnNames.ImageId, MlNetColumnNames.Features, MlNetColumnNames.StudentScores, MlNetColumnNames.StudentLabel], schema.Select(c => c.Name));
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, Classes), schema[MlNetColumnNames.StudentScores].Type);
        Assert.Equal(students.ClassNames, DataViews.SlotNames(schema[MlNetColumnNames.StudentScores]));
        Assert.Equal(new KeyDataViewType(typeof(uint), Classes), schema[MlNetColumnNames.StudentLabel].Type);
        Assert.Equal(students.ClassNames, DataViews.KeyValues(schema[MlNetColumnNames.StudentLabel]));
        Assert.True(transformer.IsRowToRowMapper);
    }

    [Fact]
    public void WorksInAnMlNetPipeline_MapKeyToValueGivesClassNames()
    {
        var (scores, students) = Fitted.Value;
        var pipeline = StudentTransformer.Create(students)
            .Append(Ml.Transforms.Conversion.MapKeyToValue("StudentClass", MlNetColumnNames.StudentLabel).Fit(StudentTransformer.Create(students).Transform(scores.ToDataView())));

        var output = pipeline.Transform(scores.ToDataView());

        var expected = students.PredictLabels(scores).Select(l => students.ClassNames[l]);
        Assert.Equal(expected, DataViews.Texts(output, "StudentClass"));
    }

    [Fact]
    public void PredictionEngine_ScoresOneImage()
    {
        var (scores, students) = Fitted.Value;
        var engine = Ml.Model.CreatePredictionEngine<ImageRow, StudentPrediction>(StudentTransformer.Create(students));
        var expected = students.PredictProbabilities(scores);
        var labels = students.PredictLabels(scores);

        for (var n = 0; n < 5; n++)
        {
            var prediction = engine.Predict(new ImageRow { ImageId = scores.ImageIds[n], Features = scores.Row(n).ToArray() });

            Assert.Equal((uint)labels[n] + 1, prediction.StudentLabel);
            for (var k = 0; k < Classes; k++)
            {
                Assert.Equal(expected[n, k], prediction.StudentScores[k], Tolerance);
            }
        }
    }

    [Fact]
    public void ParallelCursors_ScoreEveryRowOnce()
    {
        var (scores, students) = Fitted.Value;
        var output = StudentTransformer.Create(students).Transform(Ml.Data.Cache(scores.ToDataView()));
        var expected = students.PredictLabels(scores);

        var cursors = output.GetRowCursorSet(output.Schema, 2);
        var seen = 0;
        foreach (var cursor in cursors)
        {
            using (cursor)
            {
                var getId = cursor.GetGetter<ReadOnlyMemory<char>>(output.Schema[MlNetColumnNames.ImageId]);
                var getLabel = cursor.GetGetter<uint>(output.Schema[MlNetColumnNames.StudentLabel]);
                var (id, label) = (default(ReadOnlyMemory<char>), 0u);
                while (cursor.MoveNext())
                {
                    getId(ref id);
                    getLabel(ref label);
                    Assert.Equal((uint)expected[scores.IndexOfImage(id.ToString())] + 1, label);
                    seen++;
                }
            }
        }
        Assert.Equal(scores.ImageCount, seen);
    }

    [Fact]
    public void MissingFeaturesColumn_IsNamed()
    {
        var (scores, students) = Fitted.Value;
        var transformer = StudentTransformer.Create(students, featuresColumn: "ConceptScores");

        var error = Assert.Throws<ArgumentException>(() => transformer.Transform(scores.ToDataView()));

        Assert.Contains("'ConceptScores'", error.Message);
    }

    [Fact]
    public void WrongVectorSize_IsAShapeMismatch()
    {
        var (_, students) = Fitted.Value;
        var other = Synthetic.Scores(5, Concepts + 1, seed: 22);

        var error = Assert.Throws<ShapeMismatchException>(() => StudentTransformer.Create(students).Transform(other.ToDataView()));

        Assert.Equal(MlNetColumnNames.Features, error.Field);
    }

    [Fact]
    public void ConceptsInAnotherOrder_AreRefused()
    {
        var (scores, students) = Fitted.Value;
        var reordered = scores.Select(scores.ConceptNames.Reverse());

        var error = Assert.Throws<ArgumentException>(() => StudentTransformer.Create(students).Transform(reordered.ToDataView()));

        Assert.Contains("slot 0", error.Message);
    }

    [Fact]
    public void NonFiniteScore_IsReportedWithItsRow()
    {
        var (_, students) = Fitted.Value;
        var rows = Enumerable.Range(0, 3).Select(n => new ImageRow { ImageId = $"i{n}", Features = new float[Concepts] }).ToArray();
        rows[2].Features[4] = float.PositiveInfinity;
        var output = StudentTransformer.Create(students).Transform(Ml.Data.LoadFromEnumerable(rows));

        var error = Assert.Throws<NonFiniteValueException>(() => DataViews.Column<uint>(output, MlNetColumnNames.StudentLabel));

        Assert.Equal((2L, 4L), (error.Row, error.Column));
    }

    [Fact]
    public void Save_IsNotSupported_AndPointsToExport()
    {
        var (scores, students) = Fitted.Value;
        var view = scores.ToDataView();
        using var stream = new MemoryStream();

        var error = Record.Exception(() => Ml.Model.Save(StudentTransformer.Create(students), view.Schema, stream));

        var notSupported = Assert.IsType<NotSupportedException>(error is NotSupportedException ? error : error?.InnerException);
        Assert.Contains("ONNX", notSupported.Message);
    }

    [Fact]
    public void Create_ValidatesArguments()
    {
        var (_, students) = Fitted.Value;

        Assert.Throws<ArgumentNullException>(() => StudentTransformer.Create(null!));
        Assert.Throws<ArgumentException>(() => StudentTransformer.Create(students, ""));
    }

    private sealed class ImageRow
    {
        public string ImageId { get; set; } = "";

        [VectorType(Concepts)]
        public float[] Features { get; set; } = [];
    }

    private sealed class StudentPrediction
    {
        public float[] StudentScores { get; set; } = [];

        public uint StudentLabel { get; set; }
    }
}
