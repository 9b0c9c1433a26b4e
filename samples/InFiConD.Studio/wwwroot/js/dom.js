// Building the page's elements and writing numbers the way every view writes them.

export const $ = (id) => document.getElementById(id);

/** An element with attributes (on… for listeners, style via the CSSOM: the content security policy allows no inline style) and children. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'style') for (const [name, v] of Object.entries(value)) node.style.setProperty(name.replace(/[A-Z]/g, (m) => '-' + m.toLowerCase()), String(v));
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const known = (x) => x !== null && x !== undefined;
export const pct = (x) => (known(x) ? (100 * x).toFixed(1) + ' %' : '–');
export const num = (x, digits = 3) => (known(x) ? Number(x).toFixed(digits) : '–');
export const signed = (x, digits = 3) => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(digits);
export const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
export const enc = encodeURIComponent;
export const pValue = (p) => (p < 0.001 ? p.toExponential(1) : String(Number(p.toPrecision(2))));
/** A change in percentage points, as "+8.3 pts". */
export const points = (before, after) => `${signed(100 * (after - before), 1)} pts`;

export const subsetLabel = { TeacherOnly: 'teacher only', StudentOnly: 'student only', AgreePositive: 'agree (class)', AgreeNegative: 'agree (not class)' };
export const subsetKey = { TeacherOnly: 'teacherOnly', StudentOnly: 'studentOnly', AgreePositive: 'agreePositive', AgreeNegative: 'agreeNegative' };

/** Fidelity (and accuracy, where labels are known) before → after, as the provenance log and previews report them. */
export function metricsLine(before, after) {
  const parts = [`fidelity ${pct(before.top1Agreement)} → ${pct(after.top1Agreement)} (${points(before.top1Agreement, after.top1Agreement)})`];
  if (known(after.groundTruthAccuracy) && known(before.groundTruthAccuracy)) {
    parts.push(`accuracy ${pct(before.groundTruthAccuracy)} → ${pct(after.groundTruthAccuracy)} (${points(before.groundTruthAccuracy, after.groundTruthAccuracy)})`);
  }
  return parts.join(', ');
}

/** An edit as the provenance log writes it: "downtune boat/water ×4". */
export function describeEdit(e) {
  return e.kind === 'Uptune' || e.kind === 'Downtune' ? `${e.kind.toLowerCase()} ${e.className}/${e.conceptName} ×${e.factor}` : `${e.kind.toLowerCase()} ${e.className}/${e.conceptName}`;
}

const fractions = { 2: 'half', 3: 'a third of', 4: 'a quarter of', 5: 'a fifth of', 10: 'a tenth of' };
const multiples = { 2: 'twice', 3: 'three times', 4: 'four times' };

/** What an edit will do, in plain words: "keep water at most half its weight for boat". */
export function editIntent(kind, cls, concept, factor) {
  switch (kind) {
    case 'Uptune': return `make ${cls} rely more on ${concept}: at least ${multiples[factor] || `${factor} times`} its weight`;
    case 'Downtune': return `keep ${concept} at most ${fractions[factor] || `1/${factor} of`} its weight for ${cls}`;
    case 'Remove': return `stop ${cls} using ${concept} (its weight becomes 0)`;
    case 'Lock': return `keep the weight of ${concept} for ${cls} as it is when later edits refit the student`;
    case 'Release': return `free the weight of ${concept} for ${cls} from the limit an earlier edit set`;
    default: return `${kind.toLowerCase()} ${concept} for ${cls}`;
  }
}

/** A list of edits in plain words. */
export const intentOf = (edits) => edits.map((e) => editIntent(e.kind, e.className, e.conceptName, e.factor)).join('; ');

/** λ as the library writes it in the history ("0.0329"). */
export const lambdaText = (x) => String(Number(Number(x).toPrecision(4)));

/** A change that may set a new λ (a request: { edits, lambda }; an entry: { edits, previousLambda, refit.lambda }) in short. */
export function describeChange(edits, lambda, previous) {
  const parts = edits.map(describeEdit);
  if (known(lambda)) parts.unshift(`refit at λ = ${lambdaText(lambda)}` + (known(previous) ? ` (was ${lambdaText(previous)})` : ''));
  return parts.join('; ');
}

/** The same change in plain words. */
export function intentOfChange(edits, lambda, previous) {
  const parts = edits.length ? [intentOf(edits)] : [];
  if (known(lambda)) {
    const fewer = known(previous) && lambda > previous ? 'fewer' : known(previous) && lambda < previous ? 'more' : 'a different number of';
    parts.unshift(`let every class use ${fewer} concepts: refit all students at λ = ${lambdaText(lambda)}, keeping every limit your edits set`);
  }
  return parts.join('; ');
}

/** An entry of the history in short: its λ change, if any, then its edits. */
export const describeEntry = (entry) => describeChange(entry.edits, known(entry.previousLambda) ? entry.refit.lambda : null, entry.previousLambda);
