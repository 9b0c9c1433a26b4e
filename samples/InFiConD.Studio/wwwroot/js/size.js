// Simpler students: the λ path of the current version (GET /api/path), fitted on request as a job. Any point can be
// previewed and applied like an edit: every class refit at its λ from the current weights, the edits' limits kept.
import { $, el, pct, plural, known, lambdaText } from './dom.js';
import { setStatus } from './api.js';
import { state } from './state.js';
import { term } from './glossary.js';
import { runJob } from './jobs.js';
import { preview } from './change.js';

export async function fitPath() {
  if (state.busy || !state.history) return;
  const job = await runJob('/api/path', { versionId: state.history.currentId }, 'The simpler students were not fitted.');
  if (job) setStatus('Simpler students fitted: preview one to see what it would change.', null);
}

// What the suggestion reads on a split: accuracy where labelled, else fidelity (as the library's RegularizationPathPoint.Score).
const score = (fidelity) => (known(fidelity.groundTruthAccuracy) ? fidelity.groundTruthAccuracy : fidelity.top1Agreement);

export function renderSize() {
  const button = $('fit-path'), body = $('size-body'), path = state.path;
  button.hidden = Boolean(path);
  button.disabled = state.busy || !state.history;
  if (!path) {
    body.replaceChildren(el('p', { class: 'empty', text: `Not fitted for ${state.history ? state.history.currentId : 'this version'} yet.` }));
    return;
  }
  const splits = Object.keys(path.points[0].fidelity), suggested = path.points[path.suggested];
  const labelled = (split) => known(path.points[0].fidelity[split].groundTruthAccuracy);
  body.replaceChildren(
    el('p', { id: 'size-verdict', class: 'verdict' }, `Suggested: λ = ${lambdaText(suggested.lambda)}, `,
      el('strong', { text: plural(suggested.nonZeroWeights, 'weight') }), ` in use, scoring ${pct(score(suggested.fidelity[path.split]))} on ${path.split}: `,
      `the largest λ within one point of the best score there. The students of ${state.history.currentId} use λ = ${lambdaText(path.sessionLambda)}.`),
    el('p', { class: 'hint', text: 'Fewest weights first. Each split\'s score is accuracy where its images have labels, else fidelity.' }),
    el('div', { class: 'scroll' }, el('table', { id: 'size-table', class: 'compact' },
      el('caption', {}, `Students at ${path.points.length} strengths of `, term('lambda', 'λ')),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'λ' }), el('th', { scope: 'col', text: 'weights in use' }),
        splits.map((s) => el('th', { scope: 'col', text: `${s} ${labelled(s) ? 'accuracy' : 'fidelity'}` })), el('th', { scope: 'col', text: '' }))),
      el('tbody', {}, path.points.map((p, i) => {
        const isSuggested = i === path.suggested, same = p.lambda === path.sessionLambda;
        return el('tr', { class: isSuggested ? 'suggested' : '', 'data-lambda': String(p.lambda) },
          el('th', { scope: 'row' }, lambdaText(p.lambda), isSuggested ? el('span', { class: 'tag', text: 'suggested' }) : null),
          el('td', { class: 'num', text: String(p.nonZeroWeights) }),
          splits.map((s) => el('td', { class: 'num', text: pct(score(p.fidelity[s])) })),
          el('td', {}, el('button', {
            type: 'button', class: 'preview-size' + (isSuggested ? ' primary' : ''), disabled: state.busy || same || p.nonZeroWeights === 0 ? true : null,
            'aria-label': `Preview the students at λ = ${lambdaText(p.lambda)} (${plural(p.nonZeroWeights, 'weight')} in use)`,
            onclick: () => preview([], p.lambda, path.sessionLambda),
          }, 'Preview')));
      })))));
}
