using System.Text.Json;

namespace InFiConD.Analysis.Tests;

/// <summary>Serialises analysis results with the library's source-generated context.</summary>
internal static class Json
{
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, typeof(T), AnalysisJsonContext.Default);

    public static T Deserialize<T>(string json) => (T)JsonSerializer.Deserialize(json, typeof(T), AnalysisJsonContext.Default)!;
}
