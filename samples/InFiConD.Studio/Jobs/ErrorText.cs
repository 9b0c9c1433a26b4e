namespace InFiConD.Studio;

/// <summary>
/// An exception's message as the page shows it: the library's own words, without what .NET appends to argument errors
/// (" (Parameter 'edits')", "Actual value was 1E+300."), which means nothing to a person at the page.
/// </summary>
internal static class ErrorText
{
    private const string Marker = "\u0001";

    /// <summary>The message of <paramref name="e"/> without .NET's argument decorations.</summary>
    public static string Of(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException { ParamName: not null } argument)
        {
            // The decorations are localised, so take them from an exception built the same way around a marker.
            var template = argument is ArgumentOutOfRangeException range
                ? new ArgumentOutOfRangeException(argument.ParamName, range.ActualValue, Marker).Message
                : new ArgumentException(Marker, argument.ParamName).Message;
            if (template.StartsWith(Marker, StringComparison.Ordinal) && message.EndsWith(template[Marker.Length..], StringComparison.Ordinal))
            {
                message = message[..^(template.Length - Marker.Length)];
            }
        }
        return message;
    }
}
