namespace InFiConD.Core;

/// <summary>
/// One vector width of float64 lanes, the float64 counterpart of <see cref="IFloatLanes{TVector}"/> (the same contract:
/// static members on the vector type, inlined, IEEE per lane). Implemented by <see cref="DoubleLanes512"/>, <see cref="DoubleLanes256"/> and
/// <see cref="DoubleLanes128"/>.
/// </summary>
/// <typeparam name="TVector">The vector type, e.g. <c>Vector256&lt;double&gt;</c>.</typeparam>
internal interface IDoubleLanes<TVector>
    where TVector : struct
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes +0.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Create(double value);

    /// <summary>Count doubles from <paramref name="source"/> + <paramref name="offset"/> (any alignment).</summary>
    static abstract TVector Load(ref double source, nuint offset);

    /// <summary>Count floats from <paramref name="source"/> + <paramref name="offset"/>, each widened to a double (exactly).</summary>
    static abstract TVector LoadWidened(ref float source, nuint offset);

    /// <summary>Stores the lanes at <paramref name="destination"/> + <paramref name="offset"/>.</summary>
    static abstract void Store(TVector value, ref double destination, nuint offset);

    /// <summary>Lane-wise sum.</summary>
    static abstract TVector Add(TVector left, TVector right);

    /// <summary>Lane-wise difference.</summary>
    static abstract TVector Subtract(TVector left, TVector right);

    /// <summary>Lane-wise product.</summary>
    static abstract TVector Multiply(TVector left, TVector right);

    /// <summary><c>left · right + addend</c> per lane, rounded once.</summary>
    static abstract TVector FusedMultiplyAdd(TVector left, TVector right, TVector addend);

    /// <summary>The lanes summed pairwise: lanes (0 + 1), then (0 + 1) + (2 + 3), and so on up the halves, as <c>Vector512.Sum</c> does.</summary>
    static abstract double Sum(TVector value);
}
