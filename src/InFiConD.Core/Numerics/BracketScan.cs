namespace InFiConD.Core;

/// <summary>What <see cref="Kernels.ScanBracket(ReadOnlySpan{float}, float, float, Span{float})"/> found in one pass over a column of values.</summary>
/// <param name="Above">How many values are above the bracket's high end.</param>
/// <param name="Inside">How many values lie in the bracket (both ends included), copied in order to the caller's buffer.</param>
/// <param name="Minimum">The smallest value (NaN when a value is NaN; +∞ for no values).</param>
public readonly record struct BracketScan(int Above, int Inside, float Minimum);
