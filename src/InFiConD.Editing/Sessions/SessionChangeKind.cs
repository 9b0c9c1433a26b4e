namespace InFiConD.Editing;

/// <summary>What made an <see cref="EditSession"/> change its current version.</summary>
public enum SessionChangeKind
{
    /// <summary>An edit was logged and its version made current.</summary>
    Edit,

    /// <summary>The current version's parent was made current.</summary>
    Undo,

    /// <summary>A child of the current version was made current.</summary>
    Redo,

    /// <summary>A version named by the caller was made current.</summary>
    Checkout,
}
