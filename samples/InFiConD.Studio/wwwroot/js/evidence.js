// The first panel: the split's suspected shortcuts as the library ranks them, each with a preview of its proposed fix,
// then "Check fixes" (the library's diagnosis: each top suspect's fixes measured with real refits on every split).
import { $, el, known, pct, signed, pValue, metricsLine, points } from './dom.js';
import { splitWords, setStatus } from './api.js';
import { state } from './state.js';
import { term } from './glossary.js';
import { runJob } from './jobs.js';
import { preview } from './change.js';
import { lookAt } from '../studio.js';

const shownSuspects = 4;
const rate = (hits, count) => `${hits}/${count} (${pct(count === 0 ? 0 : hits / count)})`;

export function renderSuspects() {
  const r = state.report, suspects = r.suspects || [];
  const significant = suspects.filter((s) => s.isSignificant).length;
  const verdict = $('suspect-verdict');
  verdict.className = 'verdict ' + (significant > 0 ? 'found' : 'none');
  verdict.textContent = suspects.length === 0
    ? `No suspected shortcut on ${splitWords(r.split)}: of the ${r.suspectTests} (class, concept) weights tested, none goes with the students' errors.`
    : significant === 0
      ? `No suspected shortcut on ${splitWords(r.split)} is significant after correction for ${r.suspectTests} tests; the list below is for a closer look, not a finding.`
      : `${significant} of ${suspects.length} suspects on ${splitWords(r.split)} ${significant === 1 ? 'is' : 'are'} significant after correction for ${r.suspectTests} tests.`;
  const counted = suspects.length > 0 && suspects[0].evidence === 'Disagreements' ? 'disagreeing with the teacher' : 'wrong';
  const fact = (name, value) => el('div', {}, el('dt', {}, name), el('dd', { text: value }));
  $('suspects').replaceChildren(...suspects.slice(0, shownSuspects).map((s) => el('li', {
    class: 'suspect' + (s.isSignificant ? ' significant' : ''), 'data-rank': s.rank, 'data-class': s.className, 'data-concept': s.conceptName,
  },
  el('p', { class: 'suspect-title' },
    el('span', { class: 'marker ' + (s.isSignificant ? 'yes' : 'no'), text: s.isSignificant ? 'significant' : 'not significant' }),
    `${s.rank}. `,
    el('button', { type: 'button', class: 'link', 'data-tip': `Look at ${s.conceptName} in the ${s.className} student: its weights and images`,
      onclick: () => lookAt(s.className, s.conceptName) }, `${s.className} · ${s.conceptName}`), qualityBadge(s.conceptName)),
  el('p', { class: 'sentence', text: s.sentence }),
  el('dl', { class: 'numbers' },
    fact(term('weight'), `${signed(s.weight, 2)} (#${s.weightRank} of ${s.weights})`),
    fact(`${counted} where present`, rate(s.presentHits, s.presentCount)),
    fact(`${counted} otherwise`, rate(s.absentHits, s.absentCount)),
    fact(term('adjustedP'), `${pValue(s.adjustedPValue)} (Holm, ${s.tests} tests)`),
    fact('proposed fix', `${describeFix(s.proposedFix, s.className)}: ${estimate(s.proposedFix)} (estimated without a refit)`)),
  el('button', {
    type: 'button', class: 'preview-fix', 'data-class': s.className, 'data-concept': s.conceptName, disabled: state.busy ? true : null,
    'aria-label': `Preview this fix: ${describeFix(s.proposedFix, s.className)}`,
    onclick: () => previewFix(s),
  }, 'Preview this fix'))));
  const more = suspects.length - shownSuspects;
  if (more > 0) $('suspects').append(el('li', { class: 'muted', text: `and ${more} more with less evidence` }));
  renderDiagnosisButton();
}

/** The suspect's proposed fix as edits: remove the concept from the class, or from every class that uses it. */
function previewFix(s) {
  const fix = s.proposedFix;
  lookAt(s.className, s.conceptName);
  preview(fix.classNames.map((cls) => ({ kind: 'Remove', className: cls, conceptName: fix.conceptName })));
}

/** A warning badge for a concept the bank says is not reliably detected (its exemplar AUC is below the library's line). */
export function qualityBadge(concept) {
  const quality = state.config && state.config.conceptQuality ? state.config.conceptQuality[state.config.conceptNames.indexOf(concept)] : null;
  if (!quality || quality.isReliable) return null;
  const text = `not reliably detected: exemplar AUC ${quality.auc.toFixed(2)} (below 0.70), so read its weight with care`;
  return el('span', { class: 'quality-warning', role: 'img', 'aria-label': text, 'data-tip': text, text: '⚠' });
}

function describeFix(fix, cls) {
  return fix.scope === 'AllClasses'
    ? `remove ${fix.conceptName} from every class that uses it (${fix.classNames.length})`
    : `remove ${fix.conceptName} from ${cls}`;
}

function estimate(fix) {
  const [measure, before, after] = known(fix.accuracyBefore) && known(fix.accuracyAfter)
    ? ['accuracy', fix.accuracyBefore, fix.accuracyAfter] : ['agreement', fix.agreementBefore, fix.agreementAfter];
  return `${measure} ${pct(before)} → ${pct(after)} (${points(before, after)})`;
}

export function renderDiagnosisButton() {
  const button = $('check-fixes');
  button.disabled = state.busy || !state.report || (state.report.suspects || []).length === 0;
  button.textContent = state.diagnosis ? 'Check fixes again' : 'Check fixes';
}

export function renderDiagnosis() {
  const box = $('diagnosis'), d = state.diagnosis;
  if (!d) { box.replaceChildren(); return; }
  const current = state.history && d.versionId === state.history.currentId;
  const nodes = [el('p', { class: 'headline', id: 'diagnosis-headline', text: d.headline })];
  if (d.confirmed.length === 0) nodes.push(el('p', { class: 'empty', text: 'No suspect\'s fix was measured.' }));
  const list = el('ol', { class: 'confirmed-list', 'aria-label': 'Suspects whose fixes were measured' });
  nodes.push(list);
  for (const c of d.confirmed) {
    const s = c.suspect, parts = [];
    const helps = c.proposedFix && outcomeOn(c.proposedFix, d.split) && gain(outcomeOn(c.proposedFix, d.split)) > 0;
    parts.push(el('h3', {}, `${s.rank}. ${s.className} · ${s.conceptName} `,
      el('span', { class: 'marker ' + (s.isSignificant ? 'yes' : 'no'), text: s.isSignificant ? 'significant' : 'not significant' })));
    parts.push(el('p', { class: helps ? 'good' : 'bad', text: c.sentence }));
    parts.push(el('ul', { class: 'fixes', 'aria-label': `Measured fixes for ${s.className} · ${s.conceptName}` }, c.fixes.map((f) => {
      const proposed = f.scope === c.proposedFix.scope;
      return el('li', { class: 'fix' + (proposed ? ' proposed' : ''), 'data-class': s.className, 'data-concept': s.conceptName, 'data-scope': f.scope },
        el('p', { class: 'suspect-title' }, describeFix(f, s.className), proposed ? el('span', { class: 'tag proposed', text: 'proposed' }) : null),
        el('p', { class: 'muted', text: `measured with a refit (${f.refit}); estimated without one: ${estimate(f.estimate)}` }),
        el('ul', { class: 'outcomes' }, f.splits.map((o) => el('li', { 'data-split': o.split }, el('strong', { text: o.split }), ': ', metricsLine(o.before, o.after)))),
        proposed ? applyButton(helps ? 'Apply this fix' : 'Apply this fix (it does not help here)', describeFix(f, s.className), d, c.proposedFix.edits, current) : null);
    })));
    list.append(el('li', { class: 'confirmed', 'data-rank': s.rank, 'data-class': s.className, 'data-concept': s.conceptName }, parts));
  }
  // Every finding's fix together, measured with one refit: a cue per class needs one edit per class.
  const all = d.combinedFix;
  if (all) {
    const helps = gain(outcomeOn(all, d.split)) > 0;
    nodes.push(el('div', { class: 'combined', id: 'combined-fix' },
      el('h3', { text: 'All findings together' }),
      el('p', { class: helps ? 'good' : 'bad', text: all.sentence }),
      el('ul', { class: 'outcomes' }, all.splits.map((o) => el('li', { 'data-split': o.split }, el('strong', { text: o.split }), ': ', metricsLine(o.before, o.after)))),
      applyButton(`Apply all ${all.edits.length} fixes together`, null, d, all.edits, current)));
  }
  box.replaceChildren(...nodes);
}

/** A button that applies measured edits to the diagnosed version; its name starts with what it shows. */
function applyButton(text, fix, d, edits, current) {
  return el('button', {
    type: 'button', class: 'apply', disabled: state.busy || !current ? true : null,
    'aria-label': fix ? `${text}: ${fix}` : null, onclick: () => applyEdits(d, edits),
  }, text);
}

const outcomeOn = (fix, split) => fix.splits.find((o) => o.split === split);
const gain = (o) => (known(o.before.groundTruthAccuracy) && known(o.after.groundTruthAccuracy)
  ? o.after.groundTruthAccuracy - o.before.groundTruthAccuracy : o.after.top1Agreement - o.before.top1Agreement);

export async function checkFixes() {
  if (state.busy) return;
  const split = state.split;
  const job = await runJob('/api/diagnosis', { split, versionId: state.history.currentId }, 'The fixes were not checked.');
  if (!job) return;
  setStatus(`Checked the fixes of the top suspects on ${splitWords(split)} (version ${job.versionId}); nothing changed.`, null);
  // The reload after the job brought the diagnosis in with the rest of the split's data.
  $('diagnosis-headline')?.scrollIntoView({ block: 'nearest' });
}

async function applyEdits(d, edits) {
  // The diagnosed version goes with the edits: if the session has moved on, the server refuses rather than apply a fix
  // measured on other students.
  const job = await runJob('/api/edits', { edits, expectedVersion: d.versionId }, 'The fix was not applied.');
  if (!job) return;
  setStatus(`Applied ${job.kind} → ${job.versionId}. Check fixes again to diagnose the new version.`, null);
  // The edited weight, with its old value beside it, and what the edit did.
  lookAt(edits[0].className, edits[0].conceptName);
  $('change').scrollIntoView({ block: 'nearest' });
}
