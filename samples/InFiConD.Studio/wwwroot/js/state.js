// Everything the page knows, in one place: what the server said last and what the person selected.

export const state = {
  split: null,      // the split every view describes now (?split= on each read)
  wanted: null,     // the split picked last, which the next load brings in
  config: null,     // StudioConfiguration on the split
  report: null,     // MisalignmentReport
  students: null,   // the library's student table
  bounds: [],       // WeightBounds in force
  history: null,    // { currentId, canUndo, canRedo, baseMetrics, currentMetrics, entries, effects }
  tree: null,       // HistoryNode: the versions as a tree
  fidelity: null,   // Fidelity
  effect: null,     // VersionDiff of the current version against its parent on the split (null at v0)
  diagnosis: null,  // ShortcutDiagnosis of the current version on the split, once "Check fixes" ran (null before)
  path: null,       // RegularizationPath fitted from the current version, once "Find simpler students" ran (null before)
  preview: null,    // { edits, refit, result: EditPreview | null } while an edit is being previewed
  job: null,        // the running job's id, for Cancel
  selection: { cls: null, subset: null, concept: null },
  busy: false,
};

/** The provenance entry of the current version (null at the base students). */
export const currentEntry = () => (state.history ? state.history.entries.find((e) => e.id === state.history.currentId) || null : null);
