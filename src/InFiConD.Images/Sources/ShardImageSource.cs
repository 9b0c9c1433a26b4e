namespace InFiConD.Embedding;

/// <summary>The positions <c>index, index + count, index + 2·count, …</c> of a parent source.</summary>
internal sealed class ShardImageSource(ImageSource parent, int index, int count) : ImageSource
{
    // Positions index + k·count below the parent's count: ceil((n − index) / count), never negative.
    public override int Count => parent.Count <= index ? 0 : ((parent.Count - index - 1) / count) + 1;

    public override string Description => $"{parent.Description}, shard {index} of {count}";

    public override ImageItem this[int position]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(position);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Count);
            return parent[index + (position * count)];
        }
    }
}
