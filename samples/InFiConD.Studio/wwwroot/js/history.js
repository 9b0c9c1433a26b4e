// The versions: a tree (branches included, the current version marked), undo, redo, going to any version, comparing any
// two, and saving the session.
import { $, el, num, pct, signed, known, plural, describeEntry, enc } from './dom.js';
import { api, onSplit, post, splitWords, setStatus, showError } from './api.js';
import { state } from './state.js';
import { term } from './glossary.js';
import { thumbnails } from './images.js';
import { loadAll, reloadAfterConflict } from '../studio.js';

export function renderHistory() {
  const h = state.history;
  // Each entry's effect on the selected split, as the library logged it (held-out splits: the entry's evaluation).
  const effectOf = (id) => {
    const x = h.effects.find((e) => e.id === id);
    return x && x.before && x.after ? metricsText(x.before, x.after) : `not measured on ${h.split}`;
  };
  const base = h.baseMetrics ? `fidelity ${pct(h.baseMetrics.top1Agreement)}` + (known(h.baseMetrics.groundTruthAccuracy) ? `, accuracy ${pct(h.baseMetrics.groundTruthAccuracy)}` : '') : null;
  const node = (n) => {
    const id = n.version.versionId, entry = h.entries.find((e) => e.id === id), current = id === h.currentId;
    const title = entry ? describeEntry(entry) : 'base students';
    return el('li', { class: 'node' + (current ? ' current' : ''), 'data-version': id, 'aria-current': current ? 'step' : null },
      el('div', { class: 'node-line' },
        el('strong', { text: id }), entry ? el('span', { class: 'muted', text: ` from ${entry.parentId}` }) : null, ' ', title,
        current ? el('span', { class: 'tag', text: 'current' }) : null,
        el('div', { class: 'muted', text: entry ? effectOf(id) : base }),
        el('div', { class: 'node-actions' },
          current ? null : el('button', {
            type: 'button', class: 'checkout', 'data-tip': 'Go back to this version: the next edit from here starts a new branch.',
            'aria-label': `go to this version: ${id} (the next edit then branches from it)`, onclick: () => move('/api/checkout', { versionId: id }),
          }, 'go to this version'),
          current ? null : el('button', { type: 'button', class: 'compare-with', 'aria-label': `compare with current: ${id} with ${h.currentId}`,
            onclick: () => compare(id, h.currentId) }, 'compare with current'))),
      n.children.length ? el('ul', { class: 'tree-children' }, n.children.map(node)) : null);
  };
  $('history').replaceChildren(node(state.tree));
  renderHistoryButtons();
  renderCompareForm();
}

const metricsText = (before, after) => {
  const parts = [`fidelity ${pct(before.top1Agreement)} → ${pct(after.top1Agreement)}`];
  if (known(before.groundTruthAccuracy) && known(after.groundTruthAccuracy)) parts.push(`accuracy ${pct(before.groundTruthAccuracy)} → ${pct(after.groundTruthAccuracy)}`);
  return parts.join(', ');
};

export function renderHistoryButtons() {
  const h = state.history;
  $('undo').disabled = state.busy || !h || !h.canUndo;
  $('redo').disabled = state.busy || !h || !h.canRedo;
}

// Undo, redo or going to a version from the version the page shows: if the session has moved on, the server refuses (409).
export async function move(path, body = {}) {
  if (state.busy) return;
  showError(null);
  try {
    await post(path, { ...body, expectedVersion: state.history.currentId });
    await loadAll();
    setStatus(`Now at ${state.history.currentId}.`, null);
  } catch (e) {
    showError(e.message);
    if (e.status === 409) reloadAfterConflict();
  }
}

// ---------- comparing two versions ----------

const versions = () => ['v0', ...state.history.entries.map((e) => e.id)];

function renderCompareForm() {
  const h = state.history, ids = versions();
  const entry = h.entries.find((e) => e.id === h.currentId);
  for (const [id, fallback] of [['compare-from', entry ? entry.parentId : 'v0'], ['compare-to', h.currentId]]) {
    const select = $(id), keep = ids.includes(select.value) ? select.value : fallback;
    select.replaceChildren(...ids.map((v) => el('option', { value: v }, v + (v === h.currentId ? ' (current)' : ''))));
    select.value = keep;
  }
  // A comparison on display stays right when the split changes: ask again on the new split.
  const shownPair = $('compare-result').dataset.pair;
  if (shownPair) {
    const [from, to] = shownPair.split(' ');
    if (ids.includes(from) && ids.includes(to)) compare(from, to);
    else $('compare-result').replaceChildren();
  }
}

async function compare(from, to) {
  $('compare-from').value = from;
  $('compare-to').value = to;
  const box = $('compare-result'), split = state.split;
  const token = (compare.token = (compare.token || 0) + 1);
  try {
    const d = await api(onSplit(`/api/diff?from=${enc(from)}&to=${enc(to)}`, split));
    if (token !== compare.token) return;
    box.dataset.pair = `${from} ${to}`;
    const deltas = [`fidelity ${signed(100 * d.top1AgreementDelta, 1)} pts`];
    if (known(d.groundTruthAccuracyDelta)) deltas.push(`accuracy ${signed(100 * d.groundTruthAccuracyDelta, 1)} pts`);
    const classes = d.perClass.filter((c) => c.agreementDelta !== 0 || c.teacherOnlyDelta !== 0 || c.studentOnlyDelta !== 0);
    box.replaceChildren(
      el('p', { id: 'compare-summary' }, el('strong', { text: `${from} → ${to}` }), ` on ${splitWords(split)}: ${deltas.join(', ')}; ${plural(d.changed.length, 'prediction')} changed, ${plural(d.weights.length, 'weight')} changed.`),
      d.weights.length === 0 ? el('p', { class: 'muted', text: 'No weight differs.' }) : el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': `Weights that differ between ${from} and ${to}` },
        el('table', { id: 'compare-weights', class: 'compact' },
          el('caption', {}, 'Weights that differ (', term('standardised'), ')'),
          el('thead', {}, el('tr', {}, ['class', 'concept', from, to, 'change'].map((t) => el('th', { scope: 'col', text: t })))),
          el('tbody', {}, d.weights.map((w) => el('tr', { 'data-class': w.className, 'data-concept': w.conceptName },
            el('td', { text: w.className }), el('th', { scope: 'row', text: w.conceptName }),
            el('td', { class: 'num from', text: num(w.from) }), el('td', { class: 'num to', text: num(w.to) }), el('td', { class: 'num', text: signed(w.delta) })))))),
      classes.length === 0 ? null : el('p', { class: 'muted' }, 'Agreement per class: ',
        classes.map((c) => `${c.className} ${signed(100 * c.agreementDelta, 1)} pts`).join(', '), '.'),
      d.changed.length === 0 ? el('p', { class: 'muted', text: `No prediction differs on ${splitWords(split)}.` }) : thumbnails(d.changed, split));
  } catch (e) { if (token === compare.token) box.replaceChildren(el('p', { class: 'empty', text: e.message })); }
}

export function wireHistory() {
  $('undo').addEventListener('click', () => move('/api/undo'));
  $('redo').addEventListener('click', () => move('/api/redo'));
  $('save-form').addEventListener('submit', save);
  $('compare-form').addEventListener('submit', (e) => { e.preventDefault(); compare($('compare-from').value, $('compare-to').value); });
  document.addEventListener('keydown', (e) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'z' || e.key === 'Z') { e.preventDefault(); if (!$('undo').disabled) move('/api/undo'); }
    if (e.key === 'y' || e.key === 'Y') { e.preventDefault(); if (!$('redo').disabled) move('/api/redo'); }
  });
}

async function save(event) {
  event.preventDefault();
  showError(null);
  try {
    const result = await post('/api/save', { name: $('save-name').value });
    setStatus(`Saved ${result.file} (${result.bytes} bytes) in the Studio's output folder.`, null);
  } catch (e) { showError(e.message); }
}
