namespace InFiConD.Datasets;

/// <summary>What a ConceptWorld concept describes.</summary>
public enum ConceptKind
{
    /// <summary>A part of an object (sail, wheel, roof…); present when the part is drawn.</summary>
    Part,

    /// <summary>The object's colour (red, blue…); present when the object's primary parts have it.</summary>
    Colour,

    /// <summary>The object's texture (plain, striped, dotted, checked) on its primary parts.</summary>
    Texture,

    /// <summary>The scene's background (water, grass, road, sand, sky, wall).</summary>
    Background,
}
