// One image in detail (a modal dialog: Esc closes it and focus goes back to what opened it): the picture with a heat map
// of the chosen concept's score in each segment (the library's segmentScores), the box on its best segment where it is
// present, the teacher's, the student's and the true class, and the student's score added up in plain words.
import { $, el, num, pct, signed, enc } from './dom.js';
import { api, onSplit, splitWords } from './api.js';
import { state } from './state.js';
import { term } from './glossary.js';
import { box, dimensions } from './images.js';

let shown = null; // { id, split, opener, concept, explanation, location, truth }

export async function openDetail(id, split, opener, concept) {
  const dialog = $('detail');
  const token = (openDetail.token = (openDetail.token || 0) + 1);
  shown = { id, split, opener, concept, explanation: null, location: null, truth: null };
  $('detail-title').textContent = `${id} (${splitWords(split)})`;
  $('detail-body').replaceChildren(el('p', { class: 'muted', text: 'Loading…' }));
  if (!dialog.open) dialog.showModal();
  try {
    const [explanation, location] = await Promise.all([
      api(onSplit('/api/explain?id=' + enc(id), split)),
      api(onSplit('/api/segments?id=' + enc(id), split)),
    ]);
    if (token !== openDetail.token) return;
    // The library's explanation decomposes the true class too, when the split has labels.
    Object.assign(shown, { explanation, location, truth: explanation.truth ? explanation.truth.className : null });
    // The concept the opener showed, else the one that adds most to the student's answer.
    const top = [...explanation.student.contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))[0];
    shown.concept = concept || (top ? top.conceptName : location.concepts[0].concept);
    renderDetail();
  } catch (e) {
    if (token === openDetail.token) $('detail-body').replaceChildren(el('p', { class: 'empty', text: e.message }));
  }
}

export function wireDetail() {
  const dialog = $('detail');
  $('detail-close').addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
  dialog.addEventListener('close', () => {
    const opener = shown && shown.opener;
    const back = opener && opener.isConnected ? opener : shown && document.querySelector(`[data-image="${CSS.escape(shown.id)}"] button`);
    shown = null;
    if (back) back.focus();
  });
}

function renderDetail() {
  const s = shown, x = s.explanation;
  const picker = el('select', { id: 'detail-concept', onchange: (e) => { s.concept = e.target.value; renderDetail(); $('detail-concept').focus(); } },
    s.location.concepts.map((c) => el('option', { value: c.concept, selected: c.concept === s.concept ? true : null }, c.concept + (c.present ? '' : ' (not found)'))));
  $('detail-body').replaceChildren(
    el('div', { class: 'detail-grid' },
      el('p', { class: 'picker' }, el('label', { for: 'detail-concept', text: 'Show where this concept is: ' }), picker),
      el('div', { class: 'detail-picture' }, heatPicture(s), heatWords(s)),
      el('div', { class: 'detail-facts' },
        verdicts(x, s.truth),
        el('h3', { text: 'How the student decided' }),
        sum(x.student, `so the student says ${x.student.className}`, 'detail-sum'),
        x.agree ? null : sum(x.teacher, `lower than for ${x.student.className}, so the student does not say ${x.teacher.className}, the teacher's answer`, 'detail-sum-teacher'))));
}

function verdicts(x, truth) {
  const row = (name, id, value) => el('div', {}, el('dt', {}, name), el('dd', { id, text: value }));
  return [
    el('dl', { class: 'verdicts', id: 'detail-verdicts' },
      row(term('teacher', 'Teacher says'), 'detail-teacher', `${x.teacher.className} (${pct(x.teacher.teacherProbability)} sure)`),
      row(term('student', 'Student says'), 'detail-student', `${x.student.className} (${pct(x.student.studentProbability)} sure)`),
      row(term('truth', 'True class'), 'detail-truth', truth ?? 'not known (the split has no labels)')),
    el('p', { class: 'verdict-line', id: 'detail-verdict', text: verdictLine(x, truth) }),
  ];
}

/** Who is right, in one sentence. */
function verdictLine(x, truth) {
  const [teacher, student] = [x.teacher.className, x.student.className];
  if (truth === null) return x.agree ? 'The student agrees with the teacher.' : 'The student disagrees with the teacher.';
  if (x.agree) return teacher === truth ? 'Student and teacher agree, and both are right.' : `Student and teacher agree, but both are wrong: it is a ${truth}.`;
  if (student === truth) return 'The student disagrees with the teacher, and the student is right.';
  if (teacher === truth) return 'The student disagrees with the teacher, and the teacher is right.';
  return `The student disagrees with the teacher, and both are wrong: it is a ${truth}.`;
}

/** "water adds 1.79, sail adds 1.15 … and the starting value is −2.44: together 0.89, so the student says boat." */
function sum(c, ending, id) {
  const parts = [...c.contributions].filter((t) => t.contribution !== 0).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const shownParts = parts.slice(0, 6), rest = parts.slice(6).reduce((total, t) => total + t.contribution, 0);
  const words = shownParts.map((t) => `${t.conceptName} ${t.contribution >= 0 ? 'adds' : 'takes away'} ${num(Math.abs(t.contribution), 2)}`);
  if (parts.length > 6) words.push(`${parts.length - 6} smaller ones ${rest >= 0 ? 'add' : 'take away'} ${num(Math.abs(rest), 2)}`);
  return el('p', { class: 'sum', id },
    `For ${c.className}: `, words.length ? words.join(', ') : 'no concept counts', `, and the starting value (bias) is ${signed(c.bias, 2)}. Together `,
    el('strong', { text: num(c.logit, 2) }), ', the student\'s ', term('logit', 'score'), ` for ${c.className}, ${ending}.`);
}

const heatName = (b, [w, h], i) => {
  if (b.width >= w && b.height >= h) return 'the whole image';
  const across = b.x + b.width / 2 < w / 2 ? 'left' : 'right', down = b.y + b.height / 2 < h / 2 ? 'top' : 'bottom';
  return b.width <= w / 2 && b.height <= h / 2 ? `${down} ${across}` : `segment ${i}`;
};

/** The picture with one cell per segment, its opacity the concept's score there against the image's highest score. */
function heatPicture(s) {
  const c = s.location.concepts.find((x) => x.concept === s.concept), scores = s.location.segmentScores;
  const [w, h] = dimensions(s.location);
  const frame = el('span', { class: 'frame large' });
  if (state.config.hasImages) frame.append(el('img', { src: onSplit('/api/image?id=' + enc(s.id), s.split), alt: `${s.id}`, width: w, height: h }));
  else frame.classList.add('blank');
  if (scores) {
    const column = s.location.concepts.indexOf(c), top = Math.max(1e-9, ...scores.values);
    // Largest first, so the quarters lie over the whole image (drawn as a frame, not a fill).
    const order = s.location.segments.map((b, i) => i).sort((a, b) => area(s.location.segments[b]) - area(s.location.segments[a]));
    for (const i of order) {
      const b = s.location.segments[i], score = scores.values[i * scores.columns + column];
      const whole = b.width >= w && b.height >= h;
      frame.append(el('span', { class: 'heat' + (whole ? ' whole' : ''), 'data-segment': i, 'data-score': String(score), style: {
        left: (100 * b.x) / w + '%', top: (100 * b.y) / h + '%', width: (100 * b.width) / w + '%', height: (100 * b.height) / h + '%',
        '--heat': (0.6 * score) / top,
      } }, el('span', { class: 'heat-label', text: (whole ? 'whole ' : '') + num(score, 2) })));
    }
  }
  if (c.present && c.box) frame.append(box(c.box, s.concept, w, h));
  return frame;
}

const area = (b) => b.width * b.height;

function heatWords(s) {
  const c = s.location.concepts.find((x) => x.concept === s.concept), scores = s.location.segmentScores;
  const found = c.present
    ? `${s.concept} is found in this image (score ${num(c.score)}, present from ${num(c.presenceThreshold)})${c.box ? '; the yellow box marks the segment where it scores highest.' : '.'}`
    : `${s.concept} is not found in this image: its best score, ${num(c.score)}, is below ${num(c.presenceThreshold)}, where it would count as present, so no box is drawn.`;
  if (!scores) {
    return el('div', { id: 'detail-heat-words' }, el('p', { class: 'note', id: 'heat-unavailable' },
      `Where in the image each concept scores cannot be shown for this session: ${s.location.segmentScoresUnavailable || 'the per-segment scores were not kept'}. Only the best segment is boxed.`),
    el('p', { text: found }));
  }
  const column = s.location.concepts.indexOf(c);
  const size = dimensions(s.location);
  return el('div', { id: 'detail-heat-words' },
    el('p', {}, `Heat map: how strongly ${s.concept} scores in each `, term('segment'), ' (a stronger red is a higher score; the whole image is the frame around the edge).'),
    el('ul', { class: 'segment-scores' }, s.location.segments.map((b, i) => el('li', {}, `${heatName(b, size, i)}: ${num(scores.values[i * scores.columns + column])}`))),
    el('p', { text: found }));
}
