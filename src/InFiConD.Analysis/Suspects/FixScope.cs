namespace InFiConD.Analysis;

/// <summary>Which students a <see cref="SuspectFix"/> edits.</summary>
public enum FixScope
{
    /// <summary>Only the suspect's own class.</summary>
    ThisClass,

    /// <summary>Every class whose student uses the concept: a cue is usually read by several classes.</summary>
    AllClasses,
}
