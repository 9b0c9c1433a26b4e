namespace InFiConD.Concepts.Tests;

public sealed class ConceptFilterOptionsTests
{
    [Fact]
    public void Defaults_follow_label_free_cbm()
    {
        var options = ConceptFilterOptions.Default;

        Assert.True(options.RemoveEmpty);
        Assert.Equal(30, options.MaxLength);
        Assert.Empty(options.ClassNames);
        Assert.True(options.RemoveEqualToClassName);
        Assert.True(options.RemoveContainingClassName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void MaxLength_must_be_positive(int maxLength)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConceptFilterOptions { MaxLength = maxLength });
    }

    [Fact]
    public void ClassNames_are_validated_and_copied()
    {
        var names = new List<string> { "boat" };
        var options = new ConceptFilterOptions { ClassNames = names };
        names.Add("car");

        Assert.Equal(["boat"], options.ClassNames);
        Assert.Throws<ArgumentNullException>(() => new ConceptFilterOptions { ClassNames = null! });
        Assert.Throws<ArgumentNullException>(() => new ConceptFilterOptions { ClassNames = ["a", null!] });
        Assert.Throws<ArgumentException>(() => new ConceptFilterOptions { ClassNames = ["a", " - "] });
    }
}
