namespace InFiConD.Datasets;

/// <summary>What a scene shows.</summary>
internal enum SceneKind
{
    /// <summary>A whole object on a background (split images).</summary>
    Object,

    /// <summary>Some parts of an object, enlarged, on neutral grey (part exemplars).</summary>
    Parts,

    /// <summary>Patches of one colour and texture on neutral grey (colour and texture exemplars).</summary>
    Swatch,

    /// <summary>A background alone (background exemplars).</summary>
    Background,
}
