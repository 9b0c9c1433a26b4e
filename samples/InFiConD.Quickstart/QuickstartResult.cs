using InFiConD.Analysis;
using InFiConD.Datasets;
using InFiConD.Editing;
using InFiConD.Students;

namespace InFiConD.Quickstart;

/// <summary>Everything the main job found, measured and wrote. Owns the session.</summary>
internal sealed record QuickstartResult(
    QuickstartOptions Options,
    ConceptWorld World,
    DistillationSession Session,
    double TeacherTrainingAccuracy,
    Fidelity FidelityBefore,
    ShortcutDiagnosis Diagnosis,
    MisalignmentReport ReportAfter,
    StudentEnsemble StudentsBefore,
    IReadOnlyList<EditResult> Edits,
    IReadOnlyList<SplitEvaluation> Splits,
    IReadOnlyList<ConceptDetection> Detection,
    TeacherFileCheck TeacherFile,
    int? CueSliceRank,
    int? CueSuspectRank,
    bool CacheWasWarm,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, string> Files) : IDisposable
{
    /// <summary>The held-out split with planted cues removed.</summary>
    public SplitEvaluation Shifted => Splits.Single(s => s.Split == "shifted");

    /// <summary>The misalignment report on the shifted split before the edits (the diagnosis' report).</summary>
    public MisalignmentReport ReportBefore => Diagnosis.Report;

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();
}
