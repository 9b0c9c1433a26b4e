namespace InFiConD.Analysis;

/// <summary>One quantile of a concept's scores.</summary>
/// <param name="Probability">p in [0, 1].</param>
/// <param name="Value">Computes the linearly interpolated quantile of the sorted scores s (NumPy's default, Hyndman–Fan type 7):
/// <c>s[⌊h⌋] + (h − ⌊h⌋)(s[⌊h⌋ + 1] − s[⌊h⌋])</c> with <c>h = (N − 1) p</c>.</param>
public sealed record QuantileValue(double Probability, double Value);
