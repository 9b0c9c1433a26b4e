namespace InFiConD.Datasets;

/// <summary>
/// Exact background counts for one class of one split, so split statistics equal the configured
/// correlation by construction rather than in expectation.
/// </summary>
internal static class BackgroundPlan
{
    private static readonly int BackgroundCount = WorldCatalog.BackgroundNames.Count;

    /// <summary>
    /// With the cue: round(strength · n) (halves away from zero) on <paramref name="cue"/>, the rest on the other
    /// backgrounds in turn from a random start (their counts differ by at most one). Shuffled.
    /// </summary>
    public static BackgroundKind[] WithCue(BackgroundKind cue, int n, double strength, ref SplitMix64 random)
    {
        var onCue = CueCount(n, strength);
        var others = Enumerable.Range(0, BackgroundCount).Where(b => b != (int)cue).ToArray();
        var backgrounds = new BackgroundKind[n];
        var start = random.NextInt(others.Length);
        for (var i = 0; i < n; i++)
        {
            backgrounds[i] = i < onCue ? cue : (BackgroundKind)others[(start + i - onCue) % others.Length];
        }
        random.Shuffle(backgrounds.AsSpan());
        return backgrounds;
    }

    /// <summary>
    /// Balanced: ⌊n / B⌋ images on every background and one more on the n mod B backgrounds starting at
    /// <paramref name="classPosition"/> (rotating by class keeps the split's totals balanced too). Shuffled.
    /// </summary>
    public static BackgroundKind[] Balanced(int classPosition, int n, ref SplitMix64 random)
    {
        var backgrounds = new BackgroundKind[n];
        var i = 0;
        for (var b = 0; b < BackgroundCount; b++)
        {
            var count = (n / BackgroundCount) + (((b - classPosition) % BackgroundCount + BackgroundCount) % BackgroundCount < n % BackgroundCount ? 1 : 0);
            for (var k = 0; k < count; k++)
            {
                backgrounds[i++] = (BackgroundKind)b;
            }
        }
        random.Shuffle(backgrounds.AsSpan());
        return backgrounds;
    }

    /// <summary>round(strength · n), halves away from zero.</summary>
    public static int CueCount(int n, double strength) => (int)Math.Round(strength * n, MidpointRounding.AwayFromZero);
}
