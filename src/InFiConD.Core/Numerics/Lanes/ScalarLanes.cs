using System.Runtime.CompilerServices;

namespace InFiConD.Core;

/// <summary>
/// One float32 lane: a kernel run at this width is the plain scalar loop (its tail after the widest vectors, or the
/// whole of the scalar path), the same operations per element as every vector width. Masks are floats whose bits are all
/// ones (true) or zero.
/// </summary>
/// <remarks>
/// <see cref="Exp"/> and <see cref="Log"/> are the scalar library's, which round differently from the vector algorithm:
/// kernels that need the vectors' bits (the sigmoid, the logistic loss) finish with a padded 128-bit vector instead of
/// running at this width.
/// </remarks>
internal readonly unsafe struct ScalarLanes : IFloatLanes<float>
{
    private static float True => BitConverter.Int32BitsToSingle(-1);

    public static int Count => 1;

    public static int Registers => 16;

    public static float Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 0f;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Create(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(float* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LoadAligned(float* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Load(ref float source, nuint offset) => Unsafe.Add(ref source, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LoadWidened(ref byte source) => source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, float* destination) => *destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(float value, ref float destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float left, float right) => left + right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Subtract(float left, float right) => left - right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float left, float right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float left, float right) => left / right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float And(float left, float right) =>
        BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(left) & BitConverter.SingleToInt32Bits(right));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Negate(float value) => -value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FusedMultiplyAdd(float left, float right, float addend) => MathF.FusedMultiplyAdd(left, right, addend);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float left, float right) => MathF.Max(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float left, float right) => MathF.Min(left, right);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float value) => MathF.Abs(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CopySign(float value, float sign) => MathF.CopySign(value, sign);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float value) => MathF.Exp(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float value) => MathF.Log(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GreaterThan(float left, float right) => left > right ? True : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GreaterThanOrEqual(float left, float right) => left >= right ? True : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LessThan(float left, float right) => left < right ? True : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LessThanOrEqual(float left, float right) => left <= right ? True : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ConditionalSelect(float mask, float ifTrue, float ifFalse) => IsSet(mask) ? ifTrue : ifFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ExtractMostSignificantBits(float value) => BitConverter.SingleToUInt32Bits(value) >> 31;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GetElement(float value, int index) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreIndices(float mask, int ifTrue, int ifFalse, int* destination) => *destination = IsSet(mask) ? ifTrue : ifFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void BlendIndices(float mask, int value, int* destination)
    {
        if (IsSet(mask))
        {
            *destination = value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTo(ref LaneSum sum, float value, int index) => sum.Add(value, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSet(float mask) => BitConverter.SingleToInt32Bits(mask) != 0;
}
