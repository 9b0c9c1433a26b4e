using Onnx;

namespace InFiConD.Onnx;

/// <summary>Constant tensors (initializers) for the graphs the library writes.</summary>
public static class OnnxTensors
{
    /// <summary>A float32 tensor holding <paramref name="values"/> row-major in the shape <paramref name="dims"/>.</summary>
    /// <param name="name">The initializer's name.</param>
    /// <param name="dims">Its dimensions; their product must be the number of values.</param>
    /// <param name="values">The values, copied.</param>
    /// <param name="doc">Its doc string; <see langword="null"/> for none.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentException">The name is empty, or the dimensions do not hold the values (both counts given).</exception>
    public static TensorProto Float(string name, IReadOnlyList<long> dims, ReadOnlySpan<float> values, string? doc = null)
    {
        var tensor = Create(name, TensorProto.Types.DataType.Float, dims, values.Length, doc);
        tensor.FloatData.AddRange(values.ToArray());
        return tensor;
    }

    /// <summary>A one-dimensional int64 tensor (shapes, axes and other integer inputs).</summary>
    /// <param name="name">The initializer's name.</param>
    /// <param name="values">The values, in order.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static TensorProto Int64(string name, params IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var tensor = Create(name, TensorProto.Types.DataType.Int64, [values.Count], values.Count, null);
        tensor.Int64Data.AddRange(values);
        return tensor;
    }

    private static TensorProto Create(string name, TensorProto.Types.DataType type, IReadOnlyList<long> dims, int count, string? doc)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dims);
        var size = dims.Aggregate(1L, (product, d) => product * d);
        if (size != count)
        {
            throw new ArgumentException($"Tensor '{name}' of shape [{string.Join(", ", dims)}] holds {size} values; {count} were given.", nameof(dims));
        }
        var tensor = new TensorProto { Name = name, DataType = (int)type, DocString = doc ?? "" };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
