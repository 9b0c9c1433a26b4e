namespace InFiConD.Datasets.Tests;

public class TrigTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(-1.2)]
    [InlineData(3.0)]
    [InlineData(-3.1)]
    [InlineData(5.5)]
    [InlineData(-6.2)]
    public void Series_agree_with_the_library_to_1e_14(double angle)
    {
        var (sin, cos) = Trig.SinCos(angle);
        Assert.Equal(Math.Sin(angle), sin, 1e-14);
        Assert.Equal(Math.Cos(angle), cos, 1e-14);
    }
}
