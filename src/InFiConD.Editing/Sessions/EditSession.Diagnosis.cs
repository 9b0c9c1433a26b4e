using InFiConD.Analysis;

namespace InFiConD.Editing;

public sealed partial class EditSession
{
    /// <summary>
    /// Confirms a report's top suspects with real refits: for the first suspect of each of the first
    /// <see cref="DiagnosisOptions.Confirm"/> concepts in the ranking, every candidate fix (remove the concept from the class; from every class using it) is previewed with the
    /// refit edits use, measured on every split, and the fix with the larger measured gain on the analysed split is proposed.
    /// Nothing is kept: the session stays at the same version.
    /// </summary>
    /// <param name="report">A report on one of the session's splits for the current version (its <see cref="MisalignmentReport.Split"/>
    /// and <see cref="MisalignmentReport.VersionId"/> set, as a session's analysis sets them).</param>
    /// <param name="options">How to confirm; <see langword="null"/> for <see cref="DiagnosisOptions.Default"/>.</param>
    /// <param name="progress">Reports each measured fix.</param>
    /// <param name="cancellationToken">Cancels between and inside refits.</param>
    /// <returns>The diagnosis.</returns>
    /// <exception cref="ArgumentException">The report names no split or version, or a split the session does not have.</exception>
    /// <exception cref="InvalidOperationException">The report describes another version than the current one, or the session
    /// changed version while the fixes were measured.</exception>
    public async Task<ShortcutDiagnosis> ConfirmSuspectsAsync(MisalignmentReport report, DiagnosisOptions? options = null, IProgress<DiagnosisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        options = (options ?? DiagnosisOptions.Default).Validate();
        if (report.Split is not { } split || report.VersionId is not { } version)
        {
            throw new ArgumentException("The report names no split or version: build it with the session's analysis (DistillationSession.Analyze), which records both.", nameof(report));
        }
        SplitIndex(split);
        if (Current.Id != version)
        {
            throw new InvalidOperationException($"The report describes version '{version}' but the session is at '{Current.Id}'; analyse the current version again.");
        }
        // One suspect per concept: a cue shows as several suspects (the class that reads it, the classes that count it against
        // themselves) whose best fix is the same, so the confirmations go to different concepts.
        var suspects = report.Suspects.DistinctBy(s => s.ConceptIndex).Take(options.Confirm).ToArray();
        // A shortcut shows as several suspects (the class that reads the cue, the classes that count it against themselves),
        // which share their all-classes fix: each distinct fix is refit once.
        static (string Class, string Concept) Key(SuspectedShortcut s, SuspectFix f) => (f.Scope == FixScope.AllClasses ? ConceptEdit.AllClasses : s.ClassName, s.ConceptName);
        var total = suspects.SelectMany(s => s.Fixes.Select(f => Key(s, f))).Distinct().Count();
        var measured = new Dictionary<(string Class, string Concept), EditPreview>();
        var done = 0;
        var confirmed = new List<ConfirmedSuspect>();
        foreach (var suspect in suspects)
        {
            var fixes = new List<MeasuredFix>();
            foreach (var estimate in suspect.Fixes)
            {
                var key = Key(suspect, estimate);
                ConceptEdit[] edits = [ConceptEdit.Remove(key.Class, suspect.ConceptName)];
                if (!measured.TryGetValue(key, out var preview))
                {
                    progress?.Report(new DiagnosisProgress(done, total, $"removing {suspect.ConceptName} from {(estimate.Scope == FixScope.AllClasses ? "every class" : suspect.ClassName)}"));
                    preview = await PreviewAsync(edits, options.Refit, cancellationToken).ConfigureAwait(false);
                    if (preview.BaseVersionId != version)
                    {
                        throw new InvalidOperationException($"The session moved from version '{version}' to '{preview.BaseVersionId}' while the fixes were measured; diagnose again.");
                    }
                    measured.Add(key, preview);
                    done++;
                }
                fixes.Add(new MeasuredFix(estimate.Scope, suspect.ConceptName, estimate.ClassNames, edits, preview.Refit.Summary, preview.Splits, split, estimate));
            }
            var proposed = fixes.Count > 1 && fixes[1].Gain > fixes[0].Gain ? fixes[1] : fixes[0];
            confirmed.Add(new ConfirmedSuspect(suspect, fixes, proposed, DiagnosisSentences.Proposal(suspect, proposed, fixes)));
        }
        // The findings' fixes together: cues of several classes are fixed by several edits, which interact in the refit.
        var findings = confirmed.Where(c => c.Suspect.IsSignificant && c.FixHelps).ToArray();
        var together = findings.SelectMany(c => c.ProposedFix.Edits).Distinct().ToArray();
        CombinedFix? combined = null;
        if (together.Length > 1)
        {
            progress?.Report(new DiagnosisProgress(done, total + 1, $"all {findings.Length} findings' fixes together"));
            var preview = await PreviewAsync(together, options.Refit, cancellationToken).ConfigureAwait(false);
            if (preview.BaseVersionId != version)
            {
                throw new InvalidOperationException($"The session moved from version '{version}' to '{preview.BaseVersionId}' while the fixes were measured; diagnose again.");
            }
            combined = new CombinedFix(together, preview.Refit.Summary, preview.Splits, split, DiagnosisSentences.Combined(together, preview.Splits, split));
            (done, total) = (done + 1, total + 1);
        }
        progress?.Report(new DiagnosisProgress(done, total, null));
        return new ShortcutDiagnosis(split, version, report, confirmed, DiagnosisSentences.Headline(report, confirmed, combined)) { CombinedFix = combined };
    }
}
