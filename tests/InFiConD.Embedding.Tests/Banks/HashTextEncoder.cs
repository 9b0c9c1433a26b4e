using System.Security.Cryptography;
using System.Text;
using InFiConD.Core;

namespace InFiConD.Embedding.Tests.Banks;

/// <summary>
/// A fake text encoder: each text's vector comes from the SHA-256 of its UTF-8 bytes (values in [−1, 1),
/// deliberately not normalised and scaled by a text-dependent length), unless an override is given.
/// </summary>
internal sealed class HashTextEncoder(int dimension = 8, IReadOnlyDictionary<string, float[]>? overrides = null) : ITextEncoder
{
    public string ModelId => "hash-text";

    public int Dimension => dimension;

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public FloatMatrix EncodeText(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Calls.Add(texts);
        return FloatMatrix.FromRows(texts.Select(Vector).ToArray());
    }

    public float[] Vector(string text)
    {
        if (overrides is not null && overrides.TryGetValue(text, out var fixedVector))
        {
            return fixedVector;
        }
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var scale = 1 + (hash[31] % 5);
        return Enumerable.Range(0, dimension).Select(j => scale * ((hash[j % 31] / 128f) - 1f)).ToArray();
    }
}
