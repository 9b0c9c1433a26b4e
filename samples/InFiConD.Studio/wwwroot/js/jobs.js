// Jobs: an edit's refit or a diagnosis runs on the server while the page polls its progress, with Cancel offered.
import { $ } from './dom.js';
import { api, post, sleep, setStatus, showError } from './api.js';
import { state } from './state.js';
import { renderDiagnosis, renderDiagnosisButton } from './evidence.js';
import { renderHistoryButtons } from './history.js';
import { renderChange } from './change.js';
import { renderSize } from './size.js';
import { loadAll, reloadAfterConflict } from '../studio.js';

// Starts a job, follows its progress, then reloads the views. Returns the finished job, or null when it failed or was
// cancelled (the status line and the error box say which).
export async function runJob(path, body, failure) {
  if (state.busy) return null;
  showError(null);
  setBusy(true);
  const cancel = $('cancel-job');
  try {
    let job = await post(path, body);
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

export async function cancelJob() {
  if (!state.job) return;
  $('cancel-job').disabled = true;
  try { await api('/api/jobs/' + encodeURIComponent(state.job) + '/cancel', { method: 'POST', body: '{}' }); }
  catch (e) { showError(e.message); }
}

function setBusy(busy) {
  state.busy = busy;
  $('views').setAttribute('aria-busy', String(busy));
  for (const b of document.querySelectorAll('button.edit, button.apply, button.preview-fix')) b.disabled = busy;
  renderHistoryButtons();
  if (state.report) renderDiagnosisButton();
  if (!busy && state.diagnosis) renderDiagnosis();
  if (!busy && state.history) renderChange();
  if (state.history) renderSize();
}
