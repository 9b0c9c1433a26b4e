namespace InFiConD.Editing;

/// <summary>One standardised weight that differs between two versions.</summary>
/// <param name="ClassIndex">Class k.</param>
/// <param name="ClassName">The class's name.</param>
/// <param name="ConceptIndex">Concept j.</param>
/// <param name="ConceptName">The concept's name.</param>
/// <param name="From">The weight in the first version.</param>
/// <param name="To">The weight in the second version.</param>
public sealed record WeightDelta(int ClassIndex, string ClassName, int ConceptIndex, string ConceptName, float From, float To)
{
    /// <summary>Computes <c>To − From</c> in double precision.</summary>
    public double Delta => (double)To - From;
}
