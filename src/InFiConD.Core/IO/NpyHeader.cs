namespace InFiConD.Core;

/// <summary>
/// A validated <c>.npy</c> header: the element type, whether the data needs byte-swapping on this machine,
/// the C-order shape and where the data starts. Positions are byte offsets from the start of the file.
/// </summary>
internal sealed record NpyHeader(
    string Descr,
    NpyDataType DataType,
    bool SwapBytes,
    long[] Shape,
    long ElementCount,
    long DescrPosition,
    long ShapePosition,
    long DataOffset)
{
    /// <summary>Number of data bytes the shape requires.</summary>
    public long ByteCount => ElementCount * NpyFormat.ItemSize(DataType);

    /// <summary>For messages: <c>shape (2, 3) of float32</c>.</summary>
    public string Describe() => $"shape {NpyFormat.FormatShape(Shape)} of {NpyFormat.Name(DataType)}";
}
