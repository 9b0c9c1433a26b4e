using System.Globalization;
using System.Text;
using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>The CSV layout of precomputed teacher outputs: header <c>id,&lt;classes&gt;</c>, one record per image.</summary>
internal static class TeacherCsv
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The parsed table: values unchecked for range (the caller knows the kind), lines for error messages.</summary>
    public sealed record Table(string[] ClassNames, string[] ImageIds, int[] Lines, FloatMatrix Values);

    /// <summary>Reads the file; <paramref name="logits"/> lets cells hold −∞ (a logit of probability 0).</summary>
    public static Table Read(string path, bool logits)
    {
        string text;
        try
        {
            // A byte-order mark, if any, is detected and skipped.
            text = File.ReadAllText(path, StrictUtf8);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidFileException(path, null, null, "the file is not valid UTF-8 text.", ex);
        }
        var reader = new CsvRecordReader(text, path);
        var (idColumn, classNames) = ReadHeader(reader, path);
        var ids = new List<string>();
        var lines = new List<int>();
        var values = new List<float>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.TryRead(out var fields, out var line, out var blank))
        {
            if (blank)
            {
                continue;
            }
            if (fields.Count > classNames.Length + 1)
            {
                throw new InvalidFileException(path, null, line,
                    $"the record has {fields.Count} fields but the header has {classNames.Length + 1}; quote values that contain commas.");
            }
            var id = fields[0];
            if (id.Length == 0)
            {
                throw new InvalidFileException(path, idColumn, line, "the image id is empty.");
            }
            if (!firstLine.TryAdd(id, line))
            {
                throw new InvalidFileException(path, idColumn, line, $"image id '{id}' appears on lines {firstLine[id]} and {line}; ids must be unique.");
            }
            for (var k = 0; k < classNames.Length; k++)
            {
                values.Add(ParseCell(fields, k + 1, classNames[k], id, path, line, logits));
            }
            ids.Add(id);
            lines.Add(line);
        }
        if (ids.Count == 0)
        {
            throw new InvalidFileException(path, null, null, "the file has a header but no image rows.");
        }
        return new Table(classNames, [.. ids], [.. lines], FloatMatrix.Wrap([.. values], ids.Count, classNames.Length));
    }

    public static void Write(TeacherOutputs teacher, Stream stream)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.Write("id");
        foreach (var name in teacher.ClassNames)
        {
            writer.Write(',');
            writer.Write(CsvField.Quote(name));
        }
        writer.WriteLine();
        for (var n = 0; n < teacher.ImageCount; n++)
        {
            writer.Write(CsvField.Quote(teacher.ImageIds[n]));
            foreach (var p in teacher.Probabilities.Row(n))
            {
                writer.Write(',');
                writer.Write(CsvField.Number(p));
            }
            writer.WriteLine();
        }
    }

    private static (string IdColumn, string[] ClassNames) ReadHeader(CsvRecordReader reader, string path)
    {
        if (!reader.TryRead(out var header, out var line, out var blank) || blank)
        {
            throw new InvalidFileException(path, null, 1, "the first line must be the header 'id,<class1>,<class2>,...'.");
        }
        var idColumn = header[0].Trim();
        if (!idColumn.Equals("id", StringComparison.OrdinalIgnoreCase) && !idColumn.Equals("image_id", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidFileException(path, header[0], line, $"the first column is named '{header[0]}'; it must be 'id' or 'image_id' and hold the image ids.");
        }
        if (header.Count < 2)
        {
            throw new InvalidFileException(path, null, line, "the header names no class columns; expected 'id,<class1>,<class2>,...'.");
        }
        var classNames = header.Skip(1).ToArray();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < classNames.Length; k++)
        {
            if (classNames[k].Length == 0)
            {
                throw new InvalidFileException(path, $"column {k + 2}", line, $"column {k + 2} of the header has no class name.");
            }
            if (!seen.TryAdd(classNames[k], k + 2))
            {
                throw new InvalidFileException(path, classNames[k], line, $"class '{classNames[k]}' names columns {seen[classNames[k]]} and {k + 2}; class names must be unique.");
            }
        }
        return (header[0], classNames);
    }

    private static float ParseCell(List<string> fields, int column, string className, string id, string path, int line, bool logits)
    {
        var cell = column < fields.Count ? fields[column].Trim() : "";
        if (cell.Length == 0)
        {
            var why = column < fields.Count ? "the cell is empty" : $"the record ends after {fields.Count} fields";
            throw new InvalidFileException(path, className, line, $"image '{id}' has no value for class '{className}': {why}; every class needs a value.");
        }
        if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new InvalidFileException(path, className, line, $"image '{id}' has '{cell}' for class '{className}', which is not a number.");
        }
        if (logits && float.IsNegativeInfinity(value))
        {
            return value; // −Infinity, or a number below float's range: probability 0 (PrecomputedTeacher checks the rows)
        }
        if (!float.IsFinite(value))
        {
            // NaN, ±Infinity, and numbers beyond float's range all land here.
            var rule = logits ? TeacherOutputs.LogitRule : "every probability must be finite.";
            throw new InvalidFileException(path, className, line, $"image '{id}' has the non-finite value '{cell}' for class '{className}'; {rule}");
        }
        return value;
    }
}
