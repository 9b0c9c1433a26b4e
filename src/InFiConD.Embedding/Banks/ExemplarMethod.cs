namespace InFiConD.Embedding;

/// <summary>How a concept's vector is made from exemplar images' embeddings.</summary>
public enum ExemplarMethod
{
    /// <summary>The mean of the normalised positive embeddings, minus the mean of the normalised negatives when there are some, normalised.</summary>
    Prototype,

    /// <summary>
    /// A concept activation vector (Kim et al., 2018): the normal of an L2-regularised logistic regression
    /// separating positive from negative embeddings, normalised.
    /// </summary>
    Cav,
}
