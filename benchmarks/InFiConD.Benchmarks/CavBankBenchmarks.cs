using BenchmarkDotNet.Attributes;
using InFiConD.Core;
using InFiConD.Embedding;

namespace InFiConD.Benchmarks;

/// <summary>
/// The exemplar CAV bank at the Quickstart's shape: <see cref="Concepts"/> concepts × <see cref="PerConcept"/>
/// unit embeddings of D = 512 (n = 296 &lt; D), each concept's positives against every other concept's
/// (NegativesFromOtherConcepts). <see cref="Reference"/>, the baseline, is the solver as it was (Newton on the
/// full 513² Hessian, scalar loops, <see cref="InFiConD.Embedding.Tests.Banks.ReferenceLogisticDirection"/>, linked from the Embedding tests); <see cref="RowSpace"/> is the current
/// solver on the same <see cref="Subset"/> concepts, one after another; <see cref="WholeBank"/> builds the whole
/// 37-concept bank through <see cref="ConceptBankBuilder.FromExemplarsAsync"/> (as the Quickstart does).
/// The baseline fits a subset because the whole bank takes it about half a minute.
/// </summary>
[KernelJob]
public class CavBankBenchmarks
{
    /// <summary>Concepts in the bank (the Quickstart's ConceptWorld has 37).</summary>
    public const int Concepts = 37;

    /// <summary>Exemplar images per concept (296 rows in all).</summary>
    public const int PerConcept = 8;

    /// <summary>Concepts fitted by <see cref="Reference"/> and <see cref="RowSpace"/>.</summary>
    public const int Subset = 6;

    private const int Dimension = 512;
    private const double Lambda = 0.01;

    private double[][][] _rows = null!;
    private Dictionary<string, ExemplarSet> _sets = null!;
    private TableEncoder _encoder = null!;

    /// <summary>
    /// Embeddings like pooled ResNet features: non-negative, unit length, each concept a cluster around its own
    /// sparse non-negative centre with a shared background component.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(17);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var background = Enumerable.Range(0, Dimension).Select(_ => Math.Abs(Gaussian())).ToArray();
        var table = new Dictionary<string, float[]>();
        _rows = new double[Concepts][][];
        _sets = [];
        for (var c = 0; c < Concepts; c++)
        {
            var centre = Enumerable.Range(0, Dimension).Select(_ => random.NextDouble() < 0.2 ? 2 * Math.Abs(Gaussian()) : 0).ToArray();
            _rows[c] = new double[PerConcept][];
            var ids = new List<string>();
            for (var e = 0; e < PerConcept; e++)
            {
                var v = Enumerable.Range(0, Dimension).Select(j => Math.Max(0, background[j] + centre[j] + (0.8 * Gaussian()))).ToArray();
                var norm = Math.Sqrt(v.Sum(x => x * x));
                _rows[c][e] = v.Select(x => x / norm).ToArray();
                var id = $"c{c}e{e}";
                table[id] = _rows[c][e].Select(x => (float)x).ToArray();
                ids.Add(id);
            }
            _sets[$"concept {c}"] = new ExemplarSet(ImageSource.FromImages(ids.Select(id => (id, DecodedImage.Filled(1, 1, 0, 0, 0)))));
        }
        _encoder = new TableEncoder(table);
    }

    /// <summary>Baseline: the full-space solver on the first <see cref="Subset"/> concepts.</summary>
    [Benchmark(Baseline = true)]
    public double Reference()
    {
        var sum = 0.0;
        for (var c = 0; c < Subset; c++)
        {
            sum += InFiConD.Embedding.Tests.Banks.ReferenceLogisticDirection.Solve(_rows[c], Negatives(c), Lambda, 50, 1e-8).Bias;
        }
        return sum;
    }

    /// <summary>The row-space solver on the same concepts, one after another.</summary>
    [Benchmark]
    public double RowSpace()
    {
        var sum = 0.0;
        for (var c = 0; c < Subset; c++)
        {
            sum += LogisticDirection.Solve(_rows[c], Negatives(c), Lambda, 50, 1e-8).Bias;
        }
        return sum;
    }

    /// <summary>The whole bank of <see cref="Concepts"/> CAVs through the public builder (encoding is a table lookup).</summary>
    [Benchmark]
    public async Task<ExemplarBankResult> WholeBank() =>
        await ConceptBankBuilder.FromExemplarsAsync(_sets, _encoder, ExemplarMethod.Cav, new ExemplarBankOptions { CavRegularization = Lambda }).ConfigureAwait(false);

    /// <summary>Every other concept's positives, in concept order (what NegativesFromOtherConcepts gives).</summary>
    private double[][] Negatives(int c) => _rows.Where((_, k) => k != c).SelectMany(r => r).ToArray();

    /// <summary>An encoder that looks each image's embedding up by id.</summary>
    private sealed class TableEncoder(Dictionary<string, float[]> table) : IImageEncoder
    {
        public string ModelId => "table";

        public int Dimension => CavBankBenchmarks.Dimension;

        public Task<ImageEmbeddings> EncodeAsync(ImageSource images, IProgress<ImageModelProgress>? progress = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ImageEmbeddings(FloatMatrix.FromRows(images.Select(i => table[i.Id]).ToArray()), images.Select(i => i.Id).ToList(), []));
    }
}
