namespace InFiConD.Students.Tests;

/// <summary>
/// An independent reference: cyclic coordinate descent in float64 on one class at a time, each coordinate
/// minimised exactly (bisection on its monotone subgradient) inside its bounds.
/// </summary>
internal static class CoordinateDescentReference
{
    public static (double[] Weights, double Bias) Solve(double[,] z, double[] y, double l1, double l2, double[] penalty, double[] lower, double[] upper, int sweeps = 2000)
    {
        var (n, c) = (z.GetLength(0), z.GetLength(1));
        var w = new double[c];
        var logits = new double[n];
        double bias = 0;
        var previous = double.MaxValue;
        for (var sweep = 0; sweep < sweeps; sweep++)
        {
            var currentBias = bias;
            var newBias = Minimise(b => Derivative(logits, y, n, j: -1, z, b - currentBias), -50, 50);
            for (var i = 0; i < n; i++) logits[i] += newBias - bias;
            bias = newBias;
            for (var j = 0; j < c; j++)
            {
                var old = w[j];
                var jj = j;
                double Smooth(double v) => Derivative(logits, y, n, jj, z, v - old) + l2 * penalty[jj] * v;
                var lambda = l1 * penalty[j];
                var lo = Math.Max(lower[j], -50);
                var hi = Math.Min(upper[j], 50);
                double value;
                if (lo <= 0 && hi >= 0 && Math.Abs(Smooth(0)) <= lambda)
                {
                    value = 0;
                }
                else if (hi > 0 && Smooth(Math.Max(lo, 0)) + lambda < 0)
                {
                    value = Minimise(v => Smooth(v) + lambda, Math.Max(lo, 0), hi);
                }
                else if (lo < 0 && Smooth(Math.Min(hi, 0)) - lambda > 0)
                {
                    value = Minimise(v => Smooth(v) - lambda, lo, Math.Min(hi, 0));
                }
                else
                {
                    // Neither side descends from the point of the box nearest zero (a box away from zero, or zero held by a
                    // bound at 0): the minimiser is that point.
                    value = Math.Clamp(0, lo, hi);
                }
                for (var i = 0; i < n; i++) logits[i] += z[i, j] * (value - old);
                w[j] = value;
            }
            var objective = Objective(logits, y, w, l1, l2, penalty);
            if (Math.Abs(previous - objective) < 1e-15)
            {
                break;
            }
            previous = objective;
        }
        return (w, bias);
    }

    public static double Objective(double[] logits, double[] y, double[] w, double l1, double l2, double[] penalty)
    {
        double loss = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var l = logits[i];
            loss += Math.Max(l, 0) + Math.Log(1 + Math.Exp(-Math.Abs(l))) - y[i] * l;
        }
        loss /= logits.Length;
        for (var j = 0; j < w.Length; j++)
        {
            loss += l1 * penalty[j] * Math.Abs(w[j]) + 0.5 * l2 * penalty[j] * w[j] * w[j];
        }
        return loss;
    }

    /// <summary>d/dv of the mean BCE when coordinate j (−1: bias) moves by delta from its current value.</summary>
    private static double Derivative(double[] logits, double[] y, int n, int j, double[,] z, double delta)
    {
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            var x = j < 0 ? 1 : z[i, j];
            var l = logits[i] + x * delta;
            sum += (1 / (1 + Math.Exp(-l)) - y[i]) * x;
        }
        return sum / n;
    }

    /// <summary>Root of an increasing function on [lo, hi], or the end it is pushed to.</summary>
    private static double Minimise(Func<double, double> derivative, double lo, double hi)
    {
        if (derivative(lo) >= 0) return lo;
        if (derivative(hi) <= 0) return hi;
        for (var i = 0; i < 200 && hi - lo > 1e-13; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (derivative(mid) > 0) hi = mid; else lo = mid;
        }
        return 0.5 * (lo + hi);
    }
}
