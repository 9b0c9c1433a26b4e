using InFiConD.Concepts;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

/// <summary>What a finished run hands to its session.</summary>
internal sealed record DistilledState(
    ConceptBank? Bank,
    DataSplit Training,
    IReadOnlyList<DataSplit> HeldOut,
    StudentEnsemble Students,
    StudentOptions Options,
    SolverResult? Fit,
    IReadOnlyDictionary<string, IReadOnlyList<DecodeFailure>> Failures,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyDictionary<string, SplitSegments> Segments,
    SegmentCacheReference SegmentCache,
    IReadOnlyDictionary<string, ImageSource> Images);
