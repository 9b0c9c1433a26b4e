// The selected class's weights: signed bars with ± one bootstrap deviation, the interval an edit put on a weight, and a
// ghost of the old value where the current version's edit changed it (an edited row stays, even at 0). Each edit button
// says what it will do and opens a preview first.
import { $, el, num, editIntent } from './dom.js';
import { state, currentEntry } from './state.js';
import { term } from './glossary.js';
import { preview } from './change.js';
import { qualityBadge } from './evidence.js';
import { select } from '../studio.js';

const classTable = (name) => (state.students ? state.students.classes.find((c) => c.name === name) : null);
const boundFor = (cls, concept) => state.bounds.find((b) => b.className === cls && b.conceptName === concept);
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);

export function renderInfluence() {
  const cls = state.selection.cls;
  const table = cls ? classTable(cls) : null;
  if (!table) { $('influence-body').replaceChildren(el('p', { class: 'empty', text: 'Select a class in Student performance.' })); return; }
  // What the current version's edit changed in this class: its old values, drawn as ghosts; its edited rows always shown.
  const entry = currentEntry();
  const old = new Map(state.effect ? state.effect.weights.filter((w) => w.className === cls).map((w) => [w.conceptName, w.from]) : []);
  const edited = new Set(entry ? entry.edits.filter((e) => e.className === cls).map((e) => e.conceptName) : []);
  const showZero = $('show-zero').checked, factor = Number($('factor').value);
  const weights = table.weights.filter((w) => showZero || w.standardizedWeight !== 0 || edited.has(w.concept));
  const scale = Math.max(1e-9, ...weights.map((w) => Math.max(Math.abs(w.standardizedWeight) + (w.bootstrapDeviation || 0), Math.abs(old.get(w.concept) || 0))));
  const bar = (value, kind) => {
    const width = (50 * Math.abs(value)) / scale;
    return el('span', { class: `bar ${kind} ${value >= 0 ? 'pos' : 'neg'}`, style: value >= 0 ? { left: '50%', width: width + '%' } : { left: 50 - width + '%', width: width + '%' } });
  };
  const rows = weights.map((w) => {
    const selected = state.selection.concept === w.concept, bound = boundFor(cls, w.concept), was = old.get(w.concept);
    const track = el('span', { class: 'track', 'aria-hidden': 'true' }, was !== undefined ? bar(was, 'ghost') : null, bar(w.standardizedWeight, 'now'));
    if (w.bootstrapDeviation) {
      const clamp = (x) => Math.min(100, Math.max(0, x));
      const lo = clamp(50 + (50 * ((w.bootstrapMean ?? w.standardizedWeight) - w.bootstrapDeviation)) / scale);
      const hi = clamp(50 + (50 * ((w.bootstrapMean ?? w.standardizedWeight) + w.bootstrapDeviation)) / scale);
      track.append(el('span', { class: 'whisker', style: { left: lo + '%', width: Math.max(0.5, hi - lo) + '%' } }));
    }
    const action = (kind, text) => {
      const intent = editIntent(kind, cls, w.concept, factor);
      return el('button', {
        type: 'button', class: 'edit', 'data-kind': kind, 'data-concept': w.concept,
        'aria-label': `${text}: ${intent} (shows a preview first)`, 'data-tip': `${capital(intent)}. Shows a preview first; nothing changes until you apply it.`,
        disabled: state.busy ? true : null, onclick: () => preview([{ kind, className: cls, conceptName: w.concept, factor }]),
      }, text);
    };
    return el('tr', { class: (selected ? 'selected' : '') + (edited.has(w.concept) ? ' edited' : ''), 'data-concept': w.concept },
      el('th', { scope: 'row' }, el('button', {
        type: 'button', class: 'concept-button', 'aria-pressed': String(selected),
        onclick: () => select({ concept: w.concept }),
      }, w.concept), qualityBadge(w.concept)),
      el('td', { class: 'bar-cell' }, track),
      // The interval an edit set and the value before the current edit go under the value: one column less keeps the
      // edit buttons in view.
      el('td', { class: 'num' }, num(w.standardizedWeight) + (w.bootstrapDeviation ? ` ± ${num(w.bootstrapDeviation, 2)}` : ''),
        was !== undefined ? el('span', { class: 'was', text: `was ${num(was)}` }) : null,
        bound ? el('span', { class: 'bound', text: describeBound(bound) }) : null),
      el('td', { class: 'actions' }, action('Uptune', 'up'), action('Downtune', 'down'), action('Remove', 'remove'),
        bound && bound.kind === 'Lock' ? action('Release', 'release') : action('Lock', 'lock')));
  });
  $('influence-body').replaceChildren(el('table', { id: 'weights-table' },
    el('caption', {}, `Weights of ${cls} (`, term('standardised'), ', sorted by size; whiskers: ± one ', term('bootstrap'),
      ` deviation${old.size ? '; hollow bars: the value before ' + entry.id : ''}). Bias ${num(table.bias)}.`),
    el('thead', {}, el('tr', {}, ['concept', 'weight', 'value (bounds)', 'edit'].map((t) => el('th', { scope: 'col', text: t })))),
    el('tbody', {}, rows)));
}

function describeBound(b) {
  if (b.kind === 'Lock') return 'locked';
  if (b.kind === 'Remove') return 'removed';
  return `${b.kind.toLowerCase()} [${num(b.lower)}, ${num(b.upper)}]`;
}
