using System.Globalization;

namespace InFiConD.Students;

/// <summary>Writes CSV fields the way <see cref="InFiConD.Core.CsvRecordReader"/> reads them back (RFC 4180).</summary>
internal static class CsvField
{
    /// <summary>The field as written: quoted (with doubled quotes) when it holds a comma, quote, line break or edge space.</summary>
    public static string Quote(string value)
    {
        // Edge spaces are quoted too, so spreadsheet tools that trim unquoted cells keep the name intact.
        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])));
        return needsQuotes ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    /// <summary>A float in invariant culture, in the shortest form that parses back to the same value ("R"); −0 is written as 0.</summary>
    public static string Number(float value) => (value + 0f).ToString("R", CultureInfo.InvariantCulture);
}
