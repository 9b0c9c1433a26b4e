namespace InFiConD.Core;

/// <summary>
/// The element types <see cref="Npy"/> reads and writes. Each maps to one NumPy dtype; files are written
/// little-endian (<c>'&lt;f4'</c>, <c>'&lt;f8'</c>, <c>'&lt;i8'</c>, <c>'&lt;i2'</c>).
/// </summary>
public enum NpyDataType
{
    /// <summary>IEEE 754 single precision, NumPy <c>float32</c> (descr <c>'&lt;f4'</c>), .NET <see cref="float"/>.</summary>
    Float32,

    /// <summary>IEEE 754 double precision, NumPy <c>float64</c> (descr <c>'&lt;f8'</c>), .NET <see cref="double"/>.</summary>
    Float64,

    /// <summary>Signed 64-bit integer, NumPy <c>int64</c> (descr <c>'&lt;i8'</c>), .NET <see cref="long"/>.</summary>
    Int64,

    /// <summary>Signed 16-bit integer, NumPy <c>int16</c> (descr <c>'&lt;i2'</c>), .NET <see cref="short"/>: compact indices such as best segments.</summary>
    Int16,
}
