// The configuration (collapsed by default, below the evidence): what the session was built from, its splits, and on the
// selected split the teacher's accuracy and the class balance (ground truth, teacher, and the current students).
import { $, el, known, pct } from './dom.js';
import { splitWords } from './api.js';
import { state } from './state.js';
import { term } from './glossary.js';

export function renderConfig() {
  const c = state.config;
  // The edit inputs take their limits from the server, which checks requests against the same ones.
  Object.assign($('factor'), { min: c.limits.minFactor, max: c.limits.maxFactor });
  Object.assign($('epochs'), { min: 1, max: c.limits.maxEpochs });
  const fact = (name, value, id) => el('div', {}, el('dt', {}, name), el('dd', { id, text: value }));
  // The session's own descriptions, with the one term they use explained where it appears.
  const explained = (text) => text.split(/\b(CAV)\b/).map((part, i) => (i % 2 ? term('cav', part) : part));
  const rows = Object.entries(c.metadata).map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', {}, explained(v))));
  rows.push(fact('splits', c.splits.map((s) => `${s.name} ${s.imageCount}`).join(', ')));
  // The view's heading names the split these two rows describe.
  rows.push(fact('split images', `${c.imageCount} (${c.droppedImages} dropped)`, 'split-images'));
  rows.push(fact(term('teacher', 'teacher accuracy'), !known(c.teacherAccuracy) ? 'no ground truth' : pct(c.teacherAccuracy), 'teacher-accuracy'));
  rows.push(el('div', {}, el('dt', {}, term('student', 'students')), el('dd', {},
    `${c.classNames.length} classes × ${c.conceptNames.length} concepts, `, term('lambda', 'λ (L1)'), ` ${c.l1}, ${c.targets.toLowerCase()} targets, ${c.bootstrapMembers} `, term('bootstrap'), ' members')));
  const balance = el('table', { class: 'compact', id: 'balance' },
    el('caption', { text: `Class balance on ${splitWords(c.split)} (images per class; students: version ${state.history.currentId})` }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'class' }), el('th', { scope: 'col' }, term('truth')),
      el('th', { scope: 'col', text: 'teacher' }), el('th', { scope: 'col', text: 'students' }))),
    el('tbody', {}, c.classes.map((b) => el('tr', { 'data-class': b.className }, el('th', { scope: 'row', text: b.className }),
      el('td', { class: 'num', text: b.groundTruth ?? '–' }), el('td', { class: 'num', text: b.teacher }), el('td', { class: 'num students', text: b.student })))));
  const notes = [];
  if (!c.hasImages) notes.push(el('p', { class: 'note', id: 'no-images', text: 'This session was opened from a saved file. Session files keep concept scores, not images, so the instance and example views list image ids without pictures.' }));
  $('config-body').replaceChildren(el('dl', { class: 'facts' }, rows), balance, notes);
}
