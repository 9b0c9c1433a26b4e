using Onnx;

namespace InFiConD.Onnx;

/// <summary>Typed values (graph inputs, outputs and shape hints) and their dimensions.</summary>
public static class OnnxValues
{
    /// <summary>A tensor value of a given element type and shape.</summary>
    /// <param name="name">The value's name.</param>
    /// <param name="elementType">Its element type.</param>
    /// <param name="dims">Its dimensions, each fixed (<see cref="Dim(long)"/>) or symbolic (<see cref="Dim(string)"/>).</param>
    /// <param name="doc">Its doc string; <see langword="null"/> for none.</param>
    /// <returns>The value info.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static ValueInfoProto Tensor(string name, TensorProto.Types.DataType elementType, IEnumerable<TensorShapeProto.Types.Dimension> dims, string? doc = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dims);
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims);
        return new ValueInfoProto
        {
            Name = name,
            DocString = doc ?? "",
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType, Shape = shape } },
        };
    }

    /// <summary>A fixed dimension.</summary>
    /// <param name="size">Its size.</param>
    /// <returns>The dimension.</returns>
    public static TensorShapeProto.Types.Dimension Dim(long size) => new() { DimValue = size };

    /// <summary>A symbolic dimension, sized when the model runs (a batch of any size: <c>N</c>).</summary>
    /// <param name="symbol">Its name; dimensions with the same name have the same size.</param>
    /// <returns>The dimension.</returns>
    public static TensorShapeProto.Types.Dimension Dim(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return new() { DimParam = symbol };
    }
}
