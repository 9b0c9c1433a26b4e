namespace InFiConD.Students;

/// <summary>
/// One class's iterate, bounds, gradient, direction, line search, logits and curvature history (C weights + the bias, in
/// double), for <see cref="QuasiNewtonRun"/>.
/// </summary>
internal sealed class QuasiNewtonClass
{
    private readonly double[][] _s, _y;
    private readonly double[] _rho;
    private int _newest = -1;

    public QuasiNewtonClass(int images, int dimension)
    {
        X = new double[dimension];
        Trial = new double[dimension];
        Gradient = new double[dimension];
        Scratch = new double[dimension];
        PseudoGradient = new double[dimension];
        Direction = new double[dimension];
        Orthant = new int[dimension];
        Pinned = new int[dimension];
        PinnedValues = new double[dimension];
        Lower = new double[dimension];
        Upper = new double[dimension];
        Fixed = new bool[dimension];
        Alphas = new double[QuasiNewtonRun.History];
        _s = new double[QuasiNewtonRun.History][];
        _y = new double[QuasiNewtonRun.History][];
        for (var i = 0; i < QuasiNewtonRun.History; i++)
        {
            (_s[i], _y[i]) = (new double[dimension], new double[dimension]);
        }
        _rho = new double[QuasiNewtonRun.History];
        Targets = new float[images];
        Logits = new float[images];
        TrialLogits = new float[images];
        Scratch0 = new float[images];
    }

    public double[] X { get; set; }

    public double[] Trial { get; set; }

    public double[] Gradient { get; set; }

    public double[] Scratch { get; set; }

    public double[] PseudoGradient { get; }

    public double[] Direction { get; }

    public int[] Orthant { get; }

    /// <summary>
    /// Weights the iteration's direction aims at zero or at a bound (the first <see cref="PinnedCount"/>), each to land
    /// exactly on its <see cref="PinnedValues"/> entry at the first step.
    /// </summary>
    public int[] Pinned { get; }

    /// <summary>Where each pinned weight lands at the first step: 0 or one of its bounds.</summary>
    public double[] PinnedValues { get; }

    public int PinnedCount { get; set; }

    /// <summary>The iteration's first step, at which the pinned weights reach their values.</summary>
    public double FirstStep { get; set; }

    /// <summary>Lower bound per weight (−∞ where none; the bias, last, is always free).</summary>
    public double[] Lower { get; }

    /// <summary>Upper bound per weight (+∞ where none; the bias, last, is always free).</summary>
    public double[] Upper { get; }

    /// <summary>Weights that never move: excluded concepts (held at 0) and weights whose bounds are equal.</summary>
    public bool[] Fixed { get; }

    public double[] Alphas { get; }

    /// <summary>The class's targets over the images.</summary>
    public float[] Targets { get; }

    /// <summary><c>Z·w</c> at the iterate (no bias).</summary>
    public float[] Logits { get; set; }

    /// <summary><c>Z·w</c> at the trial point (no bias).</summary>
    public float[] TrialLogits { get; set; }

    public float[] Scratch0 { get; }

    public double Objective { get; set; }

    public double TrialObjective { get; set; }

    public double TrialResidualSum { get; set; }

    /// <summary>pgᵀ(trial − x), negative for a descent step.</summary>
    public double Decrease { get; set; }

    public double Step { get; set; }

    public int SmallChanges { get; set; }

    public bool Done { get; set; }

    /// <summary>Pairs stored (at most <see cref="QuasiNewtonRun.History"/>).</summary>
    public int Count { get; private set; }

    /// <summary>sᵀy / yᵀy of the newest pair: the scale of the initial inverse Hessian.</summary>
    public double Gamma { get; private set; } = 1;

    /// <summary>Pair i, oldest (0) to newest (Count − 1).</summary>
    public (double[] S, double[] Y, double Rho) Pair(int i)
    {
        var at = (_newest - (Count - 1 - i) + QuasiNewtonRun.History) % QuasiNewtonRun.History;
        return (_s[at], _y[at], _rho[at]);
    }

    /// <summary>The buffers the next pair is written into (the oldest slot when full); kept only on <see cref="Commit"/>.</summary>
    public (double[] S, double[] Y) NextPair()
    {
        var at = (_newest + 1) % QuasiNewtonRun.History;
        return (_s[at], _y[at]);
    }

    /// <summary>A pair written by <see cref="NextPair"/> but not kept: when the history was full it overwrote the oldest pair, which is dropped.</summary>
    public void Discard() => Count = Math.Min(Count, QuasiNewtonRun.History - 1);

    public void Commit(double rho, double gamma)
    {
        _newest = (_newest + 1) % QuasiNewtonRun.History;
        _rho[_newest] = rho;
        Count = Math.Min(Count + 1, QuasiNewtonRun.History);
        Gamma = gamma;
    }

    /// <summary>Writes a point's weights as float32 (what the products use; points are float32 values already) and returns its bias.</summary>
    public static float WriteTo(double[] point, Span<float> weights)
    {
        for (var j = 0; j < weights.Length; j++)
        {
            weights[j] = (float)point[j];
        }
        return (float)point[weights.Length];
    }
}
