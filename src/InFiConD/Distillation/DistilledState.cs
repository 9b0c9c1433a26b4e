using InFiConD.Concepts;
using InFiConD.Embedding;
using InFiConD.Students;

namespace InFiConD;

/// <summary>What a finished run hands to its session.</summary>
internal sealed record DistilledState(
    ConceptBank? Bank,
    ConceptScores Scores,
    TeacherOutputs Teacher,
    IReadOnlyList<int>? GroundTruth,
    StudentEnsemble Students,
    StudentOptions Options,
    SolverResult? Fit,
    IReadOnlyList<DecodeFailure> Failures,
    IReadOnlyDictionary<string, string> Metadata);
