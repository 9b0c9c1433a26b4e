using System.Buffers;

namespace InFiConD.Embedding;

/// <summary>A batch's images, preprocessed into one rented buffer; decoded images first, in source order.</summary>
internal sealed class ResNet18MapBatch
{
    private ResNet18MapBatch(int start, int slots)
    {
        Start = start;
        Slots = slots;
        Input = ArrayPool<float>.Shared.Rent(slots * ResNet18Backbone.TensorLength);
        Sizes = new (int, int)[slots];
        Indices = new int[slots];
    }

    public int Start { get; }

    /// <summary>Source images the batch covers, decoded or not.</summary>
    public int Slots { get; }

    /// <summary>Decoded images, after <see cref="Compact"/>.</summary>
    public int Count { get; private set; }

    public float[] Input { get; }

    public (int Width, int Height)[] Sizes { get; }

    public int[] Indices { get; }

    public static ResNet18MapBatch Rent(int start, int slots) => new(start, slots);

    public Span<float> Slot(int i) => Input.AsSpan(i * ResNet18Backbone.TensorLength, ResNet18Backbone.TensorLength);

    /// <summary>Moves the decoded images' tensors to the front, so the network runs only those.</summary>
    public void Compact(DecodeFailure?[] failures)
    {
        var k = 0;
        for (var i = 0; i < Slots; i++)
        {
            if (failures[Start + i] is not null)
            {
                continue;
            }
            if (k != i)
            {
                Slot(i).CopyTo(Slot(k));
                Sizes[k] = Sizes[i];
            }
            Indices[k++] = Start + i;
        }
        Count = k;
    }

    public void Return() => ArrayPool<float>.Shared.Return(Input);
}
