namespace InFiConD.Embedding;

/// <summary>A source over a fixed array of items whose ids were checked to be unique.</summary>
internal sealed class ListImageSource : ImageSource
{
    private readonly ImageItem[] _items;

    public ListImageSource(ImageItem[] items, string description)
    {
        var seen = new Dictionary<string, int>(items.Length, StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i] ?? throw new ArgumentNullException(nameof(items), $"Item {i} is null.");
            if (!seen.TryAdd(item.Id, i))
            {
                throw new ArgumentException($"The id '{item.Id}' is used by items {seen[item.Id]} and {i}; ids must be unique.", nameof(items));
            }
        }
        _items = items;
        Description = description;
    }

    public override int Count => _items.Length;

    public override string Description { get; }

    public override ImageItem this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _items.Length);
            return _items[index];
        }
    }
}
