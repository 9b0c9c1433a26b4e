namespace InFiConD;

/// <summary>The stages of a distillation run, in the order <see cref="DistillationBuilder.RunAsync"/> performs them.</summary>
public enum DistillationStage
{
    /// <summary>Building the concept bank (encoding exemplars or prompts).</summary>
    ConceptBank,

    /// <summary>Encoding the images' segments.</summary>
    Encoding,

    /// <summary>Scoring segments against the concept bank.</summary>
    Scoring,

    /// <summary>Running the teacher over the images.</summary>
    Teacher,

    /// <summary>Fitting the students.</summary>
    Students,

    /// <summary>The run has finished.</summary>
    Done,
}
