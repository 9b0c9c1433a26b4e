namespace InFiConD.Benchmarks.Guard;

/// <summary>
/// One guarded hot path and the baseline it is timed against in the same run. The guard calls
/// <see cref="Setup"/> once, then <see cref="RunBaseline"/> and <see cref="RunPath"/> in interleaved rounds
/// (<see cref="GuardMeasurement"/>), and reports <c>ratio = baseline time ÷ path time</c> (higher is better).
/// </summary>
internal abstract class GuardCase : IDisposable
{
    /// <summary>The key of this path in <c>benchmarks/floors.json</c>.</summary>
    public abstract string Path { get; }

    /// <summary>One line: what is timed against what, at which shape.</summary>
    public abstract string Description { get; }

    /// <summary>What <see cref="Allocation"/> counts per: <c>call</c>, <c>iteration</c>, <c>image</c>.</summary>
    public virtual string AllocationUnit => "call";

    /// <summary>Measured rounds (each one baseline call and one path call).</summary>
    public virtual int Rounds => 7;

    /// <summary>Unmeasured rounds first (JIT tiering, caches, thread pool growth).</summary>
    public virtual int WarmupRounds => 1;

    /// <summary>Builds the inputs; not timed.</summary>
    public abstract void Setup();

    /// <summary>One call of the in-run baseline.</summary>
    public abstract void RunBaseline();

    /// <summary>One call of the guarded path.</summary>
    public abstract void RunPath();

    /// <summary>Restores state before every timed call (for paths that change it); not timed.</summary>
    public virtual void BeforeEachCall()
    {
    }

    /// <summary>
    /// Managed bytes the path allocates per <see cref="AllocationUnit"/>, given the fewest bytes one measured call of
    /// <see cref="RunPath"/> allocated (the fewest, because a stray allocation elsewhere in the process only adds).
    /// </summary>
    public virtual long Allocation(long fewestBytesPerCall) => fewestBytesPerCall;

    /// <summary>Frees what <see cref="Setup"/> made.</summary>
    public virtual void Dispose()
    {
    }
}
