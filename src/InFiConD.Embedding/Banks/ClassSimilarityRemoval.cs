using InFiConD.Concepts;

namespace InFiConD.Embedding;

/// <summary>A concept the text-bank filter removed because its embedding was too close to a class name's.</summary>
/// <param name="Concept">The removed concept.</param>
/// <param name="ClassName">The class name it was closest to.</param>
/// <param name="Cosine">The cosine between the two template-averaged embeddings.</param>
public sealed record ClassSimilarityRemoval(Concept Concept, string ClassName, double Cosine);
