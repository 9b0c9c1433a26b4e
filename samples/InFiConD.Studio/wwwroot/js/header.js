// The header: the split picker, the metrics of the current version on the split, and one line on what the current
// version's edit did there (the details are under "What … did").
import { $, el, known, pct, num, plural, describeEntry, metricsLine } from './dom.js';
import { splitWords, setStatus, showError } from './api.js';
import { state, currentEntry } from './state.js';
import { loadAll } from '../studio.js';

export function renderMetrics() {
  const h = state.history, f = state.fidelity;
  $('metric-version').textContent = h ? h.currentId : '–';
  $('metric-agreement').textContent = f ? pct(f.top1Agreement) : '–';
  $('metric-accuracy').textContent = f && known(f.groundTruthAccuracy) ? pct(f.groundTruthAccuracy) : 'no ground truth';
  $('metric-kl').textContent = f ? num(f.meanKl, 5) : '–';
}

export function renderSplit() {
  const c = state.config, picker = $('split');
  const describe = (s) => `${s.imageCount} images, ${s.isTraining ? 'fitted on' : 'held out'}${s.hasLabels ? '' : ', no labels'}`;
  // Rebuilt only when the splits differ: replacing the options under a person's arrow keys would lose their place.
  const options = c.splits.map((s) => `${s.name} (${describe(s)})`);
  if (picker.dataset.options !== options.join('\n')) {
    picker.replaceChildren(...c.splits.map((s, i) => el('option', { value: s.name }, options[i])));
    picker.dataset.options = options.join('\n');
  }
  if (picker.value !== state.wanted) picker.value = state.wanted;
  const s = c.splits.find((x) => x.name === state.split);
  $('split-caption').textContent = `Every view describes ${splitWords(s.name)}: ${describe(s)}` +
    (s.isTraining ? ' (students and teacher learnt the same cues here, so shortcuts rarely show).' : ' (never fitted on: where a shortcut shows).');
  $('metrics').setAttribute('aria-label', `Current metrics on ${splitWords(s.name)}`);
  for (const tag of document.querySelectorAll('.on-split')) tag.textContent = `on ${splitWords(s.name)}`;
  document.body.dataset.split = s.name;
}

export async function changeSplit() {
  state.wanted = $('split').value;
  showError(null);
  try {
    await loadAll();
    if (state.split === state.wanted) setStatus(`Showing ${splitWords(state.split)}.`, null);
  } catch (e) {
    // The views still show the split they had: say so in the picker too.
    state.wanted = state.split;
    $('split').value = state.split;
    showError(e.message);
  }
}

export function renderEffect() {
  const box = $('edit-effect'), h = state.history, d = state.effect, entry = currentEntry();
  const effect = entry && h.effects.find((x) => x.id === entry.id);
  if (!entry || !d) { box.hidden = true; box.replaceChildren(); return; }
  const right = d.changed.filter((c) => c.nowCorrect).length, wrong = d.changed.filter((c) => c.noLongerCorrect).length;
  box.hidden = false;
  box.replaceChildren(el('p', {}, el('strong', { text: entry.id }), ` (${describeEntry(entry)}, from ${entry.parentId}) on ${splitWords(d.split)}: `,
    effect && effect.before && effect.after ? [metricsLine(effect.before, effect.after), '; '] : null,
    el('span', { id: 'effect-changed', text: `${plural(d.changed.length, 'prediction')} changed` }),
    d.changed.length > 0 && d.changed[0].truth !== null ? ` (${right} now right, ${wrong} now wrong)` : '', '. ',
    el('a', { href: '#change-title', class: 'more' }, `What ${entry.id} did, in detail`)));
}
