using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>A warm start for <see cref="SparseLogisticSolver"/>: K × C weights and K biases.</summary>
/// <param name="Weights">K × C starting weights (projected into the bounds before the first step).</param>
/// <param name="Bias">K starting biases.</param>
public sealed record SolverStart(FloatMatrix Weights, IReadOnlyList<float> Bias);
