namespace InFiConD;

/// <summary>What <see cref="TeacherModelComposer"/> does with a chain whose first input has a fixed batch size (such as the packaged ResNet-18's 1).</summary>
public enum CompositionBatch
{
    /// <summary>
    /// Make the batch dimension symbolic (<c>N</c>) when every node of the chain is known to treat images independently
    /// (convolutions, pooling, normalisation, element-wise ops, splits and concatenations off the batch axis…);
    /// keep it fixed otherwise. The default.
    /// </summary>
    Auto,

    /// <summary>Keep the first input's batch dimension as it is.</summary>
    Fixed,

    /// <summary>Make the batch dimension symbolic, and refuse (naming the node) a chain with a node not known to treat images independently.</summary>
    Dynamic,
}
