using System.Text.Json.Serialization;

namespace InFiConD.Editing;

/// <summary>
/// One refit class's full standardised weight row and intercept before and after an edit, stored losslessly
/// (base64 of the float bits in JSON), so undo, redo, checkout and replay restore exactly the same bits.
/// </summary>
/// <param name="ClassIndex">Class k.</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="BiasBefore">b_k before.</param>
/// <param name="BiasAfter">b_k after.</param>
/// <param name="WeightsBefore">The C standardised weights before.</param>
/// <param name="WeightsAfter">The C standardised weights after.</param>
public sealed record ClassChange(
    int ClassIndex,
    string ClassName,
    float BiasBefore,
    float BiasAfter,
    [property: JsonConverter(typeof(FloatBitsJsonConverter))] IReadOnlyList<float> WeightsBefore,
    [property: JsonConverter(typeof(FloatBitsJsonConverter))] IReadOnlyList<float> WeightsAfter);
