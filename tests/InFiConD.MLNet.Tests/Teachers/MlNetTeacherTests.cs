using System.Numerics.Tensors;
using InFiConD.Concepts;
using InFiConD.Core;
using InFiConD.Students;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace InFiConD.MLNet.Tests;

public class MlNetTeacherTests
{
    private const int Classes = 3;

    private static readonly Lazy<(MLContext Ml, ConceptScores Scores, IDataView Data, ITransformer Model)> Trained = new(() =>
    {
        var ml = new MLContext(seed: 1);
        var scores = Synthetic.Scores(300, 9, seed: 31);
        // Ground truth: the planted model's top class; ML.NET learns it from the Label column the view carries.
        var truth = TeacherOutputs.FromLabels(Synthetic.Teacher(scores, Classes).PredictedLabels, Synthetic.ClassNames(Classes), scores.ImageIds);
        var data = scores.ToDataView(truth);
        var trainer = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = 50 });
        return (ml, scores, data, trainer.Fit(data));
    });

    [Fact]
    public void GetOutputs_FromATrainedMulticlassModel_AreDistributionsWhoseArgmaxIsThePredictedLabel()
    {
        var (_, scores, data, model) = Trained.Value;
        var teacher = MlNetTeacher.Create(model, Synthetic.ClassNames(Classes));

        var outputs = teacher.GetOutputs(data);

        Assert.Equal(scores.ImageIds, outputs.ImageIds);
        Assert.Equal(Synthetic.ClassNames(Classes), outputs.ClassNames);
        Assert.False(outputs.MultiLabel);
        for (var n = 0; n < outputs.ImageCount; n++)
        {
            Assert.Equal(1.0, TensorPrimitives.Sum<float>(outputs.Probabilities.Row(n)), 1e-5);
        }
        var predicted = DataViews.Column<uint>(model.Transform(data), "PredictedLabel");
        Assert.Equal(predicted.Select(p => (int)p - 1), outputs.PredictedLabels);
        var agreement = outputs.PredictedLabels.Zip(Synthetic.Teacher(scores, Classes).PredictedLabels).Count(p => p.First == p.Second);
        Assert.True(agreement >= 0.8 * scores.ImageCount, $"The ML.NET teacher agrees with the planted truth on {agreement} of {scores.ImageCount} images.");
    }

    [Fact]
    public void Distillation_StudentsFollowTheMlNetTeacher()
    {
        var (_, scores, data, model) = Trained.Value;
        var outputs = MlNetTeacher.Create(model, Synthetic.ClassNames(Classes)).GetOutputs(data);

        var (students, _) = StudentEnsemble.Fit(scores, outputs);
        var labels = DataViews.Column<uint>(StudentTransformer.Create(students).Transform(data), MlNetColumnNames.StudentLabel);

        var fidelity = labels.Zip(outputs.PredictedLabels).Count(p => p.First == p.Second + 1) / (double)labels.Length;
        Assert.True(fidelity >= 0.9, $"Top-1 agreement of students and ML.NET teacher is {fidelity:P1}.");
    }

    [Fact]
    public void Logits_AreTurnedIntoDistributions()
    {
        var (_, _, data, _) = Trained.Value;
        var model = NonCalibrated();
        var teacher = MlNetTeacher.Create(model, Synthetic.ClassNames(Classes), new MlNetTeacherOptions { OutputKind = TeacherOutputKind.Logits, Temperature = 2f });

        var outputs = teacher.GetOutputs(data);

        var raw = DataViews.Vectors(model.Transform(data), MlNetColumnNames.Score);
        for (var n = 0; n < outputs.ImageCount; n++)
        {
            // softmax(l / 2) in float64, shifted by the maximum.
            var scaled = raw[n].Select(v => v / 2.0).ToArray();
            var e = scaled.Select(v => Math.Exp(v - scaled.Max())).ToArray();
            var actual = outputs.Probabilities.Row(n).ToArray();
            for (var k = 0; k < e.Length; k++)
            {
                Assert.Equal(e[k] / e.Sum(), actual[k], 1e-6);
            }
        }
        Assert.Equal(DataViews.Column<uint>(model.Transform(data), "PredictedLabel").Select(p => (int)p - 1), outputs.PredictedLabels);
    }

    [Fact]
    public void WrongScoreColumn_IsNamed()
    {
        var (_, _, data, model) = Trained.Value;
        var teacher = MlNetTeacher.Create(model, Synthetic.ClassNames(Classes), new MlNetTeacherOptions { ScoreColumn = "Scores" });

        var error = Assert.Throws<ArgumentException>(() => teacher.GetOutputs(data));

        Assert.Contains("'Scores'", error.Message);
        Assert.Contains("'Score'", error.Message);
    }

    [Fact]
    public void ScoreColumnThatIsNotAVector_IsExplained()
    {
        var (_, _, data, model) = Trained.Value;
        var teacher = MlNetTeacher.Create(model, Synthetic.ClassNames(Classes), new MlNetTeacherOptions { ScoreColumn = "PredictedLabel" });

        var error = Assert.Throws<ArgumentException>(() => teacher.GetOutputs(data));

        Assert.Contains("vector of Single", error.Message);
    }

    [Fact]
    public void WrongClassCount_IsAShapeMismatch()
    {
        var (_, _, data, model) = Trained.Value;
        var teacher = MlNetTeacher.Create(model, Synthetic.ClassNames(Classes + 1));

        var error = Assert.Throws<ShapeMismatchException>(() => teacher.GetOutputs(data));

        Assert.Equal(MlNetColumnNames.Score, error.Field);
        Assert.Contains($"{Classes + 1} floats", error.Expected);
    }

    [Fact]
    public void ClassNamesInAnotherOrderThanTheModels_AreRefused()
    {
        var (_, _, data, model) = Trained.Value;
        var teacher = MlNetTeacher.Create(model, Synthetic.ClassNames(Classes).Reverse().ToArray());

        var error = Assert.Throws<ArgumentException>(() => teacher.GetOutputs(data));

        Assert.Contains("slot order", error.Message);
    }

    [Fact]
    public void MissingIdColumn_IsNamed()
    {
        var (_, _, data, model) = Trained.Value;
        var teacher = MlNetTeacher.Create(model, Synthetic.ClassNames(Classes), new MlNetTeacherOptions { IdColumn = "Path" });

        var error = Assert.Throws<ArgumentException>(() => teacher.GetOutputs(data));

        Assert.Contains("'Path'", error.Message);
    }

    [Fact]
    public void OutputKind_IsDetectedFromTheScores()
    {
        var (_, _, data, model) = Trained.Value;
        var raw = NonCalibrated();
        var classes = Synthetic.ClassNames(Classes);

        var detectedLogits = MlNetTeacher.Create(raw, classes).GetOutputs(data);
        var declaredLogits = MlNetTeacher.Create(raw, classes, new MlNetTeacherOptions { OutputKind = TeacherOutputKind.Logits }).GetOutputs(data);
        var detectedProbabilities = MlNetTeacher.Create(model, classes).GetOutputs(data);
        var declaredProbabilities = MlNetTeacher.Create(model, classes, new MlNetTeacherOptions { OutputKind = TeacherOutputKind.Probabilities }).GetOutputs(data);

        Assert.Equal(declaredLogits.Probabilities.AsSpan().ToArray(), detectedLogits.Probabilities.AsSpan().ToArray());
        Assert.Equal(declaredProbabilities.Probabilities.AsSpan().ToArray(), detectedProbabilities.Probabilities.AsSpan().ToArray());
    }

    [Fact]
    public void LogitsDeclaredAsProbabilities_AreRefusedWithTheRow()
    {
        var (_, _, data, _) = Trained.Value;
        var teacher = MlNetTeacher.Create(NonCalibrated(), Synthetic.ClassNames(Classes), new MlNetTeacherOptions { OutputKind = TeacherOutputKind.Probabilities });

        var error = Assert.Throws<ArgumentException>(() => teacher.GetOutputs(data));

        Assert.Contains("row", error.Message);
        Assert.Contains("FromLogits", error.Message);
    }

    [Fact]
    public void TemperatureOnDetectedProbabilities_IsRefused()
    {
        var (_, _, data, model) = Trained.Value;
        var teacher = MlNetTeacher.Create(model, Synthetic.ClassNames(Classes), new MlNetTeacherOptions { Temperature = 2f });

        var error = Assert.Throws<ArgumentException>(() => teacher.GetOutputs(data));

        Assert.Contains("temperature", error.Message);
    }

    [Fact]
    public void Create_ValidatesArguments()
    {
        var (_, _, _, model) = Trained.Value;

        Assert.Throws<ArgumentNullException>(() => MlNetTeacher.Create(null!, ["a"]));
        Assert.Throws<ArgumentException>(() => MlNetTeacher.Create(model, []));
        Assert.Throws<ArgumentException>(() => MlNetTeacher.Create(model, ["a", "a"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => MlNetTeacher.Create(model, ["a"], new MlNetTeacherOptions { Temperature = 0f }));
        Assert.Throws<ArgumentException>(() => MlNetTeacher.Create(model, ["a"], new MlNetTeacherOptions { OutputKind = TeacherOutputKind.Probabilities, Temperature = 2f }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MlNetTeacher.Create(model, ["a"], new MlNetTeacherOptions { OutputKind = (TeacherOutputKind)7 }));
        Assert.Throws<ArgumentException>(() => MlNetTeacher.Create(model, ["a"], new MlNetTeacherOptions { ScoreColumn = "" }));
    }

    /// <summary>SdcaNonCalibrated: its Score column holds raw scores (logits), not probabilities.</summary>
    private static ITransformer NonCalibrated()
    {
        var (ml, _, data, _) = Trained.Value;
        return ml.MulticlassClassification.Trainers.SdcaNonCalibrated(new SdcaNonCalibratedMulticlassTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = 20 }).Fit(data);
    }
}
