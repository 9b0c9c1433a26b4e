namespace InFiConD.Datasets;

/// <summary>A linear-blend colour, channels nominally in [0, 1].</summary>
internal readonly record struct Rgb(float R, float G, float B)
{
    /// <summary>Each channel times <paramref name="factor"/>.</summary>
    public Rgb Scale(float factor) => new(R * factor, G * factor, B * factor);

    /// <summary>(1 − t)·this + t·<paramref name="other"/>.</summary>
    public Rgb Mix(Rgb other, float t) => new(R + ((other.R - R) * t), G + ((other.G - G) * t), B + ((other.B - B) * t));

    /// <summary>Every channel shifted by <paramref name="delta"/>.</summary>
    public Rgb Add(float delta) => new(R + delta, G + delta, B + delta);

    /// <summary>Each channel moved by its own offset and clamped to [0, 1].</summary>
    public Rgb Jitter(float dr, float dg, float db) =>
        new(Math.Clamp(R + dr, 0f, 1f), Math.Clamp(G + dg, 0f, 1f), Math.Clamp(B + db, 0f, 1f));
}
