using InFiConD.Students;

namespace InFiConD.Analysis.Tests;

public sealed class InstanceExplanationTests
{
    /// <summary>How far the double decomposition may be from the students' float logits.</summary>
    private const double LogitTolerance = 1e-5;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decomposition_SumsExactlyAndMatchesStudentLogits(bool fitted)
    {
        var p = AnalysisProblem.Create(n: 120, c: 30, k: 5);
        var students = fitted ? StudentEnsemble.Fit(p.Scores, p.Teacher).Ensemble : p.Students;
        var logits = students.Logits(p.Scores.Values);
        var labels = students.PredictLabels(p.Scores);
        var disagreements = 0;

        for (var n = 0; n < p.N; n++)
        {
            var explanation = InstanceExplanation.For(students, p.Scores, p.Teacher, n);

            Assert.Equal(p.Scores.ImageIds[n], explanation.ImageId);
            Assert.Equal(n, explanation.ImageIndex);
            Assert.Equal(labels[n], explanation.Student.ClassIndex);
            Assert.Equal(p.Teacher.PredictedLabels[n], explanation.Teacher.ClassIndex);
            Assert.Equal(labels[n] == p.Teacher.PredictedLabels[n], explanation.Agree);
            disagreements += explanation.Agree ? 0 : 1;
            foreach (var part in new[] { explanation.Student, explanation.Teacher })
            {
                // Exactly: bias plus the contributions, left to right, in double.
                var sum = part.Bias;
                foreach (var c in part.Contributions)
                {
                    sum += c.Contribution;
                }
                Assert.Equal(part.Logit, sum);
                Assert.Equal(logits[n, part.ClassIndex], part.Logit, LogitTolerance);
                Assert.Equal(1 / (1 + Math.Exp(-part.Logit)), part.StudentProbability, 15);
                Assert.Equal(p.Teacher.Probabilities[n, part.ClassIndex], part.TeacherProbability);
                Assert.Equal(students.Bias(part.ClassIndex), part.Bias);
                var w = students.StandardizedWeights(part.ClassIndex).ToArray();
                Assert.Equal(Enumerable.Range(0, p.C).Where(j => w[j] != 0), part.Contributions.Select(c => c.ConceptIndex));
                foreach (var c in part.Contributions)
                {
                    var z = (p.Scores[n, c.ConceptIndex] - (double)students.ConceptMean[c.ConceptIndex]) / students.ConceptDeviation[c.ConceptIndex];
                    Assert.Equal(z, c.Standardized, 1e-5);
                    Assert.Equal(p.Scores[n, c.ConceptIndex], c.Score);
                    Assert.Equal(w[c.ConceptIndex], c.Weight);
                    Assert.Equal((double)c.Weight * c.Standardized, c.Contribution);
                    Assert.Equal(p.Scores.ConceptNames[c.ConceptIndex], c.ConceptName);
                }
            }
        }
        Assert.True(fitted || disagreements > 0, "the random students should disagree with the teacher somewhere");
    }

    [Fact]
    public void ById_EqualsByIndex_AndTopRanksByMagnitude()
    {
        var p = AnalysisProblem.Create();
        var byIndex = InstanceExplanation.For(p.Students, p.Scores, p.Teacher, 17);
        var byId = InstanceExplanation.For(p.Students, p.Scores, p.Teacher, p.Scores.ImageIds[17]);

        Assert.Equal(Json.Serialize(byIndex), Json.Serialize(byId));
        var top = byIndex.Student.Top(3);
        Assert.Equal(byIndex.Student.Contributions.OrderByDescending(c => Math.Abs(c.Contribution)).ThenBy(c => c.ConceptIndex).Take(3), top);
        Assert.Empty(byIndex.Student.Top(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => byIndex.Student.Top(-1));
    }

    [Fact]
    public void BadInputs_GiveClearErrors()
    {
        var p = AnalysisProblem.Create();

        var unknown = Assert.Throws<ArgumentException>(() => InstanceExplanation.For(p.Students, p.Scores, p.Teacher, "nope"));
        Assert.Contains("'nope'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => InstanceExplanation.For(p.Students, p.Scores, p.Teacher, p.N));
        Assert.Throws<ArgumentOutOfRangeException>(() => InstanceExplanation.For(p.Students, p.Scores, p.Teacher, -1));
        var teacher = p.Teacher.AlignTo(p.Scores.ImageIds.Take(5).ToArray());
        Assert.Throws<ArgumentException>(() => InstanceExplanation.For(p.Students, p.Scores, teacher, 9));
        var renamed = p.Scores.Select(p.Scores.ConceptNames.Reverse());
        Assert.Throws<ArgumentException>(() => InstanceExplanation.For(p.Students, renamed, p.Teacher, 0));
    }
}
