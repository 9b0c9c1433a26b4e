namespace InFiConD.Core;

/// <summary>
/// One vector width of float32 lanes: the operations on its vector type <typeparamref name="TVector"/>, as static members.
/// A kernel written once as <c>Kernel&lt;TLanes, TVector&gt;(…) where TLanes : struct, IFloatLanes&lt;TVector&gt;</c> is
/// compiled by the JIT once per width (struct type arguments are never shared) with every member inlined, so it costs
/// what the hand-written width did. Implemented by <see cref="FloatLanes512"/> (<c>Vector512&lt;float&gt;</c>),
/// <see cref="FloatLanes256"/> and <see cref="FloatLanes128"/>, empty structs.
/// </summary>
/// <remarks>
/// Every operation is IEEE per lane, so a lane's result never depends on the width: that is what lets every path give
/// the same bits. Masks are lanes of all ones (true) or all zeros (false), as the comparisons return them.
/// </remarks>
/// <typeparam name="TVector">The vector type, e.g. <c>Vector256&lt;float&gt;</c>. Kernels hold their values in it rather
/// than in a wrapper struct: the register allocator keeps a wrapper's field in a register but copies it around fused
/// multiply-adds (six extra moves per twelve FMAs in the GEMM tile), where it writes the vector type in place.</typeparam>
internal unsafe interface IFloatLanes<TVector>
    where TVector : struct
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Architectural vector registers at this width (32 with AVX-512 or on ARM64, else 16): what a register tile may hold.</summary>
    static abstract int Registers { get; }

    /// <summary>All lanes +0.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Create(float value);

    /// <summary>Count floats from <paramref name="source"/> (any alignment).</summary>
    static abstract TVector Load(float* source);

    /// <summary>Count floats from <paramref name="source"/>, aligned to the vector's size.</summary>
    static abstract TVector LoadAligned(float* source);

    /// <summary>Count floats from <paramref name="source"/> + <paramref name="offset"/> (any alignment).</summary>
    static abstract TVector Load(ref float source, nuint offset);

    /// <summary>Count bytes from <paramref name="source"/>, each widened to a float (0–255 exactly).</summary>
    static abstract TVector LoadWidened(ref byte source);

    /// <summary>Stores the lanes at <paramref name="destination"/>.</summary>
    static abstract void Store(TVector value, float* destination);

    /// <summary>Stores the lanes at <paramref name="destination"/> + <paramref name="offset"/>.</summary>
    static abstract void Store(TVector value, ref float destination, nuint offset);

    /// <summary>Lane-wise sum.</summary>
    static abstract TVector Add(TVector left, TVector right);

    /// <summary>Lane-wise difference.</summary>
    static abstract TVector Subtract(TVector left, TVector right);

    /// <summary>Lane-wise product.</summary>
    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary>Lane-wise quotient.</summary>
    static abstract TVector Divide(TVector left, TVector right);

    /// <summary>Lane-wise bitwise and (of masks).</summary>
    static abstract TVector And(TVector left, TVector right);

    /// <summary>Lane-wise negation (the sign bit flipped).</summary>
    static abstract TVector Negate(TVector value);

    /// <summary><c>left · right + addend</c> per lane, rounded once.</summary>
    static abstract TVector FusedMultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>IEEE 754:2019 maximum per lane (NaN wins; +0 above −0), as <see cref="MathF.Max(float, float)"/>.</summary>
    static abstract TVector Max(TVector left, TVector right);

    /// <summary>IEEE 754:2019 minimum per lane (NaN wins; −0 below +0), as <see cref="MathF.Min(float, float)"/>.</summary>
    static abstract TVector Min(TVector left, TVector right);

    /// <summary>|x| per lane.</summary>
    static abstract TVector Abs(TVector value);

    /// <summary>|value| with the sign of <paramref name="sign"/>, per lane.</summary>
    static abstract TVector CopySign(TVector value, TVector sign);

    /// <summary>eˣ per lane (the runtime's vector algorithm: the same bits on every width).</summary>
    static abstract TVector Exp(TVector value);

    /// <summary>ln x per lane (the runtime's vector algorithm: the same bits on every width).</summary>
    static abstract TVector Log(TVector value);

    /// <summary>Mask of <c>left &gt; right</c>.</summary>
    static abstract TVector GreaterThan(TVector left, TVector right);

    /// <summary>Mask of <c>left ≥ right</c>.</summary>
    static abstract TVector GreaterThanOrEqual(TVector left, TVector right);

    /// <summary>Mask of <c>left &lt; right</c>.</summary>
    static abstract TVector LessThan(TVector left, TVector right);

    /// <summary>Mask of <c>left ≤ right</c>.</summary>
    static abstract TVector LessThanOrEqual(TVector left, TVector right);

    /// <summary>Per lane, <paramref name="ifTrue"/> where <paramref name="mask"/> is set, else <paramref name="ifFalse"/>.</summary>
    static abstract TVector ConditionalSelect(TVector mask, TVector ifTrue, TVector ifFalse);

    /// <summary>Bit i is the sign bit of lane i (for a mask: whether lane i is set).</summary>
    static abstract ulong ExtractMostSignificantBits(TVector value);

    /// <summary>Lane <paramref name="index"/>.</summary>
    static abstract float GetElement(TVector value, int index);

    /// <summary>Stores Count ints: <paramref name="ifTrue"/> where <paramref name="mask"/> is set, else <paramref name="ifFalse"/>.</summary>
    static abstract void StoreIndices(TVector mask, int ifTrue, int ifFalse, int* destination);

    /// <summary>Overwrites with <paramref name="value"/> the ints at <paramref name="destination"/> whose lane of <paramref name="mask"/> is set.</summary>
    static abstract void BlendIndices(TVector mask, int value, int* destination);

    /// <summary>Adds the lanes to <paramref name="sum"/>, lane i as element <paramref name="index"/> + i of the sum's sequence.</summary>
    static abstract void AddTo(ref LaneSum sum, TVector value, int index);
}
