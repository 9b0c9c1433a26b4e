using InFiConD.Core;
using InFiConD.Students;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace InFiConD.MLNet;

/// <summary>
/// Any trained ML.NET model (<see cref="ITransformer"/>) used as the teacher: <see cref="GetOutputs"/> runs the model on
/// a data view and reads, row by row, its score vector and the image id into <see cref="TeacherOutputs"/>, the form the
/// students are fitted to. The model must keep (or produce) the id column; ML.NET's transforms and multiclass trainers
/// pass input columns through.
/// </summary>
public sealed class MlNetTeacher
{
    private MlNetTeacher(ITransformer model, IReadOnlyList<string> classNames, MlNetTeacherOptions options)
    {
        Model = model;
        ClassNames = classNames;
        Options = options;
    }

    /// <summary>The ML.NET model.</summary>
    public ITransformer Model { get; }

    /// <summary>The K class names, in the order of the model's score vector.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>How the model's output is read.</summary>
    public MlNetTeacherOptions Options { get; }

    /// <summary>Wraps a trained model.</summary>
    /// <param name="model">The trained ML.NET model.</param>
    /// <param name="classNames">K distinct class names, in the order of the score vector's slots. When the score column
    /// carries slot names (ML.NET's multiclass trainers copy the label's key values there) and they are the same names in
    /// another order, <see cref="GetOutputs"/> refuses them rather than silently mislabel the classes.</param>
    /// <param name="options">Columns and output kind; <see langword="null"/> for <see cref="MlNetTeacherOptions.Default"/>.</param>
    /// <returns>The teacher.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/>, <paramref name="classNames"/> or a name is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There are no class names, or a name repeats.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (see <see cref="MlNetTeacherOptions.Validate"/>).</exception>
    public static MlNetTeacher Create(ITransformer model, IReadOnlyList<string> classNames, MlNetTeacherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(classNames);
        options = (options ?? MlNetTeacherOptions.Default).Validate();
        var names = classNames.ToArray();
        if (names.Length == 0)
        {
            throw new ArgumentException("A teacher needs at least one class name.", nameof(classNames));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            ArgumentNullException.ThrowIfNull(name, nameof(classNames));
            if (!seen.Add(name))
            {
                throw new ArgumentException($"Class name '{name}' is given twice; class names must be distinct.", nameof(classNames));
            }
        }
        return new MlNetTeacher(model, Array.AsReadOnly(names), options);
    }

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> and reads its scores: one row of K values per image, checked finite.
    /// Probabilities (declared or detected, see <see cref="MlNetTeacherOptions.OutputKind"/>) must lie in [0, 1] and,
    /// single-label, sum to 1 within <see cref="TeacherOutputs.RowSumTolerance"/>; logits go through softmax (or sigmoid)
    /// with the temperature. Errors name the row and its image id.
    /// </summary>
    /// <param name="inputs">The model's input data, with an image id column.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>N × K teacher outputs with the rows' image ids.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The model's output lacks the score or id column (its columns listed) or has them
    /// with the wrong type; the score column's slot names are the class names in another order; a declared probability
    /// is outside [0, 1] or a row does not sum to 1 (row and image named); a temperature is set for probabilities; or an
    /// id repeats.</exception>
    /// <exception cref="ShapeMismatchException">The score vector does not have K values (in the schema, or in a named row).</exception>
    /// <exception cref="NonFiniteValueException">A score is NaN or infinite (row and class index named).</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public TeacherOutputs GetOutputs(IDataView inputs, CancellationToken cancellationToken = default) => Read(inputs, cancellationToken).Outputs;

    /// <summary>What <see cref="GetOutputs"/> returns, and whether the scores were logits or probabilities (declared or detected).</summary>
    internal (TeacherOutputs Outputs, TeacherOutputKind Kind) Read(IDataView inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var scored = Model.Transform(inputs);
        var k = ClassNames.Count;
        var score = SchemaColumns.RequireFloatVector(scored.Schema, Options.ScoreColumn, k, "score", nameof(inputs));
        var id = SchemaColumns.RequireText(scored.Schema, Options.IdColumn, "image id", nameof(inputs));
        RejectPermutedSlotNames(score);
        var values = new List<float>(checked((int)Math.Min((scored.GetRowCount() ?? 1024) * k, Array.MaxLength)));
        var ids = new List<string>();
        var row = new float[k];
        using (var cursor = scored.GetRowCursor([score, id]))
        {
            var getScore = cursor.GetGetter<VBuffer<float>>(score);
            var getId = cursor.GetGetter<ReadOnlyMemory<char>>(id);
            var vector = default(VBuffer<float>);
            var text = default(ReadOnlyMemory<char>);
            while (cursor.MoveNext())
            {
                if ((ids.Count & 1023) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
                getScore(ref vector);
                SchemaColumns.CopyFinite(vector, row, Options.ScoreColumn, ids.Count);
                values.AddRange(row);
                getId(ref text);
                ids.Add(text.ToString());
            }
        }
        var matrix = FloatMatrix.Wrap([.. values], ids.Count, k);
        var kind = Options.OutputKind ?? Detect(matrix, Options.MultiLabel);
        if (kind == TeacherOutputKind.Logits)
        {
            return (TeacherOutputs.FromLogits(matrix, ClassNames, ids, Options.MultiLabel, Options.Temperature), kind);
        }
        if (Options.Temperature != 1f)
        {
            throw new ArgumentException($"The scores in column '{Options.ScoreColumn}' are probabilities, so the temperature {Options.Temperature} cannot apply; declare OutputKind = Logits if they are logits.", nameof(inputs));
        }
        return (TeacherOutputs.FromProbabilities(matrix, ClassNames, ids, Options.MultiLabel), kind);
    }

    /// <inheritdoc />
    public override string ToString() => $"MlNetTeacher ({ClassNames.Count} classes from column '{Options.ScoreColumn}')";

    /// <summary>Probabilities when every value is in [0, 1] and (single-label) every row sums to 1; logits otherwise.</summary>
    private static TeacherOutputKind Detect(FloatMatrix scores, bool multiLabel)
    {
        for (var n = 0; n < scores.Rows; n++)
        {
            double sum = 0;
            foreach (var v in scores.Row(n))
            {
                if (v is < 0f or > 1f)
                {
                    return TeacherOutputKind.Logits;
                }
                sum += v;
            }
            if (!multiLabel && Math.Abs(sum - 1) > TeacherOutputs.RowSumTolerance)
            {
                return TeacherOutputKind.Logits;
            }
        }
        return TeacherOutputKind.Probabilities;
    }

    private void RejectPermutedSlotNames(DataViewSchema.Column score)
    {
        if (SchemaColumns.SlotNames(score) is not { } slots || slots.SequenceEqual(ClassNames, StringComparer.Ordinal))
        {
            return;
        }
        if (slots.Length == ClassNames.Count && slots.ToHashSet(StringComparer.Ordinal).SetEquals(ClassNames))
        {
            throw new ArgumentException(
                $"The score column '{Options.ScoreColumn}' orders the classes as [{string.Join(", ", slots)}], but the class names were given as "
                + $"[{string.Join(", ", ClassNames)}]. Pass the class names in the model's slot order.", "inputs");
        }
    }
}
