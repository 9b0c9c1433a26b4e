namespace InFiConD.Core.Tests;

public class WhitespaceTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("boat", "boat")]
    [InlineData("  sail   boat \t", "sail boat")]
    [InlineData("a\r\nb\u00A0\u2003c", "a b c")]
    [InlineData(" \t\n ", "")]
    public void Collapse_matches_python_sub_and_strip(string input, string expected) =>
        Assert.Equal(expected, Whitespace.Collapse(input));

    [Fact]
    public void Collapse_returns_the_same_instance_when_nothing_changes()
    {
        var text = "sail boat";
        Assert.Same(text, Whitespace.Collapse(text));
    }
}
