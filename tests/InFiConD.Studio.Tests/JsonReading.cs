using System.Net;
using System.Text.Json;

namespace InFiConD.Studio.Tests;

/// <summary>Small helpers for reading the API's answers.</summary>
internal static class JsonReading
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await client.GetAsync(path);
        return await ReadAsync(response, expected);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.RequestUri}: expected {expected}, got {response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string> ErrorAsync(this HttpClient client, string path, HttpStatusCode expected)
    {
        var json = await client.GetJsonAsync(path, expected);
        return json.GetProperty("error").GetString()!;
    }
}
