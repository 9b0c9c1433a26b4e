using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>Bootstrap statistics of the standardised weights: per weight, the mean and standard deviation over members.</summary>
/// <param name="Members">Number of bootstrap refits.</param>
/// <param name="Mean">K × C mean weights.</param>
/// <param name="Deviation">K × C standard deviations.</param>
/// <param name="NonZeroFraction">K × C fraction of members in which the weight is non-zero (selection stability).</param>
public sealed record WeightSpread(int Members, FloatMatrix Mean, FloatMatrix Deviation, FloatMatrix NonZeroFraction);
