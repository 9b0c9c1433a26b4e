using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using InFiConD.Editing;

namespace InFiConD.UiAuthor.Tests;

/// <summary>Request bodies as a front end writes them, through the library's JSON context.</summary>
internal static class Http
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Body(EditRequest request) => Body(JsonSerializer.Serialize(request, InFiConDJsonContext.Default.EditRequest));

    /// <summary>One edit of the colour world that changes the red class's weights.</summary>
    public static EditRequest Downtune(string? expectedVersion) => new([ConceptEdit.Downtune("red", "red")]) { ExpectedVersion = expectedVersion };

    /// <summary>
    /// Asserts two JSON texts are the same document, written the same way: the host escapes fewer characters than the
    /// context's defaults (<c>'</c>, <c>−</c>), so both are written again with one encoder before they are compared.
    /// </summary>
    public static void AssertSameJson(string expected, string actual) =>
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), JsonNode.Parse(actual)!.ToJsonString());

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
