using System.Numerics.Tensors;
using InFiConD.Students;

namespace InFiConD.MLNet;

/// <summary>
/// Scores one image at a time with a <see cref="StudentEnsemble"/>'s parameters: standardises the raw concept scores as
/// the ensemble does, <c>z_j = (x_j − μ_j) · (1 / s_j)</c> (0 for constant concepts), then <c>logit_k = w_k · z + b_k</c>.
/// Immutable and shared by every row; the caller supplies the work buffers.
/// </summary>
internal sealed class StudentScorer
{
    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly float[] _shift;
    private readonly float[] _scale;

    public StudentScorer(StudentEnsemble students)
    {
        ConceptCount = students.ConceptCount;
        ClassCount = students.ClassCount;
        _weights = students.CopyStandardizedWeights().AsSpan().ToArray();
        _bias = students.Biases.ToArray();
        _shift = students.ConceptMean.ToArray();
        _scale = new float[ConceptCount];
        var deviation = students.ConceptDeviation;
        for (var j = 0; j < _scale.Length; j++)
        {
            _scale[j] = deviation[j] == 0f ? 0f : 1f / deviation[j];
        }
    }

    public int ConceptCount { get; }

    public int ClassCount { get; }

    /// <summary>Writes the K logits of one image; <paramref name="work"/> holds C floats of scratch.</summary>
    public void Logits(ReadOnlySpan<float> features, Span<float> work, Span<float> logits)
    {
        TensorPrimitives.Subtract(features, _shift, work);
        TensorPrimitives.Multiply(work, _scale, work);
        for (var k = 0; k < ClassCount; k++)
        {
            logits[k] = TensorPrimitives.Dot(_weights.AsSpan(k * ConceptCount, ConceptCount), work) + _bias[k];
        }
    }
}
