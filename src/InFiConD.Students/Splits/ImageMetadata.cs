using System.Collections.ObjectModel;

namespace InFiConD.Students;

/// <summary>
/// Known attributes of a split's images, one row per image (in the order of the split's image ids) and one column per
/// attribute (<c>site</c>, <c>camera</c>, <c>has_mark</c>…): the extra columns of a manifest, carried into the session so
/// results can be grouped by them. A value is <see langword="null"/> where an image does not have the attribute.
/// </summary>
public sealed class ImageMetadata
{
    private readonly Dictionary<string, string?[]> _columns;

    private ImageMetadata(int rows, Dictionary<string, string?[]> columns, IReadOnlyList<string> names)
    {
        Rows = rows;
        _columns = columns;
        Columns = names;
    }

    /// <summary>No attributes, for any number of images.</summary>
    /// <param name="rows">The number of images.</param>
    /// <returns>A table with no columns.</returns>
    public static ImageMetadata Empty(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return new ImageMetadata(rows, new Dictionary<string, string?[]>(StringComparer.Ordinal), []);
    }

    /// <summary>The number of images (rows).</summary>
    public int Rows { get; }

    /// <summary>The attribute names, in the order they were given.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Every column's values, by attribute name (for JSON and tables).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string?>> Values =>
        new ReadOnlyDictionary<string, IReadOnlyList<string?>>(Columns.ToDictionary(c => c, c => (IReadOnlyList<string?>)Array.AsReadOnly(_columns[c]), StringComparer.Ordinal));

    /// <summary>Builds a table from columns of equal length.</summary>
    /// <param name="rows">The number of images.</param>
    /// <param name="columns">Attribute name → one value per image (copied).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">A name is empty or only white space, or a column's length is not <paramref name="rows"/> (named).</exception>
    public static ImageMetadata Create(int rows, IEnumerable<KeyValuePair<string, IReadOnlyList<string?>>> columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentNullException.ThrowIfNull(columns);
        var table = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var (name, values) in columns)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A metadata column has an empty name.", nameof(columns));
            }
            ArgumentNullException.ThrowIfNull(values, nameof(columns));
            if (values.Count != rows)
            {
                throw new ArgumentException($"The metadata column '{name}' holds {values.Count} values; expected {rows} (one per image).", nameof(columns));
            }
            if (!table.TryAdd(name, values.ToArray()))
            {
                throw new ArgumentException($"The metadata column '{name}' is given twice.", nameof(columns));
            }
            names.Add(name);
        }
        return new ImageMetadata(rows, table, names.AsReadOnly());
    }

    /// <summary>Builds a table from each image's own attributes (a missing attribute becomes <see langword="null"/>).</summary>
    /// <param name="perImage">One dictionary per image, in row order; <see langword="null"/> for an image with none.</param>
    /// <returns>The table; columns in order of first appearance.</returns>
    public static ImageMetadata FromRows(IReadOnlyList<IReadOnlyDictionary<string, string>?> perImage)
    {
        ArgumentNullException.ThrowIfNull(perImage);
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in perImage)
        {
            foreach (var key in row?.Keys ?? [])
            {
                if (seen.Add(key))
                {
                    names.Add(key);
                }
            }
        }
        var columns = names.Select(name => KeyValuePair.Create(name, (IReadOnlyList<string?>)perImage
            .Select(row => row is not null && row.TryGetValue(name, out var value) ? value : null).ToArray()));
        return Create(perImage.Count, columns);
    }

    /// <summary>Whether the table has an attribute.</summary>
    /// <param name="column">The attribute name (ordinal).</param>
    /// <returns><see langword="true"/> when present.</returns>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>One attribute's values, one per image.</summary>
    /// <param name="column">The attribute name (ordinal).</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentException">No such attribute (the known ones are listed).</exception>
    public IReadOnlyList<string?> Column(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return _columns.TryGetValue(column, out var values)
            ? Array.AsReadOnly(values)
            : throw new ArgumentException($"No metadata column '{column}'; the images have {(Columns.Count == 0 ? "none" : string.Join(", ", Columns.Select(c => $"'{c}'")))}.", nameof(column));
    }

    /// <summary>The rows at the given positions, in that order.</summary>
    /// <param name="rows">Row positions, each in [0, <see cref="Rows"/>).</param>
    /// <returns>The sub-table.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A position is out of range.</exception>
    public ImageMetadata SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var r in rows)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(r, nameof(rows));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(r, Rows, nameof(rows));
        }
        return Create(rows.Count, Columns.Select(c => KeyValuePair.Create(c, (IReadOnlyList<string?>)rows.Select(r => _columns[c][r]).ToArray())));
    }
}
