using Onnx;

namespace InFiConD.Onnx.Tests;

public sealed class OnnxNameScopeTests
{
    [Theory]
    [InlineData(OnnxNodeNaming.OperatorAndIndex, "m/Relu_0", "m/Relu_1")]
    [InlineData(OnnxNodeNaming.FirstOutput, "m/a", "m/b")]
    public void Every_name_gets_the_prefix_except_those_mapped(OnnxNodeNaming naming, string first, string second)
    {
        var graph = new GraphProto();
        graph.Node.Add(new NodeProto { OpType = "Relu", Input = { "in" }, Output = { "a" } });
        graph.Node.Add(new NodeProto { OpType = "Relu", Input = { "a", "" }, Output = { "b" } });
        graph.Node.Add(OnnxNodes.Create("Add", "named", ["b", "c"], "out"));
        graph.Initializer.Add(OnnxTensors.Float("c", [1], [1f]));

        new OnnxNameScope("m/", new Dictionary<string, string> { ["in"] = "previous" }, naming).Apply(graph);

        Assert.Equal([first, second, "m/named"], graph.Node.Select(n => n.Name));
        Assert.Equal(["previous", "m/a", "", "m/b", "m/c"], graph.Node.SelectMany(n => n.Input));
        Assert.Equal("m/c", graph.Initializer[0].Name);
    }

    [Fact]
    public void Only_operators_that_treat_images_independently_free_the_batch()
    {
        var perImage = new[]
        {
            OnnxNodes.Create("Conv", "conv", ["x", "w"], "y"),
            OnnxNodes.Create("Concat", "concat", ["y", "y"], "z", OnnxAttributes.Int("axis", 1)),
        };
        Assert.Null(OnnxBatchAxis.FirstBatchBoundNode(perImage));
        var bound = OnnxNodes.Create("Concat", "batch_concat", ["y", "y"], "z", OnnxAttributes.Int("axis", 0));
        Assert.Same(bound, OnnxBatchAxis.FirstBatchBoundNode([.. perImage, bound]));
    }
}
