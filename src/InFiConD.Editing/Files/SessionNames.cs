namespace InFiConD.Editing;

/// <summary>The JSON layout of <c>names.json</c>: the string labels of the session's matrices' rows and columns.</summary>
internal sealed class SessionNames
{
    public List<string>? ImageIds { get; set; }

    public List<string>? ConceptNames { get; set; }

    public List<string>? ClassNames { get; set; }
}
