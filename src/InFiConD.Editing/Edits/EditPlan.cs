using System.Collections.Immutable;

namespace InFiConD.Editing;

/// <summary>
/// Edits resolved against one version: the classes to refit (ascending), the intervals the edits set, and every
/// interval in force afterwards (keyed by <c>k · C + j</c>).
/// </summary>
internal sealed record EditPlan(int[] Classes, IReadOnlyList<WeightBounds> NewBounds, ImmutableSortedDictionary<long, WeightBounds> Active);
