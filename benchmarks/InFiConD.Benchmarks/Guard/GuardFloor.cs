namespace InFiConD.Benchmarks.Guard;

/// <summary>One entry of <c>benchmarks/floors.json</c>: the limits a guarded path must stay within.</summary>
/// <param name="Path">The path's key (<see cref="GuardCase.Path"/>).</param>
/// <param name="Floor">The smallest acceptable ratio, baseline time ÷ path time; &gt; 0.</param>
/// <param name="AllocationCeilingBytes">The most managed bytes the path may allocate per <paramref name="AllocationUnit"/>; ≥ 0.</param>
/// <param name="AllocationUnit">What the ceiling counts per (<c>call</c>, <c>iteration</c>, <c>image</c>); must match the path's.</param>
internal sealed record GuardFloor(string Path, double Floor, long AllocationCeilingBytes, string AllocationUnit);
