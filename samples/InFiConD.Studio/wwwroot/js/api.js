// The Studio's JSON API, named split by split, and the two places the page reports on it: the status line and the error box.
import { $, el, enc } from './dom.js';
import { state } from './state.js';

// Every read that describes images names the split the page shows. Views that render after an await pass the split they
// started with, so a picture is never asked for on a split the person has since left (its id would not be there).
export const onSplit = (path, split = state.split) => path + (path.includes('?') ? '&' : '?') + 'split=' + enc(split);
export const splitWords = (name) => `the ${name} images`;
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    // Every answer describes one version: never reuse an older one.
    cache: 'no-store',
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

export const post = (path, body, signal) => api(path, { method: 'POST', body: JSON.stringify(body), signal });

export function showError(message) {
  const box = $('error');
  if (!message) { box.hidden = true; box.textContent = ''; return; }
  box.hidden = false;
  box.replaceChildren(el('strong', { text: 'Problem: ' }), message, ' ',
    el('button', { type: 'button', class: 'link', onclick: () => showError(null), text: 'Dismiss' }));
}

export function setStatus(text, done, total) {
  $('status-text').textContent = text;
  const bar = $('status-progress');
  if (total > 0) { bar.hidden = false; bar.max = total; bar.value = done; }
  else if (done === null) { bar.hidden = true; }
  else { bar.hidden = false; bar.removeAttribute('value'); }
}
