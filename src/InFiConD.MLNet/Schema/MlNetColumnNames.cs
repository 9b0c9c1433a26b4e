namespace InFiConD.MLNet;

/// <summary>The column names InFiConD reads and writes in ML.NET data views (the defaults of every method here).</summary>
public static class MlNetColumnNames
{
    /// <summary>The image id (text), matching <see cref="Concepts.ConceptScores.ImageIds"/> and the teacher's ids.</summary>
    public const string ImageId = "ImageId";

    /// <summary>The concept scores of an image: a vector of C floats whose slot names are the concept names.</summary>
    public const string Features = "Features";

    /// <summary>The teacher's predicted class as an ML.NET key (1-based; 0 is missing) whose key values are the class names.</summary>
    public const string Label = "Label";

    /// <summary>The score vector an ML.NET multiclass model writes (its per-class probabilities, or raw scores).</summary>
    public const string Score = "Score";

    /// <summary>The students' per-class probabilities σ(logit): a vector of K floats whose slot names are the class names.</summary>
    public const string StudentScores = "StudentScores";

    /// <summary>The students' top class as an ML.NET key (1-based) whose key values are the class names.</summary>
    public const string StudentLabel = "StudentLabel";
}
