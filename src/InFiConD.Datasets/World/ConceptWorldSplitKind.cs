namespace InFiConD.Datasets;

/// <summary>The three splits of a <see cref="ConceptWorld"/>.</summary>
public enum ConceptWorldSplitKind
{
    /// <summary>Training images, with the planted background cue at the configured strength.</summary>
    Train,

    /// <summary>Test images from the same distribution as <see cref="Train"/> (the cue holds).</summary>
    Test,

    /// <summary>Test images whose backgrounds are balanced across classes (the cue is gone).</summary>
    Shifted,
}
