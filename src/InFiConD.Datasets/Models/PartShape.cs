namespace InFiConD.Datasets;

/// <summary>One shape of a part in the object's local frame, optionally in a colour of its own (a wheel's hub).</summary>
/// <param name="Shape">The shape, local coordinates within the unit disc.</param>
/// <param name="Colour">A colour overriding the part's paint, or <see langword="null"/>.</param>
internal readonly record struct PartShape(Shape Shape, Rgb? Colour = null);
