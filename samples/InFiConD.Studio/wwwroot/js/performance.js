// How the students do per class on the split: agreement with the teacher (bars on a scale that tells 99.2 % from
// 99.6 %), the misaligned subsets to select, the confusion matrix, and where a class's disagreements concentrate.
import { $, el, num, pct, subsetLabel, subsetKey } from './dom.js';
import { splitWords } from './api.js';
import { state } from './state.js';
import { term } from './glossary.js';
import { select, selectedClass } from '../studio.js';

/** The bars' left end: the largest round step at or below the lowest agreement, so close values differ visibly. */
function scaleFloor(values) {
  const low = Math.min(...values);
  return [0.998, 0.995, 0.99, 0.98, 0.95, 0.9, 0.8, 0.5].find((s) => s <= low) ?? 0;
}

export function renderPerformance() {
  const r = state.report, sel = state.selection;
  const floor = scaleFloor(r.classes.map((c) => c.agreement));
  const table = el('table', { id: 'class-table' },
    el('caption', {}, el('span', { text: `Agreement with the teacher per class on ${splitWords(r.split)} (overall ${pct(r.agreement)} of ${r.imageCount} images)` }),
      el('span', { class: 'muted scale', id: 'agreement-scale', text: ` · bars run from ${pct(floor)} to 100 %` })),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'class' }), el('th', { scope: 'col' }, term('fidelity', 'agreement')),
      el('th', { scope: 'col' }, term('teacherOnly', 'teacher only')), el('th', { scope: 'col', text: 'student only' }))),
    el('tbody', {}, r.classes.map((c) => {
      const selected = sel.cls === c.className;
      const subsetButton = (kind) => {
        const subset = c[subsetKey[kind]];
        return el('td', {}, el('button', {
          type: 'button', class: 'subset' + (selected && sel.subset === kind ? ' selected' : ''),
          'aria-pressed': String(selected && sel.subset === kind),
          'aria-label': `${subsetLabel[kind]} subset of ${c.className}: ${subset.count} images`,
          'data-class': c.className, 'data-subset': kind,
          disabled: subset.count === 0 ? true : null,
          onclick: () => select({ cls: c.className, subset: kind }),
        }, String(subset.count)));
      };
      return el('tr', { class: selected ? 'selected' : '' },
        el('th', { scope: 'row' }, el('button', {
          type: 'button', class: 'class-button', 'aria-pressed': String(selected), 'data-class': c.className,
          onclick: () => select({ cls: c.className, subset: defaultSubset(c) }),
        }, c.className)),
        el('td', { class: 'num' }, el('span', { class: 'meter', 'aria-hidden': 'true', style: { '--value': (c.agreement - floor) / (1 - floor) } }), ' ', pct(c.agreement)),
        subsetButton('TeacherOnly'), subsetButton('StudentOnly'));
    })));
  const parts = [table, confusion(r)];
  const c = selectedClass();
  if (c) {
    const slices = [...c.teacherOnlySlices, ...c.studentOnlySlices];
    parts.push(el('h3', { text: `Where ${c.className}'s disagreements concentrate` }));
    parts.push(slices.length === 0
      ? el('p', { class: 'empty', text: 'No concept slice is frequent enough to report.' })
      : el('ul', { class: 'slices' }, slices.slice(0, 6).map((s) => el('li', {}, el('button', {
        type: 'button', class: 'link', onclick: () => select({ concept: s.conceptName, subset: s.kind }),
        'data-tip': `Selects ${s.conceptName} and the ${subsetLabel[s.kind]} subset`,
      }, s.sentence), el('span', { class: 'muted' }, ' ', term('lift'), ` ${num(s.lift, 2)}, `, term('p'), ` ${s.pValue.toExponential(1)}`)))));
  }
  $('performance-body').replaceChildren(...parts);
}

/** The report's confusion matrix: the teacher's class per row, the students' per column. */
function confusion(r) {
  return el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'confusion-caption' },
    el('table', { id: 'confusion', class: 'confusion' },
      el('caption', { id: 'confusion-caption' }, term('confusion', 'Confusion matrix'), ` on ${splitWords(r.split)}: teacher's class per row, students' class per column`),
      el('thead', {}, el('tr', {}, el('td', { class: 'corner', text: 'teacher ↓ student →' }), r.classNames.map((name) => el('th', { scope: 'col', text: name })))),
      el('tbody', {}, r.confusion.map((row, i) => el('tr', {}, el('th', { scope: 'row', text: r.classNames[i] }),
        row.map((n, j) => el('td', { class: 'num' + (i === j ? ' diagonal' : n > 0 ? ' off' : ''), text: n })))))));
}

export function defaultSubset(c) {
  if (c.teacherOnly.count >= c.studentOnly.count && c.teacherOnly.count > 0) return 'TeacherOnly';
  if (c.studentOnly.count > 0) return 'StudentOnly';
  return 'AgreePositive';
}
