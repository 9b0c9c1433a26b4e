namespace InFiConD.Editing;

/// <summary>One reason a set of edits cannot be applied, as <see cref="EditSession.Validate(IReadOnlyList{ConceptEdit}, EditRefit?)"/> reports it.</summary>
/// <param name="EditIndex">The position of the edit in the list given; −1 for a problem of the request as a whole (<see cref="EditRequest.ExpectedVersion"/>).</param>
/// <param name="Field">What is wrong: <c>expectedVersion</c> (the session moved on), <c>kind</c>, <c>className</c>, <c>conceptName</c>, <c>factor</c>, <c>sign</c>,
/// <c>value</c>, <c>bounds</c>, <c>conflict</c> (two edits on one weight) or <c>release</c> (nothing to release).</param>
/// <param name="Message">A sentence for a person, naming the edit and, for unknown names, the nearest known ones.</param>
public sealed record EditProblem(int EditIndex, string Field, string Message);
