using Onnx;

namespace InFiConD.Onnx;

/// <summary>Node attributes of the kinds the library's graphs use.</summary>
public static class OnnxAttributes
{
    /// <summary>An integer attribute (<c>axis</c>, <c>transB</c>, <c>keepdims</c>…).</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="value">Its value.</param>
    /// <returns>The attribute.</returns>
    public static AttributeProto Int(string name, long value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };
    }

    /// <summary>An integer-list attribute (<c>kernel_shape</c>, <c>perm</c>, <c>axes</c>…).</summary>
    /// <param name="name">The attribute's name.</param>
    /// <param name="values">Its values, in order.</param>
    /// <returns>The attribute.</returns>
    public static AttributeProto Ints(string name, params IEnumerable<long> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
