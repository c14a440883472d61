import { h, show, errorBox } from '../dom.js';
import { get, post } from '../api.js';

/** A sealed server: give key shares until the threshold, watching the progress. */
export function unsealPage(main, status, unsealed) {
  const key = h('input', { id: 'unseal-key', type: 'password', autocomplete: 'off', required: true, class: 'mono' });
  const message = h('div', { role: 'alert' });
  const progress = h('p', { class: 'progress', role: 'status', 'data-testid': 'unseal-progress' }, `${status.progress} of ${status.t} key shares given`);
  const form = h('form', { class: 'panel' },
    h('div', { class: 'field' }, h('label', { for: 'unseal-key' }, 'Key share'), key),
    h('div', { class: 'toolbar' },
      h('button', { type: 'submit', class: 'primary' }, 'Unseal'),
      h('button', { type: 'button', onclick: reset }, 'Start over')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    message.replaceChildren();
    try {
      const next = await post('/v1/sys/unseal', { key: key.value.trim() });
      key.value = '';
      if (!next.sealed) return unsealed();
      progress.textContent = `${next.progress} of ${next.t} key shares given`;
      key.focus();
    } catch (error) {
      message.replaceChildren(errorBox(error));
      const again = await get('/v1/sys/seal-status').catch(() => null);
      if (again) progress.textContent = `${again.progress} of ${again.t} key shares given`;
    }
  });

  async function reset() {
    message.replaceChildren();
    try {
      const next = await post('/v1/sys/unseal', { reset: true });
      progress.textContent = `${next.progress} of ${next.t} key shares given`;
      key.focus();
    } catch (error) {
      message.replaceChildren(errorBox(error));
    }
  }

  show(main, h('div', { class: 'signin' },
    h('h1', {}, 'Coffer is sealed'),
    h('p', {}, `Give ${status.t} of the ${status.n} key shares to unseal it. Shares are sent to this server only and never stored.`),
    progress, message, form));
  key.focus();
}
