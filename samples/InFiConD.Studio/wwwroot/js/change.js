// What an edit would do (a preview: the library's EditPreview, nothing kept) and what the current version's edit did,
// drawn the same way: the weights before → after, every split's fidelity and accuracy, the selected split's classes, and
// the images whose prediction changes there (each opens its detail).
import { $, el, num, pct, signed, known, plural, points, describeChange, describeEntry, intentOfChange } from './dom.js';
import { post, splitWords, setStatus, showError } from './api.js';
import { state, currentEntry } from './state.js';
import { term } from './glossary.js';
import { runJob } from './jobs.js';
import { thumbnails } from './images.js';
import { move } from './history.js';
import { reloadAfterConflict, lookAt } from '../studio.js';

let pending = null; // the AbortController of the preview in flight

/**
 * Previews edits on the version the page shows (a refit on the server, nothing kept), then shows what they would do. With
 * a λ (and its current value, for the words) every class is refit at it: "simpler students" from the size section.
 */
export async function preview(edits, lambda = null, currentLambda = null) {
  if (state.busy || !state.history) return;
  const epochs = $('epochs').value.trim();
  const body = { edits, expectedVersion: state.history.currentId };
  if (known(lambda)) body.lambda = lambda;
  // Without a refit the server refits to convergence; epochs ask for the paper's short refit.
  if (epochs !== '') body.refit = { epochs: Number(epochs) };
  pending?.abort();
  const controller = (pending = new AbortController());
  state.preview = { body, currentLambda, result: null };
  showError(null);
  renderChange();
  $('change').scrollIntoView({ block: 'nearest' });
  try {
    const result = await post('/api/preview', body, controller.signal);
    if (controller !== pending) return;
    state.preview.result = result;
    setStatus(`Preview ready: ${intentOfPreview(state.preview)}. Nothing changed yet.`, null);
  } catch (e) {
    if (controller !== pending || e.name === 'AbortError') return;
    state.preview = null;
    showError(e.message);
    if (e.status === 409) reloadAfterConflict();
  }
  renderChange();
}

/** Forgets the preview (a newer version, another split's reload keeps it: it covers every split). */
export function discardPreview() {
  pending?.abort();
  pending = null;
  state.preview = null;
  renderChange();
}

async function applyPreview() {
  const p = state.preview;
  if (!p || !p.result) return;
  // The previewed version goes with the edits: if the session has moved on, the server refuses (409).
  const job = await runJob('/api/edits', { ...p.body, expectedVersion: p.result.baseVersionId }, 'The edit was not applied.');
  if (!job) return;
  setStatus(`Applied ${job.kind} → ${job.versionId}.`, null);
  if (p.body.edits.length) lookAt(p.body.edits[0].className, p.body.edits[0].conceptName);
}

const describePreview = (p) => describeChange(p.body.edits, p.body.lambda, p.currentLambda);
const intentOfPreview = (p) => intentOfChange(p.body.edits, p.body.lambda, p.currentLambda);

export function renderChange() {
  const box = $('change'), p = state.preview, entry = currentEntry();
  if (p) {
    box.hidden = false;
    box.className = 'change preview';
    box.replaceChildren(...(p.result ? previewNodes(p).filter(Boolean) : [
      el('h3', { id: 'change-title', tabindex: '-1' }, 'Preview: ', intentOfPreview(p)),
      el('p', { class: 'muted', role: 'status', text: 'Refitting the student to see what this edit would do…' }),
      el('div', { class: 'actions' }, el('button', { type: 'button', id: 'discard-preview', onclick: discardPreview }, 'Cancel the preview')),
    ]));
    return;
  }
  if (!entry || !state.effect) { box.hidden = true; box.replaceChildren(); return; }
  box.hidden = false;
  box.className = 'change applied';
  box.replaceChildren(...effectNodes(entry).filter(Boolean));
}

function previewNodes(p) {
  const r = p.result, split = state.split;
  const outcome = r.splits.find((o) => o.split === split);
  return [
    el('h3', { id: 'change-title', tabindex: '-1' }, term('preview', 'Preview'), ` on ${r.baseVersionId} (nothing changes until you apply it): `, describePreview(p)),
    el('p', { class: 'intent', text: capital(intentOfPreview(p)) + '.' }),
    known(p.body.lambda) ? weightsInUse(r) : null,
    weightTable(previewWeights(r), p.body.edits),
    splitTable(r.splits.map((o) => ({ split: o.split, before: o.before, after: o.after, changed: o.changed.length })), true),
    outcome ? classTable(outcome.before, outcome.after) : null,
    outcome ? changedImages(outcome.changed, 'would change', split) : null,
    el('div', { class: 'actions' },
      el('button', { type: 'button', id: 'apply-preview', class: 'apply', disabled: state.busy ? true : null, onclick: applyPreview,
        'aria-label': `Apply this edit: ${intentOfPreview(p)}` }, 'Apply this edit'),
      el('button', { type: 'button', id: 'discard-preview', onclick: discardPreview }, 'Discard the preview')),
  ];
}

function effectNodes(entry) {
  const h = state.history, d = state.effect, split = state.split;
  const training = state.config.splits.find((s) => s.isTraining).name;
  const splits = [{ split: training, before: entry.metricsBefore, after: entry.metricsAfter }, ...(entry.evaluation || [])];
  const here = h.effects.find((x) => x.id === entry.id);
  return [
    el('h3', { id: 'change-title', tabindex: '-1' }, `What ${entry.id} did (from ${entry.parentId}): `, describeEntry(entry)),
    el('p', { class: 'intent', text: capital(intentOfChange(entry.edits, known(entry.previousLambda) ? entry.refit.lambda : null, entry.previousLambda)) + '.' }),
    weightTable(d.weights, entry.edits),
    splitTable(splits, false),
    here && here.before && here.after ? classTable(here.before, here.after) : null,
    changedImages(d.changed, 'changed', split),
    el('div', { class: 'actions' }, el('button', { type: 'button', class: 'undo-here', disabled: state.busy || !h.canUndo ? true : null,
      onclick: () => move('/api/undo') }, `Undo ${entry.id}`)),
  ];
}

const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** The weights a preview's refit changed: the rows before and after (base64 of little-endian float32 bits). */
function previewWeights(r) {
  const names = state.config.conceptNames, rows = [];
  for (const c of r.changes) {
    const before = floats(c.weightsBefore), after = floats(c.weightsAfter);
    before.forEach((w, j) => { if (w !== after[j]) rows.push({ className: c.className, conceptName: names[j], from: w, to: after[j] }); });
  }
  return rows;
}

/** How many weights are in use (not 0) before and after a refit of every class. */
function weightsInUse(r) {
  const count = (key) => r.changes.reduce((n, c) => n + floats(c[key]).filter((w) => w !== 0).length, 0);
  return el('p', { id: 'change-in-use' }, `Weights in use: ${count('weightsBefore')} → ${count('weightsAfter')}.`);
}

function floats(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)), view = new DataView(bytes.buffer);
  return Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(4 * i, true));
}

const shownWeights = 8;

/** Changed weights, the edited ones first, then by the size of the change. */
function weightTable(weights, edits) {
  const edited = (w) => edits.some((e) => e.className === w.className && e.conceptName === w.conceptName);
  const rows = [...weights].sort((a, b) => Number(edited(b)) - Number(edited(a)) || Math.abs(b.to - b.from) - Math.abs(a.to - a.from));
  if (rows.length === 0) return el('p', { class: 'muted', text: 'No weight changed.' });
  const table = el('table', { id: 'change-weights', class: 'compact' },
    el('caption', {}, `Weights that change (`, term('standardised'), ...(edits.length
      ? [`; the edited one first, then the `, term('refit'), `'s other changes)`]
      : [`; the `, term('refit'), `'s largest changes first)`])),
    el('thead', {}, el('tr', {}, ['class', 'concept', 'before', 'after', 'change'].map((t) => el('th', { scope: 'col', text: t })))),
    el('tbody', {}, rows.slice(0, shownWeights).map((w) => el('tr', { class: edited(w) ? 'edited' : '', 'data-class': w.className, 'data-concept': w.conceptName },
      el('td', { text: w.className }), el('th', { scope: 'row', text: w.conceptName }),
      el('td', { class: 'num before', text: num(w.from) }), el('td', { class: 'num after', text: num(w.to) }),
      el('td', { class: 'num', text: signed(w.to - w.from) })))));
  return rows.length > shownWeights
    ? el('div', {}, table, el('p', { class: 'muted', text: `and ${rows.length - shownWeights} smaller changes` }))
    : table;
}

/** Fidelity and accuracy before → after on every split (and, for a preview, how many predictions would change). */
function splitTable(splits, withChanged) {
  const cell = (before, after) => known(before) && known(after)
    ? el('td', { class: 'num' }, `${pct(before)} → ${pct(after)} `, el('span', { class: after > before ? 'good' : after < before ? 'bad' : 'muted', text: `(${points(before, after)})` }))
    : el('td', { class: 'muted', text: 'no labels' });
  return el('table', { id: 'change-splits', class: 'compact' },
    el('caption', {}, 'On every split'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'images' }), el('th', { scope: 'col' }, term('fidelity')),
      el('th', { scope: 'col' }, term('accuracy')), withChanged ? el('th', { scope: 'col', text: 'predictions that change' }) : null)),
    el('tbody', {}, splits.map((o) => el('tr', { 'data-split': o.split, class: o.split === state.split ? 'selected' : '' },
      el('th', { scope: 'row', text: o.split }), cell(o.before.top1Agreement, o.after.top1Agreement),
      cell(o.before.groundTruthAccuracy, o.after.groundTruthAccuracy), withChanged ? el('td', { class: 'num', text: o.changed }) : null))));
}

/** Per class on the selected split: agreement and the misaligned counts before → after, for the classes that changed. */
function classTable(before, after) {
  const rows = after.perClass.map((a, k) => ({ a, b: before.perClass[k] }))
    .filter(({ a, b }) => a.agreement !== b.agreement || a.teacherOnly !== b.teacherOnly || a.studentOnly !== b.studentOnly);
  if (rows.length === 0) return el('p', { id: 'change-classes', class: 'muted', text: `No class changed on ${splitWords(state.split)}.` });
  const arrow = (b, a) => (b === a ? String(a) : `${b} → ${a}`);
  return el('table', { id: 'change-classes', class: 'compact' },
    el('caption', { text: `Per class on ${splitWords(state.split)} (classes that change)` }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'class' }), el('th', { scope: 'col', text: 'agreement' }),
      el('th', { scope: 'col' }, term('teacherOnly', 'teacher only')), el('th', { scope: 'col', text: 'student only' }))),
    el('tbody', {}, rows.map(({ a, b }) => el('tr', { 'data-class': a.className },
      el('th', { scope: 'row', text: a.className }), el('td', { class: 'num', text: `${pct(b.agreement)} → ${pct(a.agreement)}` }),
      el('td', { class: 'num', text: arrow(b.teacherOnly, a.teacherOnly) }), el('td', { class: 'num', text: arrow(b.studentOnly, a.studentOnly) })))));
}

function changedImages(changed, verb, split) {
  if (changed.length === 0) return el('p', { class: 'muted', text: `No prediction ${verb} on ${splitWords(split)}.` });
  const right = changed.filter((c) => c.nowCorrect).length, wrong = changed.filter((c) => c.noLongerCorrect).length;
  return el('div', { id: 'change-images' },
    el('p', {}, `${plural(changed.length, 'prediction')} ${verb} on ${splitWords(split)}`,
      changed[0].truth !== null ? ` (${right} now right, ${wrong} now wrong)` : '', '. Open one to see why:'),
    thumbnails(changed, split));
}
