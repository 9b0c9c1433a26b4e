using System.Text.Json;
using System.Text.Json.Serialization;

namespace InFiConD;

/// <summary>Registers <see cref="InFiConDJsonContext"/> with a host's <see cref="JsonSerializerOptions"/> in one call.</summary>
public static class InFiConDJsonOptions
{
    /// <summary>
    /// Makes <paramref name="options"/> serialise the library's types as <see cref="InFiConDJsonContext"/> does: puts the
    /// context first in <see cref="JsonSerializerOptions.TypeInfoResolverChain"/> (the host's own resolvers, or the
    /// reflection-based default where the options had none and reflection is enabled, still serve its own types), adds a <see cref="JsonStringEnumConverter"/> so enums read and write as names
    /// (<c>"kind":"Downtune"</c> binds), and, where the host left them at their defaults, sets camelCase names, omits
    /// nulls and allows NaN and infinities as named literals. In ASP.NET Core:
    /// <c>builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.AddInFiConD());</c>
    /// (and <c>AddControllers().AddJsonOptions(o => o.JsonSerializerOptions.AddInFiConD())</c> for MVC).
    /// </summary>
    /// <param name="options">The options to extend; calling twice adds nothing twice.</param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The options are read-only (already used to serialise).</exception>
    public static JsonSerializerOptions AddInFiConD(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.TypeInfoResolverChain.Contains(InFiConDJsonContext.Default))
        {
            // Options with no resolver yet serialise anything by reflection; keep that for the host's own types, or
            // registering the context would make them fail.
            var reflectionDefault = options.TypeInfoResolverChain.Count == 0 && JsonSerializer.IsReflectionEnabledByDefault;
            options.TypeInfoResolverChain.Insert(0, InFiConDJsonContext.Default);
            if (reflectionDefault)
            {
                options.TypeInfoResolverChain.Add(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());
            }
        }
        if (!options.Converters.Any(c => c is JsonStringEnumConverter))
        {
            options.Converters.Add(new JsonStringEnumConverter());
        }
        // Options-wide settings: the context's metadata takes them from the options it is used with, so a host left at
        // the defaults would otherwise get PascalCase names and nulls. A host's own choices are kept.
        options.PropertyNamingPolicy ??= JsonNamingPolicy.CamelCase;
        if (options.DefaultIgnoreCondition == JsonIgnoreCondition.Never)
        {
            options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        }
        options.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;
        return options;
    }
}
