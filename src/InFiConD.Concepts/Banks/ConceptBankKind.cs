namespace InFiConD.Concepts;

/// <summary>How the vectors of a <see cref="ConceptBank"/> were made.</summary>
public enum ConceptBankKind
{
    /// <summary>Text-encoder embeddings of prompts (CLIP-style).</summary>
    Text,

    /// <summary>Image-encoder embeddings of exemplar images (prototypes or concept activation vectors).</summary>
    Exemplar,

    /// <summary>Vectors made elsewhere and imported as they are.</summary>
    Imported,
}
