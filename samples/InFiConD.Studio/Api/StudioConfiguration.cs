using InFiConD.Concepts;

namespace InFiConD.Studio;

/// <summary>The configuration view: what the session was built from, its splits, and how the teacher does on one split.</summary>
/// <param name="Mode"><c>world</c>, <c>folders</c> or <c>file</c>.</param>
/// <param name="SessionFile">The opened file's name (no folder), for a saved session.</param>
/// <param name="Metadata">The session's descriptions (dataset, teacher, concepts, encoder, …).</param>
/// <param name="Split">The split the split-dependent values below describe.</param>
/// <param name="Splits">Every split of the session, the training images first.</param>
/// <param name="DefaultSplit">The split the page opens on: the library's diagnosis split (the held-out split where the students do worst).</param>
/// <param name="ImageCount">Images of <paramref name="Split"/>.</param>
/// <param name="ClassNames">The teacher's classes.</param>
/// <param name="ConceptNames">The concepts, in column order.</param>
/// <param name="Classes">Class balance on <paramref name="Split"/> (the students' column for the current version).</param>
/// <param name="TeacherAccuracy">The teacher's top-1 accuracy against <paramref name="Split"/>'s ground truth, when known.</param>
/// <param name="L1">The students' L1 penalty.</param>
/// <param name="Targets">Soft or hard targets.</param>
/// <param name="BootstrapMembers">Bootstrap refits behind the weight uncertainty (0 for none).</param>
/// <param name="HasImages">Whether images are served.</param>
/// <param name="ImageSize">The side in pixels the page gives a picture before it knows the image's own size: ConceptWorld's
/// images are all this size; the user's differ, so a box is scaled by each image's whole-image segment (0 without images).</param>
/// <param name="DroppedImages">Images of <paramref name="Split"/> the encoder or teacher could not read.</param>
/// <param name="Limits">The limits edit requests are checked against; the page's inputs take theirs from here.</param>
/// <param name="ConceptQuality">Per concept (in <paramref name="ConceptNames"/> order), how reliably it is detected (the bank's
/// cross-validated exemplar AUC), or <see langword="null"/> where the bank recorded none; the page flags unreliable ones.</param>
internal sealed record StudioConfiguration(
    string Mode,
    string? SessionFile,
    IReadOnlyDictionary<string, string> Metadata,
    string Split,
    IReadOnlyList<SplitSummary> Splits,
    string DefaultSplit,
    int ImageCount,
    IReadOnlyList<string> ClassNames,
    IReadOnlyList<string> ConceptNames,
    IReadOnlyList<ClassBalance> Classes,
    double? TeacherAccuracy,
    double L1,
    string Targets,
    int BootstrapMembers,
    bool HasImages,
    int ImageSize,
    int DroppedImages,
    EditLimits Limits,
    IReadOnlyList<ConceptQuality?>? ConceptQuality);
