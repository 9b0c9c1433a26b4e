// Plain words for every term the page uses: a one-line explanation on hover and focus (one shared tooltip, placed inside
// the window so it never widens the page), and the same lines in the glossary at the end of the page.
import { $, el } from './dom.js';

export const glossary = {
  teacher: ['teacher', 'The original image classifier (a neural network). The students imitate it so its decisions can be read.'],
  student: ['student', 'A small readable model per class: it adds up concept scores times weights and says the class with the highest total.'],
  concept: ['concept', 'A visual idea such as water, sail or wheel. Each image gets a score per concept: how strongly the concept appears in it.'],
  fidelity: ['fidelity (agreement)', 'How often the students pick the same class as the teacher (top-1 agreement). 100 % means they always agree.'],
  accuracy: ['accuracy', 'How often the students pick the true class of the image (its ground truth label).'],
  truth: ['ground truth', 'The class an image really belongs to, from its label. The teacher can be wrong about it too.'],
  kl: ['mean KL to teacher', 'Kullback–Leibler divergence: how far the students\' class probabilities are from the teacher\'s, averaged over images. 0 means identical; lower is closer.'],
  logit: ['score (logit)', 'The student\'s total for a class: each concept\'s contribution (score × weight) plus a starting value (bias). The class with the highest total wins.'],
  weight: ['weight', 'How much a concept counts for a class. Positive: the concept speaks for the class; negative: against it; 0: ignored.'],
  standardised: ['standardised units', 'Weights are given per standard deviation of the concept\'s score, so the weights of different concepts can be compared.'],
  bootstrap: ['bootstrap', 'The students were also fitted on resampled copies of the training images; the spread (±) of those fits shows how sure a weight is.'],
  lambda: ['λ (L1 penalty)', 'How strongly the students are pushed to use few concepts. A larger λ leaves more weights at exactly 0.'],
  cav: ['CAV', 'Concept activation vector: a direction in the image network\'s features learnt from example pictures of a concept. An image scores high when its features point that way.'],
  segment: ['segment', 'A part of the image that concepts are scored on: here the whole image and its four quarters.'],
  lift: ['lift', 'How many times more often a disagreement happens when the concept is strong than otherwise (2 means twice as often).'],
  p: ['p', 'p-value: how likely a pattern this strong would appear by chance alone. Small (below 0.05) means chance is an unlikely explanation.'],
  adjustedP: ['adjusted p', 'The p-value corrected for testing many (class, concept) pairs at once (Holm). Below 0.05 counts as significant.'],
  significant: ['significant', 'Unlikely to be chance, even after correcting for the number of pairs tested (adjusted p below 0.05).'],
  suspect: ['suspected shortcut', 'A class that leans on a concept which goes with its mistakes, such as boat on water: a cue that is not what makes the class.'],
  heldOut: ['held out', 'Images the students were not fitted on. Shortcuts show there, because the cue no longer goes with the class.'],
  teacherOnly: ['teacher only / student only', 'Misaligned images: the teacher says the class and the student does not (teacher only), or the reverse (student only).'],
  confusion: ['confusion matrix', 'Rows: the teacher\'s class; columns: the students\' class. The diagonal counts agreements, everything else a disagreement.'],
  uptune: ['up (uptune)', 'Make the class rely more on the concept: its weight becomes at least factor × as large.'],
  downtune: ['down (downtune)', 'Make the class rely less on the concept: its weight is kept at most 1/factor of its size; it may reach 0. Softer than remove.'],
  remove: ['remove', 'Stop the class using the concept at all: its weight is fixed at 0.'],
  lock: ['lock / release', 'Lock keeps a weight exactly as it is when later edits refit the student; release frees it from that or any earlier limit.'],
  factor: ['factor', 'How strong an up or down edit is: 2 doubles a weight (up) or halves it (down).'],
  refit: ['refit', 'After an edit the student\'s other weights are fitted again, so it imitates the teacher as well as it can within the new limits.'],
  preview: ['preview', 'The edit computed without keeping it: the same refit as applying it, so the numbers are what applying would give.'],
  epochs: ['refit epochs', 'How many passes the refit makes. Empty: refit until it settles (converges), so the edit\'s limit holds exactly.'],
  version: ['version', 'Every edit makes a new version of the students (v1, v2, …); v0 is the students as first fitted. Undo and redo move between them.'],
  branch: ['branch', 'Editing from an older version starts a new line of edits beside the old one; the history tree keeps both.'],
  infcd: ['.infcd', 'The Studio\'s session file: students, concept scores, history and where concepts were found (no images).'],
};

/** A term in running text: a link to its glossary entry that explains itself on hover and focus. */
export function term(key, text = glossary[key][0]) {
  return el('a', { class: 'term', href: '#g-' + key, 'data-tip': glossary[key][1], 'aria-describedby': 'gd-' + key }, text);
}

/** The glossary at the end of the page, and the terms written into the page's HTML (data-term) linked to it. */
export function renderGlossary() {
  const list = $('glossary-list');
  list.replaceChildren(...Object.entries(glossary)
    .sort(([, a], [, b]) => a[0].localeCompare(b[0]))
    .map(([key, [name, text]]) => el('div', {}, el('dt', { id: 'g-' + key, text: name }), el('dd', { id: 'gd-' + key, text }))));
  for (const node of document.querySelectorAll('[data-term]')) {
    const key = node.dataset.term;
    node.setAttribute('data-tip', glossary[key][1]);
    if (node.tagName === 'A') {
      node.setAttribute('href', '#g-' + key);
      node.classList.add('term');
    }
    node.setAttribute('aria-describedby', 'gd-' + key);
  }
}

/** One tooltip for everything with data-tip: shown on hover and focus, hidden on leaving, blur and Escape. */
export function wireTooltip() {
  const tip = $('tip');
  let owner = null;
  const show = (target) => {
    owner = target;
    // A modal dialog is drawn above the page: a tooltip for something in it has to live in it.
    const layer = target.closest('dialog[open]') || document.body;
    if (tip.parentNode !== layer) layer.append(tip);
    tip.textContent = target.dataset.tip;
    tip.hidden = false;
    const r = target.getBoundingClientRect(), width = tip.offsetWidth, height = tip.offsetHeight;
    const left = Math.max(4, Math.min(window.innerWidth - width - 4, r.left));
    const below = r.bottom + 6 + height <= window.innerHeight;
    tip.style.setProperty('left', left + 'px');
    tip.style.setProperty('top', (below ? r.bottom + 6 : Math.max(4, r.top - height - 6)) + 'px');
  };
  const hide = () => { owner = null; tip.hidden = true; };
  const find = (e) => (e.target instanceof Element ? e.target.closest('[data-tip]') : null);
  document.addEventListener('pointerover', (e) => { const t = find(e); if (t && t !== owner) show(t); });
  document.addEventListener('pointerout', (e) => { if (owner && !owner.contains(e.relatedTarget)) hide(); });
  document.addEventListener('focusin', (e) => { const t = find(e); if (t) show(t); else hide(); });
  document.addEventListener('focusout', hide);
  document.addEventListener('scroll', hide, true);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && owner) hide(); });
}
