namespace InFiConD.Concepts;

/// <summary>The prompts a text encoder embeds (and averages) for one concept.</summary>
/// <param name="Concept">The concept.</param>
/// <param name="Prompts">Its prompts: one per template, or the concept's own prompt alone.</param>
public sealed record ConceptPrompts(Concept Concept, IReadOnlyList<string> Prompts)
{
    internal static ConceptPrompts For(Concept concept, IReadOnlyList<PromptTemplate> templates)
    {
        if (concept.Prompt is { } own)
        {
            // A concept's own prompt replaces the template set: the author chose its wording on purpose.
            var prompt = own.Replace(PromptTemplate.Placeholder, concept.Name, StringComparison.Ordinal);
            return new ConceptPrompts(concept, [prompt]);
        }
        return new ConceptPrompts(concept, Array.AsReadOnly(templates.Select(t => t.Apply(concept.Name)).ToArray()));
    }
}
