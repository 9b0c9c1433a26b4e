// InFiConD Studio front end: plain JavaScript over the Studio's JSON API (the library's own records).
// No model logic here: every number comes from the server, every change goes through POST routes.
'use strict';

const state = {
  split: null,      // the split every view describes now (?split= on each read)
  wanted: null,     // the split picked last, which the next load brings in
  config: null,     // StudioConfiguration on the split
  report: null,     // MisalignmentReport
  students: null,   // the library's student table
  bounds: [],       // WeightBounds in force
  history: null,    // { currentId, canUndo, canRedo, baseMetrics, currentMetrics, entries }
  fidelity: null,   // Fidelity
  effect: null,     // VersionDiff of the current version against its parent on the split (null at v0)
  diagnosis: null,  // ShortcutDiagnosis of the current version on the split, once "Check fixes" ran (null before)
  job: null,        // the running job's id, for Cancel
  selection: { cls: null, subset: null, concept: null, image: null },
  busy: false,
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    // CSSOM assignments, not a style attribute: the content security policy allows no inline styles.
    else if (key === 'style') for (const [name, v] of Object.entries(value)) node.style.setProperty(name.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase()), String(v));
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const pct = (x) => (x === null || x === undefined ? '–' : (100 * x).toFixed(1) + ' %');
const num = (x, digits = 3) => (x === null || x === undefined ? '–' : Number(x).toFixed(digits));
const known = (x) => x !== null && x !== undefined;
const signed = (x, digits = 3) => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(digits);
const subsetLabel = { TeacherOnly: 'teacher only', StudentOnly: 'student only', AgreePositive: 'agree (class)', AgreeNegative: 'agree (not class)' };
const enc = encodeURIComponent;
// Every read that describes images names the split the page shows. Views that render after an await pass the split they
// started with, so a picture is never asked for on a split the person has since left (its id would not be there).
const onSplit = (path, split = state.split) => path + (path.includes('?') ? '&' : '?') + 'split=' + enc(split);
const splitWords = (name) => `the ${name} images`;
const subsetKey = { TeacherOnly: 'teacherOnly', StudentOnly: 'studentOnly', AgreePositive: 'agreePositive', AgreeNegative: 'agreeNegative' };

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: options.body ? { 'Content-Type': 'application/json' } : undefined,
  });
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) {
    const error = new Error(body && body.error ? body.error : `${response.status} ${response.statusText}`);
    // 409: the session moved on (or a refit runs); the caller reloads so the page shows where it is now.
    error.status = response.status;
    throw error;
  }
  return body;
}

function showError(message) {
  const box = $('error');
  if (!message) { box.hidden = true; box.textContent = ''; return; }
  box.hidden = false;
  box.replaceChildren(el('strong', { text: 'Problem: ' }), message, ' ',
    el('button', { type: 'button', class: 'link', onclick: () => showError(null), text: 'Dismiss' }));
}

function setStatus(text, done, total) {
  $('status-text').textContent = text;
  const bar = $('status-progress');
  if (total > 0) { bar.hidden = false; bar.max = total; bar.value = done; }
  else if (done === null) { bar.hidden = true; }
  else { bar.hidden = false; bar.removeAttribute('value'); }
}

// ---------- start: wait for the session ----------

async function waitForSession() {
  for (;;) {
    let s;
    try { s = await api('/api/state'); }
    catch (e) { setStatus('Cannot reach the Studio server: ' + e.message, null); await sleep(1000); continue; }
    if (s.status === 'ready') return s;
    if (s.status === 'failed') { setStatus('The session could not be built.', null); showError(s.error); return null; }
    setStatus('Building the session: ' + s.build.step, s.build.done, s.build.total);
    await sleep(500);
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Loads every view's data on the selected split; a newer load (another split, another version) wins over an older one.
async function loadAll() {
  const token = (loadAll.token = (loadAll.token || 0) + 1), split = state.wanted;
  const [config, report, students, bounds, history, fidelity, diagnosis] = await Promise.all([
    api(onSplit('/api/config', split)), api(onSplit('/api/report', split)), api('/api/students'), api('/api/bounds'),
    api(onSplit('/api/history', split)), api(onSplit('/api/fidelity', split)),
    // 204 (null) until "Check fixes" ran on this version and split.
    api(onSplit('/api/diagnosis', split)),
  ]);
  const entry = history.entries.find((e) => e.id === history.currentId);
  const effect = entry ? await api(onSplit(`/api/diff?from=${enc(entry.parentId)}&to=${enc(entry.id)}`, split)) : null;
  if (token !== loadAll.token) return;
  // The split changes with the data that describes it, so a view never pairs one split's ids with another's.
  Object.assign(state, { split, config, report, students, bounds, history, fidelity, effect, diagnosis });
  renderAll();
}

function renderAll() {
  renderSplit();
  renderConfig();
  renderMetrics();
  renderEffect();
  renderSuspects();
  renderDiagnosis();
  renderPerformance();
  renderInfluence();
  renderInstances();
  renderExamples();
  renderHistory();
}

// ---------- metrics in the header ----------

function renderMetrics() {
  const h = state.history, f = state.fidelity;
  $('metric-version').textContent = h ? h.currentId : '–';
  $('metric-agreement').textContent = f ? pct(f.top1Agreement) : '–';
  $('metric-accuracy').textContent = f && known(f.groundTruthAccuracy) ? pct(f.groundTruthAccuracy) : 'no ground truth';
  $('metric-kl').textContent = f ? num(f.meanKl, 5) : '–';
}

// ---------- the split picker ----------

function renderSplit() {
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

async function changeSplit() {
  state.wanted = $('split').value;
  state.selection.image = null;
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

// ---------- the current version's effect on the split ----------

function renderEffect() {
  const box = $('edit-effect'), h = state.history, d = state.effect;
  const entry = h.entries.find((e) => e.id === h.currentId);
  const effect = entry && h.effects.find((x) => x.id === entry.id);
  if (!entry || !d) { box.hidden = true; box.replaceChildren(); return; }
  const parts = [el('strong', { text: `${entry.id}` }), ` (${entry.edits.map(describeEdit).join('; ')}, from ${entry.parentId}) on ${splitWords(d.split)}: `];
  if (effect && effect.before && effect.after) parts.push(metricsLine(effect.before, effect.after), '; ');
  const right = d.changed.filter((c) => c.nowCorrect).length, wrong = d.changed.filter((c) => c.noLongerCorrect).length;
  parts.push(el('span', { id: 'effect-changed', text: `${d.changed.length} prediction${d.changed.length === 1 ? '' : 's'} changed` }),
    d.changed.length > 0 && d.changed[0].truth !== null ? ` (${right} now right, ${wrong} now wrong)` : '', '.');
  const nodes = [el('p', {}, parts)];
  if (d.changed.length > 0) {
    nodes.push(el('details', {}, el('summary', { text: 'Which images changed' }),
      el('ul', { class: 'changed' }, d.changed.slice(0, 24).map((c) => el('li', {},
        `${c.imageId}: ${c.before} → ${c.after} (teacher ${c.teacher}${c.truth !== null ? `, truth ${c.truth}` : ''})`))),
      d.changed.length > 24 ? el('p', { class: 'muted', text: `and ${d.changed.length - 24} more` }) : null));
  }
  box.hidden = false;
  box.replaceChildren(...nodes);
}

function metricsLine(before, after) {
  const parts = [`fidelity ${pct(before.top1Agreement)} → ${pct(after.top1Agreement)} (${signed(100 * (after.top1Agreement - before.top1Agreement), 1)} pts)`];
  if (known(after.groundTruthAccuracy) && known(before.groundTruthAccuracy)) {
    parts.push(`accuracy ${pct(before.groundTruthAccuracy)} → ${pct(after.groundTruthAccuracy)} (${signed(100 * (after.groundTruthAccuracy - before.groundTruthAccuracy), 1)} pts)`);
  }
  return parts.join(', ');
}

// ---------- the evidence: suspected shortcuts of the split, then their measured fixes ----------

const pValue = (p) => (p < 0.001 ? p.toExponential(1) : String(Number(p.toPrecision(2))));
const rate = (hits, count) => `${hits}/${count} (${pct(count === 0 ? 0 : hits / count)})`;
const shownSuspects = 4;

function renderSuspects() {
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
  const fact = (term, value) => el('div', {}, el('dt', { text: term }), el('dd', { text: value }));
  $('suspects').replaceChildren(...suspects.slice(0, shownSuspects).map((s) => el('li', {
    class: 'suspect' + (s.isSignificant ? ' significant' : ''), 'data-rank': s.rank, 'data-class': s.className, 'data-concept': s.conceptName,
  },
  el('p', { class: 'suspect-title' },
    el('span', { class: 'marker ' + (s.isSignificant ? 'yes' : 'no'), text: s.isSignificant ? 'significant' : 'not significant' }),
    `${s.rank}. `,
    el('button', { type: 'button', class: 'link', 'aria-label': `Look at ${s.conceptName} in the ${s.className} student`,
      onclick: () => lookAt(s.className, s.conceptName) }, `${s.className} · ${s.conceptName}`), qualityBadge(s.conceptName)),
  el('p', { class: 'sentence', text: s.sentence }),
  el('dl', { class: 'numbers' },
    fact('weight', `${signed(s.weight, 2)} (#${s.weightRank} of ${s.weights})`),
    fact(`${counted} where present`, rate(s.presentHits, s.presentCount)),
    fact(`${counted} otherwise`, rate(s.absentHits, s.absentCount)),
    fact('adjusted p', `${pValue(s.adjustedPValue)} (Holm, ${s.tests} tests)`),
    fact('proposed fix', `${describeFix(s.proposedFix, s.className)}: ${estimate(s.proposedFix)} (estimated)`)))));
  const more = suspects.length - shownSuspects;
  if (more > 0) $('suspects').append(el('li', { class: 'muted', text: `and ${more} more with less evidence` }));
  renderDiagnosisButton();
}

/** A warning badge for a concept the bank says is not reliably detected (its exemplar AUC is below the library's line). */
function qualityBadge(concept) {
  const quality = state.config && state.config.conceptQuality ? state.config.conceptQuality[state.config.conceptNames.indexOf(concept)] : null;
  if (!quality || quality.isReliable) return null;
  const text = `not reliably detected: exemplar AUC ${quality.auc.toFixed(2)} (below 0.70), so read its weight with care`;
  return el('span', { class: 'quality-warning', role: 'img', 'aria-label': text, title: text, text: '⚠' });
}

function lookAt(cls, concept) {
  const c = state.report.classes.find((x) => x.className === cls);
  select({ cls, concept, subset: c ? defaultSubset(c) : null, image: null });
  $('influence').scrollIntoView({ block: 'nearest' });
}

function describeFix(fix, cls) {
  return fix.scope === 'AllClasses'
    ? `remove ${fix.conceptName} from every class that uses it (${fix.classNames.length})`
    : `remove ${fix.conceptName} from ${cls}`;
}

function estimate(fix) {
  const [measure, before, after] = known(fix.accuracyBefore) && known(fix.accuracyAfter)
    ? ['accuracy', fix.accuracyBefore, fix.accuracyAfter] : ['agreement', fix.agreementBefore, fix.agreementAfter];
  return `${measure} ${pct(before)} → ${pct(after)} (${signed(100 * (after - before), 1)} pts)`;
}

function renderDiagnosisButton() {
  const button = $('check-fixes');
  button.disabled = state.busy || !state.report || (state.report.suspects || []).length === 0;
  button.textContent = state.diagnosis ? 'Check fixes again' : 'Check fixes';
}

function renderDiagnosis() {
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
        proposed ? el('button', {
          type: 'button', class: 'apply', disabled: state.busy || !current ? true : null,
          'aria-label': `Apply this fix: ${describeFix(f, s.className)}`, onclick: () => applyFix(d, c),
        }, helps ? 'Apply this fix' : 'Apply this fix (it does not help here)') : null);
    })));
    list.append(el('li', { class: 'confirmed', 'data-rank': s.rank }, parts));
  }
  // Every finding's fix together, measured with one refit: a cue per class needs one edit per class.
  const all = d.combinedFix;
  if (all) {
    const helps = gain(outcomeOn(all, d.split)) > 0;
    nodes.push(el('div', { class: 'combined', id: 'combined-fix' },
      el('h3', { text: 'All findings together' }),
      el('p', { class: helps ? 'good' : 'bad', text: all.sentence }),
      el('ul', { class: 'outcomes' }, all.splits.map((o) => el('li', { 'data-split': o.split }, el('strong', { text: o.split }), ': ', metricsLine(o.before, o.after)))),
      el('button', {
        type: 'button', class: 'apply', disabled: state.busy || !current ? true : null,
        'aria-label': `Apply all ${all.edits.length} fixes together`, onclick: () => applyEdits(d, all.edits),
      }, `Apply all ${all.edits.length} fixes together`)));
  }
  box.replaceChildren(...nodes);
}

const outcomeOn = (fix, split) => fix.splits.find((o) => o.split === split);
const gain = (o) => (known(o.before.groundTruthAccuracy) && known(o.after.groundTruthAccuracy)
  ? o.after.groundTruthAccuracy - o.before.groundTruthAccuracy : o.after.top1Agreement - o.before.top1Agreement);

async function checkFixes() {
  if (state.busy) return;
  const split = state.split;
  const job = await runJob('/api/diagnosis', { split, versionId: state.history.currentId }, 'The fixes were not checked.');
  if (!job) return;
  setStatus(`Checked the fixes of the top suspects on ${splitWords(split)} (version ${job.versionId}); nothing changed.`, null);
  // The reload after the job brought the diagnosis in with the rest of the split's data.
  $('diagnosis-headline')?.scrollIntoView({ block: 'nearest' });
}

async function applyFix(d, c) {
  await applyEdits(d, c.proposedFix.edits);
}

async function applyEdits(d, edits) {
  // The diagnosed version goes with the edits: if the session has moved on, the server refuses rather than apply a fix
  // measured on other students.
  const job = await runJob('/api/edits', { edits, expectedVersion: d.versionId }, 'The fix was not applied.');
  if (job) setStatus(`Applied ${job.kind} → ${job.versionId}. Check fixes again to diagnose the new version.`, null);
}

// ---------- (a) configuration ----------

function renderConfig() {
  const c = state.config;
  // The edit inputs take their limits from the server, which checks requests against the same ones.
  Object.assign($('factor'), { min: c.limits.minFactor, max: c.limits.maxFactor });
  Object.assign($('epochs'), { min: 1, max: c.limits.maxEpochs });
  const rows = Object.entries(c.metadata).map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', { text: v })));
  rows.push(el('div', {}, el('dt', { text: 'splits' }), el('dd', { text: c.splits.map((s) => `${s.name} ${s.imageCount}`).join(', ') })));
  // The view's heading names the split these two rows describe.
  rows.push(el('div', {}, el('dt', { text: 'split images' }), el('dd', { id: 'split-images', text: `${c.imageCount} (${c.droppedImages} dropped)` })));
  rows.push(el('div', {}, el('dt', { text: 'teacher accuracy' }), el('dd', { id: 'teacher-accuracy', text: !known(c.teacherAccuracy) ? 'no ground truth' : pct(c.teacherAccuracy) })));
  rows.push(el('div', {}, el('dt', { text: 'students' }), el('dd', { text: `${c.classNames.length} classes × ${c.conceptNames.length} concepts, L1 ${c.l1}, ${c.targets.toLowerCase()} targets, ${c.bootstrapMembers} bootstrap members` })));
  const balance = el('table', { class: 'compact' },
    el('caption', { text: `Class balance on ${splitWords(c.split)} (images per class)` }),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'class' }), el('th', { scope: 'col', text: 'ground truth' }),
      el('th', { scope: 'col', text: 'teacher' }), el('th', { scope: 'col', text: 'students' }))),
    el('tbody', {}, c.classes.map((b) => el('tr', {}, el('th', { scope: 'row', text: b.className }),
      el('td', { text: b.groundTruth ?? '–' }), el('td', { text: b.teacher }), el('td', { text: b.student })))));
  const notes = [];
  if (!c.hasImages) notes.push(el('p', { class: 'note', id: 'no-images', text: 'This session was opened from a saved file. Session files keep concept scores, not images, so the instance and example views list image ids without pictures.' }));
  $('config-body').replaceChildren(el('dl', { class: 'facts' }, rows), balance, notes);
}

// ---------- (b) student performance ----------

function renderPerformance() {
  const r = state.report, sel = state.selection;
  const table = el('table', { id: 'class-table' },
    el('caption', {}, `Agreement with the teacher per class on ${splitWords(r.split)} (overall ${pct(r.agreement)} of ${r.imageCount} images)`),
    el('thead', {}, el('tr', {}, ['class', 'agreement', 'teacher only', 'student only'].map((t) => el('th', { scope: 'col', text: t })))),
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
          onclick: () => select({ cls: c.className, subset: kind, image: null }),
        }, String(subset.count)));
      };
      return el('tr', { class: selected ? 'selected' : '' },
        el('th', { scope: 'row' }, el('button', {
          type: 'button', class: 'class-button', 'aria-pressed': String(selected), 'data-class': c.className,
          onclick: () => select({ cls: c.className, subset: defaultSubset(c), image: null }),
        }, c.className)),
        el('td', {}, el('span', { class: 'meter', style: { '--value': c.agreement } }), ' ', pct(c.agreement)),
        subsetButton('TeacherOnly'), subsetButton('StudentOnly'));
    })));
  const parts = [table];
  const c = selectedClass();
  if (c) {
    const slices = [...c.teacherOnlySlices, ...c.studentOnlySlices];
    parts.push(el('h3', { text: `Where ${c.className}'s disagreements concentrate` }));
    parts.push(slices.length === 0
      ? el('p', { class: 'empty', text: 'No concept slice is frequent enough to report.' })
      : el('ul', { class: 'slices' }, slices.slice(0, 6).map((s) => el('li', {}, el('button', {
        type: 'button', class: 'link', onclick: () => select({ concept: s.conceptName, subset: s.kind }),
        'aria-label': `Select concept ${s.conceptName} and the ${subsetLabel[s.kind]} subset`,
      }, s.sentence), el('span', { class: 'muted', text: ` lift ${num(s.lift, 2)}, p ${s.pValue.toExponential(1)}` })))));
  }
  $('performance-body').replaceChildren(...parts);
}

function defaultSubset(c) {
  if (c.teacherOnly.count >= c.studentOnly.count && c.teacherOnly.count > 0) return 'TeacherOnly';
  if (c.studentOnly.count > 0) return 'StudentOnly';
  return 'AgreePositive';
}

function selectedClass() {
  return state.report && state.selection.cls ? state.report.classes.find((c) => c.className === state.selection.cls) : null;
}

function select(change) {
  Object.assign(state.selection, change);
  renderPerformance();
  renderInfluence();
  renderInstances();
  renderExamples();
}

// ---------- (c) concept influence ----------

function classTable(name) {
  return state.students ? state.students.classes.find((c) => c.name === name) : null;
}

function boundFor(cls, concept) {
  return state.bounds.find((b) => b.className === cls && b.conceptName === concept);
}

function renderInfluence() {
  const cls = state.selection.cls;
  const table = cls ? classTable(cls) : null;
  if (!table) { $('influence-body').replaceChildren(el('p', { class: 'empty', text: 'Select a class in Student performance.' })); return; }
  const showZero = $('show-zero').checked;
  const weights = table.weights.filter((w) => showZero || w.standardizedWeight !== 0);
  const scale = Math.max(1e-9, ...weights.map((w) => Math.abs(w.standardizedWeight) + (w.bootstrapDeviation || 0)));
  const rows = weights.map((w) => {
    const selected = state.selection.concept === w.concept;
    const bound = boundFor(cls, w.concept);
    const width = (50 * Math.abs(w.standardizedWeight)) / scale;
    const bar = el('span', { class: 'bar ' + (w.standardizedWeight >= 0 ? 'pos' : 'neg'),
      style: w.standardizedWeight >= 0 ? { left: '50%', width: width + '%' } : { left: 50 - width + '%', width: width + '%' } });
    const track = el('span', { class: 'track', 'aria-hidden': 'true' }, bar);
    if (w.bootstrapDeviation) {
      const clamp = (x) => Math.min(100, Math.max(0, x));
      const lo = clamp(50 + (50 * ((w.bootstrapMean ?? w.standardizedWeight) - w.bootstrapDeviation)) / scale);
      const hi = clamp(50 + (50 * ((w.bootstrapMean ?? w.standardizedWeight) + w.bootstrapDeviation)) / scale);
      track.append(el('span', { class: 'whisker', style: { left: lo + '%', width: Math.max(0.5, hi - lo) + '%' } }));
    }
    const action = (kind, label, glyph) => el('button', {
      type: 'button', class: 'edit', 'data-kind': kind, 'data-concept': w.concept,
      'aria-label': `${label} ${w.concept} for ${cls}`, title: `${label} ${w.concept} for ${cls}`,
      disabled: state.busy ? true : null, onclick: () => edit(kind, cls, w.concept),
    }, glyph);
    return el('tr', { class: selected ? 'selected' : '', 'data-concept': w.concept },
      el('th', { scope: 'row' }, el('button', {
        type: 'button', class: 'concept-button', 'aria-pressed': String(selected),
        onclick: () => select({ concept: w.concept }),
      }, w.concept), qualityBadge(w.concept)),
      el('td', { class: 'bar-cell' }, track),
      // The interval an edit set goes under the value: one column less keeps the edit buttons in view.
      el('td', { class: 'num' }, num(w.standardizedWeight) + (w.bootstrapDeviation ? ` ± ${num(w.bootstrapDeviation, 2)}` : ''),
        bound ? el('span', { class: 'bound', text: describeBound(bound) }) : null),
      el('td', { class: 'actions' }, action('Uptune', 'Uptune', 'up'), action('Downtune', 'Downtune', 'down'),
        action('Remove', 'Remove', 'remove'), bound && bound.kind === 'Lock' ? action('Release', 'Release', 'release') : action('Lock', 'Lock', 'lock')));
  });
  $('influence-body').replaceChildren(el('table', { id: 'weights-table' },
    el('caption', {}, `Weights of ${cls} (standardised units, sorted by size; whiskers: ± one bootstrap deviation). Bias ${num(table.bias)}.`),
    el('thead', {}, el('tr', {}, ['concept', 'weight', 'value (bounds)', 'edit'].map((t) => el('th', { scope: 'col', text: t })))),
    el('tbody', {}, rows)));
}

function describeBound(b) {
  if (b.kind === 'Lock') return 'locked';
  if (b.kind === 'Remove') return 'removed';
  return `${b.kind.toLowerCase()} [${num(b.lower)}, ${num(b.upper)}]`;
}

async function edit(kind, cls, concept) {
  if (state.busy) return;
  const factor = Number($('factor').value), epochs = $('epochs').value.trim();
  // The version the person looked at goes with the edit: if the session has moved on, the server refuses it (409).
  const body = { edits: [{ kind, className: cls, conceptName: concept, factor }], expectedVersion: state.history.currentId };
  // Without a refit the server refits to convergence; epochs ask for the paper's short refit.
  if (epochs !== '') body.refit = { epochs: Number(epochs) };
  const job = await runJob('/api/edits', body, 'The edit was not applied.');
  if (job) setStatus(`Applied ${job.kind} → ${job.versionId}`, null);
}

// Starts a job (an edit's refit or a diagnosis), follows its progress with Cancel offered, then reloads the views. Returns
// the finished job, or null when it failed or was cancelled (the status line and the error box say which).
async function runJob(path, body, failure) {
  if (state.busy) return null;
  showError(null);
  setBusy(true);
  const cancel = $('cancel-job');
  try {
    let job = await api(path, { method: 'POST', body: JSON.stringify(body) });
    state.job = job.id;
    cancel.hidden = false;
    cancel.disabled = false;
    setStatus(`${job.kind}: ${job.step}`, job.done, job.total);
    while (job.state === 'running') {
      await sleep(150);
      job = await api('/api/jobs/' + encodeURIComponent(job.id));
      setStatus(`${job.kind}: ${job.step}`, job.done, job.total);
    }
    if (job.state === 'failed') throw new Error(job.error);
    if (job.state === 'cancelled') { setStatus(`${job.kind}: cancelled; nothing changed.`, null); return null; }
    await loadAll();
    return job;
  } catch (e) {
    setStatus(failure, null);
    showError(e.message);
    if (e.status === 409) reloadAfterConflict();
    return null;
  } finally {
    state.job = null;
    cancel.hidden = true;
    setBusy(false);
  }
}

async function cancelJob() {
  if (!state.job) return;
  $('cancel-job').disabled = true;
  try { await api('/api/jobs/' + encodeURIComponent(state.job) + '/cancel', { method: 'POST', body: '{}' }); }
  catch (e) { showError(e.message); }
}

function setBusy(busy) {
  state.busy = busy;
  $('views').setAttribute('aria-busy', String(busy));
  for (const b of document.querySelectorAll('button.edit, button.apply')) b.disabled = busy;
  renderHistoryButtons();
  if (state.report) renderDiagnosisButton();
  if (!busy && state.diagnosis) renderDiagnosis();
}

// ---------- (d) instances ----------

function renderInstances() {
  const c = selectedClass(), kind = state.selection.subset;
  const body = $('instances-body');
  if (!c || !kind) { body.replaceChildren(el('p', { class: 'empty', text: 'Select a class or a subset in Student performance.' })); return; }
  const subset = c[subsetKey[kind]];
  const ids = subset.imageIds.slice(0, 12);
  const heading = el('p', { class: 'subset-title', id: 'instances-subset' },
    `${c.className} · ${subsetLabel[kind]} · ${subset.count} ${state.split} image${subset.count === 1 ? '' : 's'}` + (subset.count > ids.length ? ` (first ${ids.length} shown)` : ''));
  if (ids.length === 0) { body.replaceChildren(heading, el('p', { class: 'empty', text: 'No images in this subset.' })); return; }
  const grid = el('ul', { class: 'cards', 'aria-label': 'Images of the selected subset' });
  body.replaceChildren(heading, grid);
  const token = (renderInstances.token = (renderInstances.token || 0) + 1), split = state.split;
  ids.forEach(async (id) => {
    const card = el('li', { class: 'card' + (state.selection.image === id ? ' selected' : ''), 'data-image': id }, el('p', { class: 'muted', text: id }));
    grid.append(card);
    try {
      const [explanation, location] = await Promise.all([
        api(onSplit('/api/explain?id=' + enc(id), split)),
        api(onSplit('/api/segments?id=' + enc(id), split)),
      ]);
      if (token !== renderInstances.token || split !== state.split) return;
      card.replaceChildren(...instanceCard(id, explanation, location, c.className, split));
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
  const nodes = [];
  const caption = `${id}: teacher ${x.teacher.className} (${pct(x.teacher.teacherProbability)}), student ${x.student.className} (${pct(x.student.studentProbability)})`;
  const located = concept || (top[0] && top[0].conceptName);
  if (state.config.hasImages) nodes.push(picture(id, caption, split, location, located));
  const where = whereFound(location, located);
  if (where) nodes.push(where);
  nodes.push(el('p', { class: 'caption' }, el('strong', { text: x.agree ? 'agree' : 'disagree' }), ` · teacher ${x.teacher.className}, student ${x.student.className}`));
  nodes.push(el('p', { class: 'muted', text: `contributions to ${explained.className} (logit ${num(explained.logit, 2)})` }));
  nodes.push(el('ul', { class: 'contributions' }, top.map((t) => el('li', { class: t.conceptName === concept ? 'selected' : '' },
    el('button', { type: 'button', class: 'link', onclick: () => select({ concept: t.conceptName }), 'aria-label': `Select concept ${t.conceptName}` }, t.conceptName),
    el('span', { class: 'track small', 'aria-hidden': 'true' }, el('span', {
      class: 'bar ' + (t.contribution >= 0 ? 'pos' : 'neg'),
      style: t.contribution >= 0 ? { left: '50%', width: (50 * t.contribution) / scale + '%' } : { left: 50 + (50 * t.contribution) / scale + '%', width: (-50 * t.contribution) / scale + '%' },
    })),
    el('span', { class: 'num', text: signed(t.contribution, 2) })))));
  return nodes;
}

// The picture with a box on the segment where the concept scores highest (the library's ConceptLocations). A concept the
// library finds absent has no box: drawing its best segment anyway would point at something that is not there.
function picture(id, caption, split, location, concept) {
  // Boxes are in the image's own pixels; its first segment is the whole image (a user's images differ in size).
  const whole = location && location.segments[0], size = state.config.imageSize;
  const w = whole ? whole.width : size, h = whole ? whole.height : size;
  const frame = el('div', { class: 'frame' }, el('img', { src: onSplit('/api/image?id=' + enc(id), split), alt: caption, width: w, height: h }));
  const found = location && concept ? location.concepts.find((c) => c.concept === concept) : null;
  if (found && found.box) {
    const b = found.box;
    frame.append(el('span', { class: 'box', title: `segment where ${concept} scores highest`, 'data-concept': concept, style: {
      left: (100 * b.x) / w + '%', top: (100 * b.y) / h + '%', width: (100 * b.width) / w + '%', height: (100 * b.height) / h + '%' } },
    el('span', { class: 'box-label', text: concept })));
  }
  return frame;
}

// One line on where the concept is in the image: "not found" where the library finds it absent, and, without pictures
// (a session opened from a file), the box in words. Nothing where the picture's box says it already.
function whereFound(location, concept) {
  const c = location && concept ? location.concepts.find((x) => x.concept === concept) : null;
  if (!c) return null;
  const score = `score ${num(c.score)}` + (known(c.presenceThreshold) ? `, present from ${num(c.presenceThreshold)}` : '');
  if (!c.present) return el('p', { class: 'where absent', 'data-concept': concept, title: score }, `${concept}: not found in this image`);
  if (!c.box) return el('p', { class: 'where', 'data-concept': concept, title: score }, `${concept}: present; the segment was not recorded`);
  if (state.config.hasImages) return null;
  const b = c.box;
  return el('p', { class: 'where', 'data-concept': concept, title: score },
    `${concept}: strongest in segment ${c.bestSegment} (x ${b.x}, y ${b.y}, ${b.width} × ${b.height} px)`);
}

// ---------- (e) concept examples ----------

async function renderExamples() {
  const concept = state.selection.concept, body = $('examples-body');
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
      const card = el('li', { class: 'card', 'data-image': e.imageId }, el('p', { class: 'muted', text: `${e.imageId} · score ${num(e.score)}` }));
      grid.append(card);
      // The picture at once; its box (or "not found") once the library says where the concept is.
      const frame = state.config.hasImages ? picture(e.imageId, `${e.imageId}, ${concept} score ${num(e.score)}`, split, null, concept) : null;
      if (frame) card.prepend(frame);
      api(onSplit('/api/segments?id=' + enc(e.imageId), split)).then((location) => {
        if (token !== renderExamples.token || split !== state.split) return;
        if (frame) frame.replaceWith(picture(e.imageId, `${e.imageId}, ${concept} score ${num(e.score)}`, split, location, concept));
        const where = whereFound(location, concept);
        if (where) card.append(where);
      }).catch((error) => card.append(el('p', { class: 'muted', text: error.message })));
    }
  } catch (e) { body.replaceChildren(el('p', { class: 'empty', text: e.message })); }
}

// ---------- (f) provenance ----------

function renderHistory() {
  const h = state.history;
  const list = $('history');
  // Each entry's effect on the selected split, as the library logged it (held-out splits: the entry's evaluation).
  const effectOf = (id) => {
    const x = h.effects.find((e) => e.id === id);
    return x && x.before && x.after ? metricsLine(x.before, x.after) : `not measured on ${h.split}`;
  };
  const item = (id, parent, title, detail) => el('li', { class: id === h.currentId ? 'current' : '', 'data-version': id, 'aria-current': id === h.currentId ? 'step' : null },
    el('strong', { text: id }), parent ? el('span', { class: 'muted', text: ` from ${parent}` }) : null, ' ', title,
    detail ? el('div', { class: 'muted', text: detail }) : null,
    id === h.currentId ? el('span', { class: 'tag', text: 'current' }) : el('button', {
      type: 'button', class: 'link', 'aria-label': `Check out ${id} (the next edit branches from it)`,
      onclick: () => move('/api/checkout', { versionId: id }),
    }, 'check out (branch)'));
  list.replaceChildren(
    item('v0', null, 'base students', h.baseMetrics ? `fidelity ${pct(h.baseMetrics.top1Agreement)}` +
      (known(h.baseMetrics.groundTruthAccuracy) ? `, accuracy ${pct(h.baseMetrics.groundTruthAccuracy)}` : '') : null),
    ...h.entries.map((e) => item(e.id, e.parentId, e.edits.map(describeEdit).join('; '), effectOf(e.id))));
  renderHistoryButtons();
}

function describeEdit(e) {
  return e.kind === 'Uptune' || e.kind === 'Downtune' ? `${e.kind.toLowerCase()} ${e.className}/${e.conceptName} ×${e.factor}` : `${e.kind.toLowerCase()} ${e.className}/${e.conceptName}`;
}

function renderHistoryButtons() {
  const h = state.history;
  $('undo').disabled = state.busy || !h || !h.canUndo;
  $('redo').disabled = state.busy || !h || !h.canRedo;
}

// Undo, redo or checkout from the version the page shows: if the session has moved on, the server refuses (409).
async function move(path, body = {}) {
  if (state.busy) return;
  showError(null);
  try {
    await api(path, { method: 'POST', body: JSON.stringify({ ...body, expectedVersion: state.history.currentId }) });
    await loadAll();
    setStatus(`Now at ${state.history.currentId}.`, null);
  } catch (e) {
    showError(e.message);
    if (e.status === 409) reloadAfterConflict();
  }
}

// After a 409 the page shows a version the session has left: bring the views to where it is, keeping the message.
function reloadAfterConflict() {
  loadAll().catch((e) => showError(e.message));
}

async function save(event) {
  event.preventDefault();
  showError(null);
  try {
    const result = await api('/api/save', { method: 'POST', body: JSON.stringify({ name: $('save-name').value }) });
    setStatus(`Saved ${result.file} (${result.bytes} bytes) in the Studio's output folder.`, null);
  } catch (e) { showError(e.message); }
}

// ---------- wiring ----------

async function main() {
  $('undo').addEventListener('click', () => move('/api/undo'));
  $('redo').addEventListener('click', () => move('/api/redo'));
  $('save-form').addEventListener('submit', save);
  $('edit-settings').addEventListener('submit', (e) => e.preventDefault());
  $('show-zero').addEventListener('change', renderInfluence);
  $('split').addEventListener('change', changeSplit);
  $('check-fixes').addEventListener('click', checkFixes);
  $('cancel-job').addEventListener('click', cancelJob);
  document.addEventListener('keydown', (e) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'z' || e.key === 'Z') { e.preventDefault(); if (!$('undo').disabled) move('/api/undo'); }
    if (e.key === 'y' || e.key === 'Y') { e.preventDefault(); if (!$('redo').disabled) move('/api/redo'); }
  });
  const ready = await waitForSession();
  if (!ready) return;
  try {
    // The page opens on the split the server proposes: the library's diagnosis split, where the students do worst.
    state.wanted = (await api('/api/config')).defaultSplit;
    await loadAll();
    setStatus('Ready.', null);
    $('views').setAttribute('aria-busy', 'false');
    document.body.dataset.ready = 'true';
  } catch (e) { showError(e.message); }
}

main();
