namespace InFiConD.Datasets;

/// <summary>Pixels of a rendered scene and, when asked for, one mask per drawn part (1 where the part covers at least half a pixel).</summary>
internal readonly record struct RenderedScene(byte[] Rgb, IReadOnlyList<(string Part, byte[] Mask)> Masks);
