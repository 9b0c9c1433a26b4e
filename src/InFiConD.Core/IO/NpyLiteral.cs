using System.Numerics;

namespace InFiConD.Core;

/// <summary>
/// A Python literal parsed from a <c>.npy</c> header. <see cref="Start"/> and <see cref="Length"/> locate its
/// source text (in characters of the header) for error messages.
/// </summary>
internal abstract record NpyLiteral(int Start, int Length);

/// <summary>A quoted string, <c>'&lt;f4'</c> or <c>"&lt;f4"</c>.</summary>
internal sealed record NpyStringLiteral(string Value, int Start, int Length) : NpyLiteral(Start, Length);

/// <summary>An integer of any size, optionally with Python 2's <c>L</c> suffix.</summary>
internal sealed record NpyIntegerLiteral(BigInteger Value, int Start, int Length) : NpyLiteral(Start, Length);

/// <summary><c>True</c>, <c>False</c> or <c>None</c> (<see cref="Value"/> is <see langword="null"/> for None).</summary>
internal sealed record NpyConstantLiteral(bool? Value, int Start, int Length) : NpyLiteral(Start, Length);

/// <summary>A tuple <c>(…)</c> or a list <c>[…]</c>.</summary>
internal sealed record NpySequenceLiteral(IReadOnlyList<NpyLiteral> Items, bool IsTuple, int Start, int Length)
    : NpyLiteral(Start, Length);

/// <summary>A dict <c>{key: value, …}</c>, entries in source order.</summary>
internal sealed record NpyDictLiteral(IReadOnlyList<(NpyLiteral Key, NpyLiteral Value)> Entries, int Start, int Length)
    : NpyLiteral(Start, Length);
