// InFiConD Studio front end: plain JavaScript modules over the Studio's JSON API (the library's own records).
// No model logic here: every number comes from the server, every change goes through POST routes.
import { $, enc } from './js/dom.js';
import { api, onSplit, sleep, setStatus, showError } from './js/api.js';
import { state } from './js/state.js';
import { renderGlossary, wireTooltip } from './js/glossary.js';
import { renderSplit, renderMetrics, renderEffect, changeSplit } from './js/header.js';
import { renderSuspects, renderDiagnosis, checkFixes } from './js/evidence.js';
import { renderPerformance, defaultSubset } from './js/performance.js';
import { renderInfluence } from './js/influence.js';
import { renderChange, discardPreview } from './js/change.js';
import { renderInstances, renderExamples } from './js/images.js';
import { renderHistory, wireHistory } from './js/history.js';
import { renderConfig } from './js/config.js';
import { wireDetail } from './js/detail.js';
import { cancelJob } from './js/jobs.js';
import { renderSize, fitPath } from './js/size.js';

async function waitForSession() {
  for (;;) {
    let s;
    try { s = await api('/api/state'); }
    catch (e) { setStatus('Cannot reach the Studio server: ' + e.message, null); await sleep(1000); continue; }
    if (s.status === 'ready') return s;
    if (s.status === 'failed') { setStatus('The session could not be built.', null); showError(s.error); return null; }
    setStatus('Building the session: ' + s.build.step, s.build.done, s.build.total);
    await sleep(500);
  }
}

// Loads every view's data on the selected split; a newer load (another split, another version) wins over an older one.
export async function loadAll() {
  const token = (loadAll.token = (loadAll.token || 0) + 1), split = state.wanted;
  const [config, report, students, bounds, history, tree, fidelity, diagnosis, path] = await Promise.all([
    api(onSplit('/api/config', split)), api(onSplit('/api/report', split)), api('/api/students'), api('/api/bounds'),
    api(onSplit('/api/history', split)), api('/api/history/tree'), api(onSplit('/api/fidelity', split)),
    // 204 (null) until "Check fixes" ran on this version and split.
    api(onSplit('/api/diagnosis', split)),
    // 204 (null) until "Find simpler students" ran on this version.
    api('/api/path'),
  ]);
  const entry = history.entries.find((e) => e.id === history.currentId);
  const effect = entry ? await api(onSplit(`/api/diff?from=${enc(entry.parentId)}&to=${enc(entry.id)}`, split)) : null;
  if (token !== loadAll.token) return;
  // The split changes with the data that describes it, so a view never pairs one split's ids with another's.
  Object.assign(state, { split, config, report, students, bounds, history, tree, fidelity, effect, diagnosis, path });
  // A preview belongs to the version it was computed on (it covers every split, so another split keeps it).
  if (state.preview && state.preview.body.expectedVersion !== history.currentId) discardPreview();
  renderAll();
}

function renderAll() {
  renderSplit();
  renderConfig();
  renderMetrics();
  renderEffect();
  renderSuspects();
  renderDiagnosis();
  renderPerformance();
  renderInfluence();
  renderChange();
  renderInstances();
  renderExamples();
  renderSize();
  renderHistory();
}

export function selectedClass() {
  return state.report && state.selection.cls ? state.report.classes.find((c) => c.className === state.selection.cls) : null;
}

/** Changes what is selected (class, subset, concept) and redraws the views that depend on it. */
export function select(change) {
  Object.assign(state.selection, change);
  renderPerformance();
  renderInfluence();
  renderInstances();
  renderExamples();
}

/** Selects a class and a concept (from a suspect) and brings the class's weights into view. */
export function lookAt(cls, concept) {
  const c = state.report.classes.find((x) => x.className === cls);
  select({ cls, concept, subset: c ? defaultSubset(c) : null });
  $('influence').scrollIntoView({ block: 'nearest' });
}

// After a 409 the page shows a version the session has left: bring the views to where it is, keeping the message.
export function reloadAfterConflict() {
  loadAll().catch((e) => showError(e.message));
}

async function main() {
  renderGlossary();
  wireTooltip();
  wireHistory();
  wireDetail();
  $('edit-settings').addEventListener('submit', (e) => e.preventDefault());
  $('show-zero').addEventListener('change', renderInfluence);
  // The edit buttons say what they will do with the factor: say it again when the factor changes.
  $('factor').addEventListener('input', renderInfluence);
  $('split').addEventListener('change', changeSplit);
  $('check-fixes').addEventListener('click', checkFixes);
  $('fit-path').addEventListener('click', fitPath);
  $('cancel-job').addEventListener('click', cancelJob);
  const ready = await waitForSession();
  if (!ready) return;
  try {
    // The page opens on the split the server proposes: the library's diagnosis split, where the students do worst.
    state.wanted = (await api('/api/config')).defaultSplit;
    await loadAll();
    // Open on the top suspect, so its class's weights and images are in view at once.
    const top = (state.report.suspects || [])[0];
    if (top) select({ cls: top.className, concept: top.conceptName, subset: defaultSubset(state.report.classes.find((c) => c.className === top.className)) });
    setStatus('Ready.', null);
    $('views').setAttribute('aria-busy', 'false');
    document.body.dataset.ready = 'true';
  } catch (e) { showError(e.message); }
}

main();
