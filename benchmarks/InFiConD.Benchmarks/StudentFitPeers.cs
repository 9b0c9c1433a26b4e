using System.Reflection;
using InFiConD.Core;
using InFiConD.MLNet;
using InFiConD.Students;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace InFiConD.Benchmarks;

/// <summary>
/// The settings every student-fitting method runs with, and ML.NET's peers of <see cref="StudentEnsemble.Fit"/>.
/// </summary>
/// <remarks>
/// λ's scale: our objective per class is <c>(1/N) Σ_n BCE_n + λ‖w‖₁</c> (the <em>mean</em> loss). ML.NET's L-BFGS
/// trainers minimise <c>(Σ_n loss_n + (L2/2)‖w‖²) / N + (L1/N)‖w‖₁</c> (<c>LbfgsTrainerBase</c> hands <c>L1Weight /
/// NumGoodRows</c> to OWL-QN and scales the summed loss by 1/N), which has the same minimiser as
/// <c>Σ_n loss_n + L1‖w‖₁</c>: L1Regularization multiplies the <em>sum</em> of losses, so the same problem needs
/// <c>L1Regularization = λ · N</c>. For one-vs-rest logistic regression on hard labels that is exactly our hard-target
/// problem; for the multinomial (softmax) model it is the same penalty on a different loss.
/// </remarks>
internal static class StudentFitPeers
{
    /// <summary>Our λ (the paper's 1e-4, the solver's default).</summary>
    internal const double Lambda = 1e-4;

    /// <summary>The stopping tolerance of every method (ours: relative objective change; ML.NET: mean relative improvement).</summary>
    internal const double Tolerance = 1e-4;

    /// <summary>Threads for every method: one per processor.</summary>
    internal static readonly int Threads = Environment.ProcessorCount;

    /// <summary>Soft targets (the teacher's probabilities), λ = 1e-4, tolerance 1e-4, all threads.</summary>
    internal static readonly StudentOptions Soft = new()
    {
        Solver = new SolverOptions { L1 = Lambda, Tolerance = Tolerance, MaxDegreeOfParallelism = -1 },
        Targets = StudentTargets.Soft,
    };

    /// <summary>As <see cref="Soft"/> on the teacher's top class: the same targets the ML.NET peers get.</summary>
    internal static readonly StudentOptions Hard = Soft with { Targets = StudentTargets.Hard };

    /// <summary>ML.NET's L1Regularization equivalent to our λ at N images: λ · N.</summary>
    internal static float MlNetL1(int images, double lambda = Lambda) => (float)(lambda * images);

    /// <summary>ML.NET one-vs-rest L-BFGS logistic regression (L1 = λ·N, no L2), on <c>Label</c> and <c>Features</c>.</summary>
    internal static ITransformer FitOneVersusAll(MLContext ml, IDataView data, int images, double lambda = Lambda)
    {
        var binary = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = MlNetL1(images, lambda),
            L2Regularization = 0,
            OptimizationTolerance = (float)Tolerance,
            NumberOfThreads = Threads,
        });
        return ml.MulticlassClassification.Trainers.OneVersusAll(binary).Fit(data);
    }

    /// <summary>ML.NET multinomial L-BFGS logistic regression (maximum entropy; L1 = λ·N, no L2).</summary>
    internal static ITransformer FitMaximumEntropy(MLContext ml, IDataView data, int images, double lambda = Lambda) =>
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L1Regularization = MlNetL1(images, lambda),
            L2Regularization = 0,
            OptimizationTolerance = (float)Tolerance,
            NumberOfThreads = Threads,
        }).Fit(data);

    /// <summary>Non-zero weights (biases excluded) of one of the two ML.NET models.</summary>
    internal static int NonZeros(ITransformer model)
    {
        switch (model)
        {
            case MulticlassPredictionTransformer<OneVersusAllModelParameters>:
                var members = OneVersusAllWeights(model).Weights.AsSpan();
                return members.Length - members.Count(0f);
            case MulticlassPredictionTransformer<MaximumEntropyModelParameters> maxEnt:
                VBuffer<float>[] weights = [];
                maxEnt.Model.GetWeights(ref weights, out _);
                return weights.Sum(w => w.DenseValues().Count(v => v != 0f));
            default:
                throw new NotSupportedException($"Unexpected model {model.GetType().Name}.");
        }
    }

    /// <summary>The K × C weights and K biases of a one-vs-rest model's binary members (logit units, the features' units).</summary>
    internal static (FloatMatrix Weights, float[] Bias) OneVersusAllWeights(ITransformer model)
    {
        var members = OneVersusAllMembers(((MulticlassPredictionTransformer<OneVersusAllModelParameters>)model).Model)
            .Select(sub => sub switch
            {
                CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> calibrated => calibrated.SubModel,
                LinearBinaryModelParameters plain => plain,
                _ => throw new NotSupportedException($"Unexpected one-vs-rest member {sub.GetType().Name}."),
            })
            .ToArray();
        var weights = FloatMatrix.FromRows(members.Select(m => m.Weights.ToArray()).ToArray());
        return (weights, members.Select(m => m.Bias).ToArray());
    }

    /// <summary>
    /// Each class's objective <c>(1/N) Σ_n BCE(z_n·w_k + b_k, y_nk) + λ‖w_k‖₁</c>, computed in float64 from the weights
    /// alone — the independent yardstick that puts our students and ML.NET's one-vs-rest models on one scale.
    /// </summary>
    internal static double[] ClassObjectives(FloatMatrix features, FloatMatrix targets, FloatMatrix weights, IReadOnlyList<float> bias, double lambda)
    {
        var (n, c, k) = (features.Rows, features.Columns, weights.Rows);
        var objectives = new double[k];
        Parallel.For(0, k, kk =>
        {
            var w = weights.Row(kk).ToArray();
            double loss = 0;
            for (var i = 0; i < n; i++)
            {
                var row = features.Row(i);
                double t = bias[kk];
                for (var j = 0; j < c; j++)
                {
                    t += (double)row[j] * w[j];
                }
                loss += Math.Max(t, 0) + Math.Log(1 + Math.Exp(-Math.Abs(t))) - targets[i, kk] * t;
            }
            objectives[kk] = loss / n + lambda * w.Sum(v => Math.Abs((double)v));
        });
        return objectives;
    }

    /// <summary>
    /// The binary members of a one-vs-rest model. ML.NET 5 keeps <c>SubModelParameters</c> internal, so this reads it by
    /// reflection; it only feeds the non-zero counts and objectives of the reports, never a timed call.
    /// </summary>
    private static IEnumerable<object> OneVersusAllMembers(OneVersusAllModelParameters model) =>
        typeof(OneVersusAllModelParameters).GetProperty("SubModelParameters", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(model) as IEnumerable<object>
        ?? throw new NotSupportedException("This ML.NET version does not expose OneVersusAllModelParameters.SubModelParameters; count the non-zero weights another way.");

    /// <summary>An ML.NET model's predicted class per row (0-based), in the data's row order.</summary>
    internal static int[] Labels(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var column = scored.Schema["PredictedLabel"];
        var labels = new List<int>();
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<uint>(column);
        uint value = 0;
        while (cursor.MoveNext())
        {
            getter(ref value);
            labels.Add((int)value - 1);
        }
        return [.. labels];
    }

    /// <summary>Non-zero weights of a fitted ensemble.</summary>
    internal static int NonZeros(SolverResult fit) => fit.NonZeroCounts().Sum();

    /// <summary>Our model's predicted class per image, through the ML.NET interop (<see cref="StudentTransformer"/>)'s twin, <see cref="StudentEnsemble.PredictLabels(InFiConD.Concepts.ConceptScores)"/>.</summary>
    internal static int[] Labels(StudentEnsemble students, StudentFitData data) => students.PredictLabels(data.Scores);
}
