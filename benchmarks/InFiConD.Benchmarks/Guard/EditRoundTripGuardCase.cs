namespace InFiConD.Benchmarks.Guard;

/// <summary>
/// The interactive edit round trip (one downtune on one class, bounded warm-start refit of that class for 5 epochs,
/// metrics, provenance entry, the updated misalignment report) against the same edit with every class refit, every
/// logit recomputed and the report built from them — the
/// <see cref="EditRoundTripBenchmarks"/> pair, its own methods, at PASCAL VOC scale. Every call starts from the base
/// students (the session checks out the root version before each call, untimed).
/// </summary>
internal sealed class EditRoundTripGuardCase : GuardCase
{
    private readonly EditRoundTripBenchmarks _benchmarks = new() { Size = FitSize.Voc };

    /// <inheritdoc />
    public override string Path => "editing.round-trip";

    /// <inheritdoc />
    public override string Description =>
        $"EditSession.EditAsync (one class refit, 5 epochs) + report vs the same edit refitting all classes; {FitSize.Voc}";

    /// <inheritdoc />
    public override int Rounds => 25;

    /// <inheritdoc />
    public override int WarmupRounds => 3;

    /// <inheritdoc />
    public override void Setup() => _benchmarks.Setup();

    /// <inheritdoc />
    public override void BeforeEachCall() => _benchmarks.Reset();

    /// <inheritdoc />
    public override void RunPath() => _benchmarks.EditOneClass();

    /// <inheritdoc />
    public override void RunBaseline() => _benchmarks.FullRefitAllClasses();

    /// <inheritdoc />
    public override void Dispose() => _benchmarks.Cleanup();
}
