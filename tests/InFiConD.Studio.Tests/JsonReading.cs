using System.Net;
using System.Net.Http.Json;
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

    /// <summary>Posts a JSON body and reads the JSON answer, asserting its status.</summary>
    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string path, object body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        return await ReadAsync(response, expected);
    }

    /// <summary>Polls a job (as the page does) until it is no longer running, for at most two minutes.</summary>
    public static async Task<JsonElement> FollowJobAsync(this HttpClient client, JsonElement job)
    {
        var id = job.GetProperty("id").GetString()!;
        for (var i = 0; i < 2400 && job.GetProperty("state").GetString() == "running"; i++)
        {
            await Task.Delay(50);
            job = await client.GetJsonAsync("/api/jobs/" + id);
        }
        return job;
    }

    /// <summary>Starts a job (202) and follows it to its end.</summary>
    public static async Task<JsonElement> RunJobAsync(this HttpClient client, string path, object body) =>
        await client.FollowJobAsync(await client.PostJsonAsync(path, body, HttpStatusCode.Accepted));
}
