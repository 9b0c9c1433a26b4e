using System.Runtime.CompilerServices;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>The products of the classes still being fitted (columns in <see cref="Classes"/> order), one row per class.</summary>
internal sealed class QuasiNewtonProducts
{
    private readonly ScoreProducts _products;
    private readonly FloatMatrix _points, _logits, _residuals;

    public QuasiNewtonProducts(ScoreProducts products, LogisticProblem problem, int[] classes)
    {
        (_products, Classes) = (products, classes);
        _points = new FloatMatrix(classes.Length, problem.Concepts);
        _logits = new FloatMatrix(classes.Length, problem.Samples);
        _residuals = new FloatMatrix(classes.Length, problem.Samples);
        GradientSums = new FloatMatrix(classes.Length, problem.Concepts);
    }

    /// <summary>The class of each column.</summary>
    public int[] Classes { get; }

    public int Width => Classes.Length;

    /// <summary>Width × C: Zᵀr per column, after <see cref="Gradients"/>.</summary>
    public FloatMatrix GradientSums { get; }

    /// <summary>Column i's residual σ(t) − y over the images (the gradient product's input).</summary>
    public Span<float> ResidualRow(int column) => _residuals.Row(column);

    /// <summary>Column i's logits from the last <see cref="Products"/>.</summary>
    public ReadOnlySpan<float> LogitsRow(int column) => _logits.Row(column);

    /// <summary><c>Z·vᵀ</c> for each class's vector (its weights, the bias ignored), as the rows of <see cref="LogitsRow"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Products(QuasiNewtonClass[] states, Func<QuasiNewtonClass, double[]> vector)
    {
        for (var i = 0; i < Width; i++)
        {
            QuasiNewtonClass.WriteTo(vector(states[Classes[i]]), _points.Row(i));
        }
        _products.LogitsPerClass(_points, _logits);
    }

    /// <summary>The gradient product at the residuals last written.</summary>
    public void Gradients() => _products.GradientSumsPerClass(_residuals, GradientSums);
}
