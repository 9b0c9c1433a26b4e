// The pictures: a subset's instances with their contributions, a concept's top examples, and small thumbnails of changed
// images. Every picture is a button that opens the image's detail. Boxes come from the library's Locate: none where a
// concept is absent.
import { el, num, pct, signed, enc, subsetLabel, subsetKey } from './dom.js';
import { api, onSplit, splitWords } from './api.js';
import { state, currentEntry } from './state.js';
import { term } from './glossary.js';
import { openDetail } from './detail.js';
import { select, selectedClass } from '../studio.js';

export function renderInstances() {
  const c = selectedClass(), kind = state.selection.subset;
  const body = document.getElementById('instances-body');
  if (!c || !kind) { body.replaceChildren(el('p', { class: 'empty', text: 'Select a class or a subset in Student performance.' })); return; }
  const subset = c[subsetKey[kind]];
  const ids = subset.imageIds.slice(0, 12);
  const heading = el('p', { class: 'subset-title', id: 'instances-subset' },
    `${c.className} · ${subsetLabel[kind]} · ${subset.count} ${state.split} image${subset.count === 1 ? '' : 's'}` + (subset.count > ids.length ? ` (first ${ids.length} shown)` : ''));
  if (ids.length === 0) {
    // An edit can empty a subset: the images it moved out are listed with the edit's effect.
    const moved = currentEntry() && state.effect && state.effect.changed.length > 0;
    body.replaceChildren(heading, el('p', { class: 'empty' }, 'No images in this subset.',
      moved ? ` The ${state.effect.changed.length} images the last edit changed are listed under "What ${state.history.currentId} did".` : ''));
    return;
  }
  const grid = el('ul', { class: 'cards', 'aria-label': 'Images of the selected subset' });
  body.replaceChildren(heading, grid);
  const token = (renderInstances.token = (renderInstances.token || 0) + 1), split = state.split;
  ids.forEach(async (id) => {
    const card = el('li', { class: 'card', 'data-image': id }, el('p', { class: 'muted', text: id }));
    grid.append(card);
    try {
      const [explanation, location] = await Promise.all([
        api(onSplit('/api/explain?id=' + enc(id), split)),
        api(onSplit('/api/segments?id=' + enc(id), split)),
      ]);
      if (token !== renderInstances.token || split !== state.split) return;
      card.replaceChildren(...instanceCard(id, explanation, location, c.className, split).filter(Boolean));
    } catch (e) { card.append(el('p', { class: 'muted', text: e.message })); }
  });
}

function instanceCard(id, x, location, cls, split) {
  const explained = x.teacher.className === cls ? x.teacher : x.student;
  const concept = state.selection.concept;
  const top = [...explained.contributions].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, 5);
  if (concept && !top.some((t) => t.conceptName === concept)) {
    const extra = explained.contributions.find((t) => t.conceptName === concept);
    if (extra) top.push(extra);
  }
  const scale = Math.max(1e-9, ...top.map((t) => Math.abs(t.contribution)));
  const caption = `${id}: teacher ${x.teacher.className} (${pct(x.teacher.teacherProbability)}), student ${x.student.className} (${pct(x.student.studentProbability)})`;
  const located = concept || (top[0] && top[0].conceptName);
  return [
    picture(id, caption, split, location, located),
    whereFound(location, located),
    el('p', { class: 'caption' }, el('strong', { text: x.agree ? 'agree' : 'disagree' }), ` · teacher ${x.teacher.className}, student ${x.student.className}`),
    el('p', { class: 'muted' }, `contributions to ${explained.className} (`, term('logit', 'score'), ` ${num(explained.logit, 2)})`),
    el('ul', { class: 'contributions' }, top.map((t) => el('li', { class: t.conceptName === concept ? 'selected' : '' },
      el('button', { type: 'button', class: 'link', onclick: () => select({ concept: t.conceptName }), 'data-tip': `Select ${t.conceptName}` }, t.conceptName),
      el('span', { class: 'track small', 'aria-hidden': 'true' }, el('span', {
        class: 'bar ' + (t.contribution >= 0 ? 'pos' : 'neg'),
        style: t.contribution >= 0 ? { left: '50%', width: (50 * t.contribution) / scale + '%' } : { left: 50 + (50 * t.contribution) / scale + '%', width: (-50 * t.contribution) / scale + '%' },
      })),
      el('span', { class: 'num', text: signed(t.contribution, 2) })))),
  ];
}

/**
 * The picture (a button that opens the image's detail) with a box on the segment where the concept scores highest (the
 * library's ConceptLocations). A concept the library finds absent has no box: drawing its best segment anyway would point
 * at something that is not there. Without pictures (a session opened from a file) the button names the image instead.
 */
export function picture(id, caption, split, location, concept) {
  const open = (e) => openDetail(id, split, e.currentTarget, concept);
  if (!state.config.hasImages) {
    return el('button', { type: 'button', class: 'picture text', 'data-image': id, onclick: open }, `Details of ${id}`);
  }
  const [w, h] = dimensions(location);
  const frame = el('span', { class: 'frame' }, el('img', { src: onSplit('/api/image?id=' + enc(id), split), alt: caption, width: w, height: h }));
  const found = location && concept ? location.concepts.find((c) => c.concept === concept) : null;
  if (found && found.box) frame.append(box(found.box, concept, w, h));
  // Named by its content (hidden words, the picture's alt text, a box's label), so the name holds everything it shows.
  return el('button', { type: 'button', class: 'picture', 'data-image': id, onclick: open }, el('span', { class: 'visually-hidden', text: 'Open the detail of ' }), frame);
}

/**
 * The image's own width and height in pixels, which its boxes are in: the first segment is the whole image (a user's
 * images differ in size); the configuration's square size until the locations are known.
 */
export function dimensions(location) {
  const whole = location && location.segments.length > 0 ? location.segments[0] : null;
  return whole ? [whole.width, whole.height] : [state.config.imageSize, state.config.imageSize];
}

/** The box on a concept's best segment, in percent of the picture's width and height. */
export function box(b, concept, w, h = w) {
  return el('span', { class: 'box', 'data-concept': concept, style: {
    left: (100 * b.x) / w + '%', top: (100 * b.y) / h + '%', width: (100 * b.width) / w + '%', height: (100 * b.height) / h + '%' } },
  el('span', { class: 'box-label', text: concept }));
}

// One line on where the concept is in the image: "not found" where the library finds it absent, and, without pictures
// (a session opened from a file), the box in words. Nothing where the picture's box says it already.
function whereFound(location, concept) {
  const c = location && concept ? location.concepts.find((x) => x.concept === concept) : null;
  if (!c) return null;
  const score = `score ${num(c.score)}` + (c.presenceThreshold !== undefined ? `, present from ${num(c.presenceThreshold)}` : '');
  if (!c.present) return el('p', { class: 'where absent', 'data-concept': concept, 'data-tip': score }, `${concept}: not found in this image`);
  if (!c.box) return el('p', { class: 'where', 'data-concept': concept, 'data-tip': score }, `${concept}: present; the segment was not recorded`);
  if (state.config.hasImages) return null;
  const b = c.box;
  return el('p', { class: 'where', 'data-concept': concept, 'data-tip': score },
    `${concept}: strongest in segment ${c.bestSegment} (x ${b.x}, y ${b.y}, ${b.width} × ${b.height} px)`);
}

/** Changed predictions as small pictures with what changed; each opens the image's detail. */
export function thumbnails(changed, split, shown = 24) {
  const list = el('ul', { class: 'thumbs', 'aria-label': `Images whose prediction changed on ${splitWords(split)}` },
    changed.slice(0, shown).map((c) => {
      const words = `${c.imageId}: ${c.before} → ${c.after} (teacher ${c.teacher}${c.truth !== null ? `, truth ${c.truth}` : ''})`;
      return el('li', { class: c.nowCorrect ? 'right' : c.noLongerCorrect ? 'wrong' : '', 'data-image': c.imageId },
        el('button', { type: 'button', class: 'thumb', 'aria-label': `Open the detail of ${words}`, onclick: (e) => openDetail(c.imageId, split, e.currentTarget) },
          state.config.hasImages ? el('img', { src: onSplit('/api/image?id=' + enc(c.imageId), split), alt: '', width: 48, height: 48 }) : null,
          el('span', { text: words })));
    }));
  return changed.length > shown ? el('div', {}, list, el('p', { class: 'muted', text: `and ${changed.length - shown} more` })) : list;
}

export async function renderExamples() {
  const concept = state.selection.concept, body = document.getElementById('examples-body');
  if (!concept) { body.replaceChildren(el('p', { class: 'empty', text: 'Select a concept in Concept influence.' })); return; }
  const token = (renderExamples.token = (renderExamples.token || 0) + 1), split = state.split;
  try {
    const x = await api(onSplit('/api/examples?concept=' + enc(concept), split));
    if (token !== renderExamples.token || split !== state.split) return;
    const s = x.statistics;
    const grid = el('ul', { class: 'cards small', 'aria-label': `Top images for ${concept}` });
    body.replaceChildren(
      el('p', { class: 'subset-title', id: 'examples-concept' }, `${concept} on ${splitWords(state.split)}: mean ${num(s.mean)}, sd ${num(s.standardDeviation)}, max ${num(s.maximum)}, above 0 in ${pct(s.fractionPositive)}`),
      grid);
    for (const e of x.topImages) {
      const caption = `${e.imageId}, ${concept} score ${num(e.score)}`;
      // The picture at once; its box (or "not found") once the library says where the concept is.
      const picked = picture(e.imageId, caption, split, null, concept);
      const card = el('li', { class: 'card', 'data-image': e.imageId }, picked, el('p', { class: 'muted', text: `${e.imageId} · score ${num(e.score)}` }));
      grid.append(card);
      api(onSplit('/api/segments?id=' + enc(e.imageId), split)).then((location) => {
        if (token !== renderExamples.token || split !== state.split) return;
        const found = location.concepts.find((c) => c.concept === concept), frame = picked.querySelector('.frame');
        if (found && found.box && frame) frame.append(box(found.box, concept, ...dimensions(location)));
        const where = whereFound(location, concept);
        if (where) card.append(where);
      }).catch((error) => card.append(el('p', { class: 'muted', text: error.message })));
    }
  } catch (e) { body.replaceChildren(el('p', { class: 'empty', text: e.message })); }
}
