using System.Globalization;

namespace InFiConD.Core;

/// <summary>One tensor fed to a model run: its input name and shape, as <see cref="ModelRunException"/> reports them.</summary>
/// <param name="Name">The model's input name, such as <c>pixel_values</c>.</param>
/// <param name="Shape">The shape of the tensor fed, such as [16, 3, 224, 224].</param>
public sealed record ModelInput(string Name, IReadOnlyList<long> Shape)
{
    /// <summary>The name and shape as the messages write them: <c>'pixel_values' [16, 3, 224, 224]</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"'{Name}' [{string.Join(", ", Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))}]";
}
