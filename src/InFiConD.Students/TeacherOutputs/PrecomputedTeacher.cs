using InFiConD.Core;

namespace InFiConD.Students;

/// <summary>
/// Loads teacher outputs that were computed elsewhere (a Python notebook, a batch job) from <c>.npy</c> or CSV
/// files, and saves them as CSV. Every problem in a file is reported as an <see cref="InvalidFileException"/>
/// naming the file, the class column and the line (CSV) or row (<c>.npy</c>) at fault.
/// </summary>
public static class PrecomputedTeacher
{
    /// <summary>Reads an N × K float32 or float64 <c>.npy</c> matrix of probabilities or logits.</summary>
    /// <param name="path">The <c>.npy</c> file; shape (N, K), C order.</param>
    /// <param name="kind">Whether the file holds probabilities or logits.</param>
    /// <param name="classNames">The K class names, in column order.</param>
    /// <param name="imageIds">The N image ids, in row order.</param>
    /// <param name="multiLabel">Independent per-class probabilities (sigmoids) instead of one distribution per row.</param>
    /// <param name="temperature">Softening T applied to logits (<c>l / T</c>); must be 1 for probabilities.</param>
    /// <exception cref="InvalidFileException">The file is malformed, not float32/float64 (field <c>descr</c>), not N × K
    /// (field <c>shape</c>), or holds a non-finite value (logits may be −∞, a class of probability 0, but a single-label row
    /// may not be −∞ throughout), a probability outside [0, 1] or a single-label row not summing to 1 (field: the class name,
    /// or <see langword="null"/> for a whole row; position: the 0-based row).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">The class names or image ids repeat, or a temperature is given for probabilities.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kind is unknown or the temperature is not positive and finite.</exception>
    public static TeacherOutputs FromNpy(string path, TeacherOutputKind kind, IReadOnlyList<string> classNames, IReadOnlyList<string> imageIds, bool multiLabel = false, float temperature = 1f)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(imageIds);
        CheckKind(kind, temperature);
        var array = Npy.Read(path);
        if (array.DataType is not (NpyDataType.Float32 or NpyDataType.Float64))
        {
            throw new InvalidFileException(path, "descr", null,
                $"expected float32 or float64 teacher outputs, found {array.DataType}; save them from NumPy with a.astype('<f4').");
        }
        if (array.Rank != 2 || array.Shape[0] != imageIds.Count || array.Shape[1] != classNames.Count)
        {
            throw new InvalidFileException(path, "shape", null,
                $"expected shape ({imageIds.Count}, {classNames.Count}) (one row per image id, one column per class name), found ({string.Join(", ", array.Shape)}).");
        }
        var values = array.ConvertToFloat32().ToFloatMatrix();
        // Rows are 0-based records here: the file has no lines.
        return Build(path, values, kind, classNames, imageIds, multiLabel, temperature, row => row, row => $"image '{imageIds[row]}' (row {row})");
    }

    /// <summary>
    /// Reads a UTF-8 CSV file with a header <c>id,&lt;class1&gt;,&lt;class2&gt;,…</c> (the first column may also be
    /// named <c>image_id</c>) and one row per image. Fields follow RFC 4180: quote names holding commas or quotes and
    /// double the quotes inside; blank lines are skipped.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="kind">Whether the cells hold probabilities or logits.</param>
    /// <param name="multiLabel">Independent per-class probabilities (sigmoids) instead of one distribution per row.</param>
    /// <param name="temperature">Softening T applied to logits (<c>l / T</c>); must be 1 for probabilities.</param>
    /// <exception cref="InvalidFileException">The file is empty, not UTF-8, has a bad header, a repeated class or image id
    /// (both lines named), a missing, non-numeric or non-finite cell (logits may be <c>-Infinity</c>, but a single-label row
    /// may not be −∞ throughout), a probability outside [0, 1] or a single-label row not summing to 1;
    /// <see cref="InvalidFileException.Field"/> is the class (or id column, or <see langword="null"/> for a whole row) and
    /// <see cref="InvalidFileException.Position"/> the 1-based line.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A temperature is given for probabilities.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The kind is unknown or the temperature is not positive and finite.</exception>
    public static TeacherOutputs FromCsv(string path, TeacherOutputKind kind, bool multiLabel = false, float temperature = 1f)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckKind(kind, temperature);
        var table = TeacherCsv.Read(path, kind == TeacherOutputKind.Logits);
        try
        {
            return Build(path, table.Values, kind, table.ClassNames, table.ImageIds, multiLabel, temperature, row => table.Lines[row], row => $"image '{table.ImageIds[row]}'");
        }
        catch (ArgumentException ex) when (ex is not ArgumentOutOfRangeException)
        {
            // Build checks every rule with its line first; this only catches a rule TeacherOutputs gains later.
            throw new InvalidFileException(path, null, null, ex.Message, ex);
        }
    }

    /// <summary>
    /// Saves the probabilities as CSV (header <c>id,&lt;classes&gt;</c>, values in round-trip format) through
    /// <see cref="AtomicFile"/>. <see cref="FromCsv"/> with <see cref="TeacherOutputKind.Probabilities"/> and the same
    /// <see cref="TeacherOutputs.MultiLabel"/> reads back identical values.
    /// </summary>
    /// <param name="teacher">The outputs to save.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="IOException">The file could not be written; an existing file is left unchanged.</exception>
    public static void SaveCsv(TeacherOutputs teacher, string path)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, stream => TeacherCsv.Write(teacher, stream));
    }

    private static void CheckKind(TeacherOutputKind kind, float temperature)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "The kind must be Probabilities or Logits.");
        }
        if (!(temperature > 0) || float.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive and finite.");
        }
        if (kind == TeacherOutputKind.Probabilities && temperature != 1f)
        {
            // Silently ignoring it would leave a user believing the teacher was softened.
            throw new ArgumentException($"A temperature ({temperature}) applies to logits only; load the file with TeacherOutputKind.Logits, or pass 1.", nameof(temperature));
        }
    }

    /// <summary>Checks every value with its file position, then builds the outputs (which then cannot fail on the values).</summary>
    private static TeacherOutputs Build(string path, FloatMatrix values, TeacherOutputKind kind, IReadOnlyList<string> classNames, IReadOnlyList<string> imageIds,
        bool multiLabel, float temperature, Func<int, long> positionOf, Func<int, string> describe)
    {
        var logits = kind == TeacherOutputKind.Logits;
        for (var n = 0; n < values.Rows; n++)
        {
            var row = values.Row(n);
            double sum = 0;
            var finite = false;
            for (var k = 0; k < row.Length; k++)
            {
                if (logits && float.IsNegativeInfinity(row[k]))
                {
                    continue; // a logit of probability 0
                }
                if (!float.IsFinite(row[k]))
                {
                    var rule = logits ? TeacherOutputs.LogitRule : "every probability must be finite.";
                    throw new InvalidFileException(path, classNames[k], positionOf(n),
                        $"{describe(n)} has the non-finite value {row[k]} for class '{classNames[k]}'; {rule}",
                        new NonFiniteValueException(path, n, k, row[k], rule));
                }
                finite = true;
                if (kind == TeacherOutputKind.Probabilities && row[k] is < 0f or > 1f)
                {
                    throw new InvalidFileException(path, classNames[k], positionOf(n),
                        $"{describe(n)} has probability {row[k]} for class '{classNames[k]}', outside [0, 1]; load the file with TeacherOutputKind.Logits if it holds logits.");
                }
                sum += row[k];
            }
            if (logits && !multiLabel && !finite && row.Length > 0)
            {
                throw new InvalidFileException(path, null, positionOf(n), $"{describe(n)}: {TeacherOutputs.AllNegativeInfinityRule} Pass multiLabel: true if the classes are independent.",
                    new NonFiniteValueException(path, n, 0, float.NegativeInfinity, TeacherOutputs.AllNegativeInfinityRule));
            }
            if (kind == TeacherOutputKind.Probabilities && !multiLabel && Math.Abs(sum - 1) > TeacherOutputs.RowSumTolerance)
            {
                throw new InvalidFileException(path, null, positionOf(n),
                    $"the probabilities of {describe(n)} sum to {sum:G6}, not 1 (tolerance {TeacherOutputs.RowSumTolerance}); pass multiLabel: true if the classes are independent, or load logits.");
            }
        }
        return kind == TeacherOutputKind.Probabilities
            ? TeacherOutputs.FromProbabilities(values, classNames, imageIds, multiLabel)
            : TeacherOutputs.FromLogits(values, classNames, imageIds, multiLabel, temperature);
    }
}
