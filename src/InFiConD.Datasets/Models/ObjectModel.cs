namespace InFiConD.Datasets;

/// <summary>
/// An object class drawn from parts. Shapes are in a local frame whose every point lies in the unit disc
/// (y down, facing right), so any rotation and scale keeps the object inside a circle of radius = scale.
/// Parts are listed in drawing order (back to front).
/// </summary>
internal abstract class ObjectModel
{
    /// <summary>The class name.</summary>
    public abstract string Name { get; }

    /// <summary>The background the class is planted on in the train and test splits.</summary>
    public abstract BackgroundKind Cue { get; }

    /// <summary>The parts in drawing order.</summary>
    public abstract IReadOnlyList<PartModel> Parts { get; }

    /// <summary>Which parts one instance has: bit i set when part i is present.</summary>
    public abstract ulong ChooseParts(ref SplitMix64 random);

    /// <summary>Adds part <paramref name="part"/>'s shapes in the local frame (some parts vary, such as a flower's petal count).</summary>
    public abstract void AddShapes(int part, ref SplitMix64 random, List<PartShape> shapes);

    /// <summary>The index of the part called <paramref name="name"/>, or −1.</summary>
    public int PartIndex(string name)
    {
        for (var i = 0; i < Parts.Count; i++)
        {
            if (Parts[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A mask with bit i set for the given parts.</summary>
    protected static ulong Bits(params int[] parts) => parts.Aggregate(0UL, (bits, p) => bits | (1UL << p));
}
