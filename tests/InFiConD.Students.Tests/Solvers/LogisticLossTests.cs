namespace InFiConD.Students.Tests;

/// <summary>OWL-QN's fused loss and residual passes against a float64 reference, over logits from confident to uncertain.</summary>
public class LogisticLossTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(37)]
    [InlineData(1000)]
    public void The_fused_loss_and_residual_sums_match_a_float64_reference(int n)
    {
        var random = new Random(n);
        // Logits across the series' switch (|t| ≈ 6.9) and far beyond it, both signs, and exact zeros.
        var logits = Enumerable.Range(0, n).Select(i => i % 11 == 0 ? 0f : (float)((random.NextDouble() - 0.5) * 2 * Math.Pow(10, random.Next(-2, 2)) * 3)).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? 0.3f : random.Next(2)).ToArray();
        const float bias = -0.25f;
        var t = new float[n];
        var loss = LogisticLoss.LossSum(logits, bias, y, t);

        double expected = 0;
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(logits[i] + bias, t[i]);
            double ti = t[i];
            expected += Math.Max(ti, 0) + LogOnePlus(Math.Exp(-Math.Abs(ti))) - y[i] * ti;
        }
        Assert.Equal(expected, loss, Math.Max(1e-6 * Math.Abs(expected), 1e-6 * n));

        var residual = new float[n];
        var sum = LogisticLoss.ResidualSum(t, y, residual);
        double expectedSum = 0;
        for (var i = 0; i < n; i++)
        {
            var r = 1 / (1 + Math.Exp(-(double)t[i])) - y[i];
            Assert.Equal(r, residual[i], 1e-6);
            expectedSum += residual[i];
        }
        Assert.Equal(expectedSum, sum, 1e-9 * n);
    }

    [Fact]
    public void The_series_branch_keeps_full_relative_precision_for_confident_logits()
    {
        // Softplus of a large negative logit is e^t itself: the series must not lose it to rounding (log(1 + e) would give 0).
        float[] logits = [-8f, -12f, -20f, -40f];
        var t = new float[4];
        for (var i = 0; i < logits.Length; i++)
        {
            var loss = LogisticLoss.LossSum(logits.AsSpan(i, 1), 0f, [0f], t.AsSpan(0, 1));
            var exact = LogOnePlus(Math.Exp(logits[i]));
            Assert.True(Math.Abs(loss - exact) <= 1e-6 * exact, $"t = {logits[i]}: {loss:R} against {exact:R}");
        }
    }

    /// <summary>log(1 + e) in float64 without losing a tiny e to the rounding of 1 + e (its series below 1e-4).</summary>
    private static double LogOnePlus(double e) => e < 1e-4 ? e - e * e / 2 + e * e * e / 3 - e * e * e * e / 4 : Math.Log(1 + e);
}
