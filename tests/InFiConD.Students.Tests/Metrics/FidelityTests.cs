using System.Text.Json;
using InFiConD.Concepts;
using InFiConD.Core;

namespace InFiConD.Students.Tests;

/// <summary>
/// A 4-image, 3-class example whose student logits are chosen directly: three concepts, identity weights, zero
/// bias, mean 0 and deviation 1, so the logits are the concept scores themselves.
/// </summary>
public sealed class FidelityTests
{
    private const double Tolerance = 1e-6;
    private static readonly string[] Classes = ["cat", "dog", "boat"];
    private static readonly string[] Ids = ["a", "b", "c", "d"];

    // Student logits (= scores):          argmax
    //   a: [2, 0,   0]                    0
    //   b: [0, 1,   0]                    1
    //   c: [0, 0.5, 1]                    2
    //   d: [0, 0,   2]                    2
    private static readonly float[] Logits = [2f, 0f, 0f, 0f, 1f, 0f, 0f, 0.5f, 1f, 0f, 0f, 2f];

    // Teacher probabilities:              argmax
    //   a: [0.7, 0.2,  0.1 ]              0
    //   b: [0.1, 0.6,  0.3 ]              1
    //   c: [0.5, 0.25, 0.25]              0
    //   d: [0.2, 0.2,  0.6 ]              2
    private static readonly float[][] TeacherRows = [[0.7f, 0.2f, 0.1f], [0.1f, 0.6f, 0.3f], [0.5f, 0.25f, 0.25f], [0.2f, 0.2f, 0.6f]];

    [Fact]
    public void Measure_TinyExample_MatchesHandComputedValues()
    {
        var fidelity = Fidelity.Measure(IdentityStudents(), Scores(), ShuffledTeacher(), groundTruth: [0, 1, 2, 0]);

        Assert.Equal(4, fidelity.ImageCount);
        // Student labels (0, 1, 2, 2) vs teacher labels (0, 1, 0, 2): images a, b, d agree.
        Assert.Equal(0.75, fidelity.Top1Agreement, Tolerance);
        // k = 5 is capped at K = 3, where every teacher class is in the student's top k.
        Assert.Equal((3, 1.0), (fidelity.TopK, fidelity.TopKAgreement));

        // cat: teacher {a, c}, student {a}: P = 1/1, R = 1/2, F1 = 2·1·½ / 1½ = 2/3.
        AssertClass(fidelity.PerClass[0], "cat", support: 2, studentCount: 1, precision: 1, recall: 0.5, f1: 2 / 3.0);
        // dog: teacher {b}, student {b}.
        AssertClass(fidelity.PerClass[1], "dog", support: 1, studentCount: 1, precision: 1, recall: 1, f1: 1);
        // boat: teacher {d}, student {c, d}: P = 1/2, R = 1/1.
        AssertClass(fidelity.PerClass[2], "boat", support: 1, studentCount: 2, precision: 0.5, recall: 1, f1: 2 / 3.0);

        // BCE: with σ(0) = 0.5, σ(0.5) = 0.62245933, σ(1) = 0.73105858, σ(2) = 0.88079708 and
        // bce(y, p) = −(y ln p + (1 − y) ln(1 − p)), summed over the 12 entries:
        //   a: bce(.7,σ2) + bce(.2,σ0) + bce(.1,σ0)     = 0.72692801 + 0.69314718 + 0.69314718
        //   b: bce(.1,σ0) + bce(.6,σ1) + bce(.3,σ0)     = 0.69314718 + 0.71326169 + 0.69314718
        //   c: bce(.5,σ0) + bce(.25,σ.5) + bce(.25,σ1)  = 0.69314718 + 0.84907698 + 1.06326169
        //   d: bce(.2,σ0) + bce(.2,σ0) + bce(.6,σ2)     = 0.69314718 + 0.69314718 + 0.92692801
        // mean over 12 = 9.13148664 / 12.
        Assert.Equal(0.7609572204, fidelity.MeanBce, Tolerance);

        // KL(t ‖ softmax(l)) per image, Σ t_k ln(t_k / q_k):
        //   a: q = (e², 1, 1)/(e² + 2)           → 0.03772621
        //   b: q = (1, e, 1)/(e + 2)             → 0.05349899
        //   c: q = (1, e^½, e)/(1 + e^½ + e)     → 0.26554890
        //   d: q = (1, 1, e²)/(e² + 2)           → 0.08927423
        Assert.Equal((0.03772621 + 0.05349899 + 0.26554890 + 0.08927423) / 4, fidelity.MeanKl, Tolerance);

        // Labels (0, 1, 2, 0): the student (0, 1, 2, 2) gets 3, the teacher (0, 1, 0, 2) gets 2.
        Assert.Equal(0.75, fidelity.GroundTruthAccuracy!.Value, Tolerance);
        Assert.Equal(0.5, fidelity.TeacherGroundTruthAccuracy!.Value, Tolerance);

        Assert.Equal([1, 1, 1], fidelity.NonZeroWeights);
        Assert.Equal([1, 1, 1], fidelity.EffectiveConcepts);
        Assert.Equal(1.0, fidelity.MeanEffectiveConcepts);
    }

    [Fact]
    public void Measure_TopTwo_ChecksTeacherClassAmongStudentsTwoBest()
    {
        // Image c ranks boat (1) > dog (0.5) > cat (0): the teacher's cat is third.
        var fidelity = Fidelity.Measure(IdentityStudents(), Scores(), ShuffledTeacher(), topK: 2);

        Assert.Equal((2, 0.75), (fidelity.TopK, fidelity.TopKAgreement));
        Assert.Equal(0.75, Fidelity.Measure(IdentityStudents(), Scores(), ShuffledTeacher(), topK: 1).TopKAgreement);
    }

    [Fact]
    public void Measure_WithoutLabels_LeavesAccuraciesNull()
    {
        var fidelity = Fidelity.Measure(IdentityStudents(), Scores(), ShuffledTeacher());

        Assert.Null(fidelity.GroundTruthAccuracy);
        Assert.Null(fidelity.TeacherGroundTruthAccuracy);
    }

    [Fact]
    public void Measure_MultiLabelTeacher_ThresholdsAtOneHalf()
    {
        // Teacher p ≥ 0.5 vs student logit ≥ 0 (σ ≥ 0.5); all student logits are ≥ 0, so the student says every class.
        var p = FloatMatrix.FromValues([0.9f, 0.1f, 0.6f, 0.2f, 0.7f, 0.1f, 0.1f, 0.1f, 0.1f, 0.5f, 0.5f, 0.5f], 4, 3);
        var teacher = TeacherOutputs.FromProbabilities(p, Classes, Ids, multiLabel: true);

        var fidelity = Fidelity.Measure(IdentityStudents(), Scores(), teacher);

        // cat: teacher {a, d} of 4 student images; dog: {b, d}; boat: {a, d}.
        AssertClass(fidelity.PerClass[0], "cat", support: 2, studentCount: 4, precision: 0.5, recall: 1, f1: 2 / 3.0);
        AssertClass(fidelity.PerClass[1], "dog", support: 2, studentCount: 4, precision: 0.5, recall: 1, f1: 2 / 3.0);
        AssertClass(fidelity.PerClass[2], "boat", support: 2, studentCount: 4, precision: 0.5, recall: 1, f1: 2 / 3.0);
    }

    [Fact]
    public void Measure_ClassWithoutSupport_ReportsZeroRates()
    {
        var teacher = TeacherOutputs.FromLabels([0, 0, 0, 0], Classes, Ids);

        var dog = Fidelity.Measure(IdentityStudents(), Scores(), teacher).PerClass[1];

        AssertClass(dog, "dog", support: 0, studentCount: 1, precision: 0, recall: 0, f1: 0);
    }

    [Fact]
    public void Measure_HandMadeWeights_CountsNonZeroAndEffectiveConcepts()
    {
        string[] concepts = ["water", "sail", "wheel", "road", "sky"];
        var weights = FloatMatrix.FromValues(
        [
            0.6f, -0.25f, 0.1f, 0.05f, 0f,   // |w| sums 0.6, 0.85, 0.95 ≥ 0.9 → 3; 4 non-zero
            0f, 0f, 0f, 0f, 0f,             // all zero → 0
            -0.2f, 0.2f, 0.2f, 0.2f, 0.2f,  // 0.8 after four, 1.0 after five → 5
        ], 3, 5);
        var students = StudentEnsemble.Create(Classes, concepts, new float[5], [1f, 1f, 1f, 1f, 1f], weights, [0f, 0f, 0f]);
        var scores = ConceptScores.Create(new FloatMatrix(4, 5), Ids, concepts);

        var fidelity = Fidelity.Measure(students, scores, ShuffledTeacher());

        Assert.Equal([4, 0, 5], fidelity.NonZeroWeights);
        Assert.Equal([3, 0, 5], fidelity.EffectiveConcepts);
        Assert.Equal(8 / 3.0, fidelity.MeanEffectiveConcepts, Tolerance);
    }

    [Theory]
    [InlineData(new float[] { }, 0)]
    [InlineData(new float[] { 0f, 0f }, 0)]
    [InlineData(new float[] { 0f, -3f, 0f }, 1)]
    [InlineData(new float[] { 0.5f, 0.5f }, 2)]
    [InlineData(new float[] { 0.95f, 0.05f }, 1)]
    [InlineData(new float[] { 0.9f, 0.1f }, 1)]     // exactly 90 % counts as reaching it
    [InlineData(new float[] { 0.05f, -0.6f, 0.25f, 0.1f }, 3)]
    public void CountEffectiveConcepts_MatchesHandCounts(float[] weights, int expected) =>
        Assert.Equal(expected, Fidelity.CountEffectiveConcepts(weights));

    [Fact]
    public void Measure_BadInputs_Throw()
    {
        var students = IdentityStudents();
        var scores = Scores();
        var teacher = ShuffledTeacher();

        Assert.Equal("groundTruth", Assert.Throws<ShapeMismatchException>(() => Fidelity.Measure(students, scores, teacher, [0, 1, 2])).Field);
        var label = Assert.Throws<ArgumentOutOfRangeException>(() => Fidelity.Measure(students, scores, teacher, [0, 1, 3, 0]));
        Assert.Contains("row 2", label.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Fidelity.Measure(students, scores, teacher, topK: 0));
        var renamed = TeacherOutputs.FromLabels([0, 0, 0, 0], ["cat", "dog", "ship"], Ids);
        Assert.Contains("position 2", Assert.Throws<ArgumentException>(() => Fidelity.Measure(students, scores, renamed)).Message, StringComparison.Ordinal);
        var otherConcepts = ConceptScores.Create(new FloatMatrix(4, 3), Ids, ["x", "y", "w"]);
        Assert.Throws<ArgumentException>(() => Fidelity.Measure(students, otherConcepts, teacher));
        var partial = TeacherOutputs.FromLabels([0, 0, 0], Classes, ["a", "b", "c"]);
        Assert.Contains("'d'", Assert.Throws<ArgumentException>(() => Fidelity.Measure(students, scores, partial)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fidelity_SerialisesToJsonAndBack()
    {
        var fidelity = Fidelity.Measure(IdentityStudents(), Scores(), ShuffledTeacher(), groundTruth: [0, 1, 2, 0]);

        var back = JsonSerializer.Deserialize<Fidelity>(JsonSerializer.Serialize(fidelity))!;

        Assert.Equal(fidelity.Top1Agreement, back.Top1Agreement);
        Assert.Equal(fidelity.PerClass, back.PerClass);
        Assert.Equal(fidelity.EffectiveConcepts, back.EffectiveConcepts);
        Assert.Equal(fidelity.GroundTruthAccuracy, back.GroundTruthAccuracy);
    }

    private static StudentEnsemble IdentityStudents()
    {
        var identity = FloatMatrix.FromValues([1f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 1f], 3, 3);
        return StudentEnsemble.Create(Classes, ["x", "y", "z"], [0f, 0f, 0f], [1f, 1f, 1f], identity, [0f, 0f, 0f]);
    }

    private static ConceptScores Scores() => ConceptScores.Create(FloatMatrix.FromValues(Logits, 4, 3), Ids, ["x", "y", "z"]);

    /// <summary>The teacher's rows in the order d, b, a, c, so <see cref="Fidelity.Measure"/> must align them.</summary>
    private static TeacherOutputs ShuffledTeacher()
    {
        int[] order = [3, 1, 0, 2];
        var rows = order.Select(i => TeacherRows[i]).ToArray();
        return TeacherOutputs.FromProbabilities(FloatMatrix.FromRows(rows), Classes, order.Select(i => Ids[i]).ToArray());
    }

    private static void AssertClass(ClassFidelity actual, string name, int support, int studentCount, double precision, double recall, double f1)
    {
        Assert.Equal(name, actual.ClassName);
        Assert.Equal(support, actual.Support);
        Assert.Equal(studentCount, actual.StudentCount);
        Assert.Equal(precision, actual.Precision, Tolerance);
        Assert.Equal(recall, actual.Recall, Tolerance);
        Assert.Equal(recall, actual.Agreement, Tolerance);
        Assert.Equal(f1, actual.F1, Tolerance);
    }
}
