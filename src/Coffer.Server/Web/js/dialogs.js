// Modal dialogs on <dialog>: focus moves in, Escape cancels, focus returns to where it was.
import { h, errorBox, copy } from './dom.js';

function open(content, { label }) {
  const returnTo = document.activeElement;
  const dialog = h('dialog', { 'aria-label': label }, content);
  document.body.append(dialog);
  dialog.addEventListener('close', () => { dialog.remove(); returnTo?.focus?.(); });
  dialog.showModal();
  return dialog;
}

/** Asks before something that cannot be undone; resolves true when confirmed. */
export function confirmDialog({ title, message, confirm, danger = true }) {
  return new Promise(resolve => {
    let confirmed = false;
    const form = h('form', { method: 'dialog' },
      h('h2', {}, title),
      h('p', {}, message),
      h('div', { class: 'buttons' },
        h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'submit', class: danger ? 'danger' : 'primary', onclick: () => { confirmed = true; } }, confirm)));
    const dialog = open(form, { label: title });
    dialog.addEventListener('close', () => resolve(confirmed));
  });
}

/**
 * A form in a dialog. `fields` build the inputs; `submit(form)` runs on submit and may throw: the error is
 * shown in the dialog and it stays open. Resolves with what submit returned, or null when cancelled.
 */
export function formDialog({ title, fields, submitLabel }, submit) {
  return new Promise(resolve => {
    let result = null;
    const status = h('div', { role: 'alert' });
    const button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
    const form = h('form', { novalidate: false },
      h('h2', {}, title), status, fields,
      h('div', { class: 'buttons' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'), button));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      button.disabled = true;
      button.textContent = 'Working…';
      status.replaceChildren();
      try {
        result = await submit(form);
        dialog.close();
      } catch (error) {
        status.replaceChildren(errorBox(error));
        button.disabled = false;
        button.textContent = submitLabel;
      }
    });
    const dialog = open(form, { label: title });
    dialog.addEventListener('close', () => resolve(result));
  });
}

export function field(label, input) {
  const id = `f-${Math.random().toString(36).slice(2)}`;
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

/** The one and only time an access token is shown. */
export function tokenDialog(token) {
  return new Promise(resolve => {
    const output = h('output', { class: 'mono', 'aria-label': 'Access token', 'data-testid': 'new-token' }, token);
    const status = h('div');
    const form = h('form', { method: 'dialog' },
      h('h2', {}, 'Access token created'),
      h('p', { class: 'warning', role: 'note' },
        'Copy this token now and keep it somewhere safe: it is not stored and cannot be shown again.'),
      h('div', { class: 'token-box' },
        output,
        h('button', { type: 'button', class: 'primary', onclick: () => copy(token, 'the access token', { element: output, status }) }, 'Copy token')),
      status,
      h('div', { class: 'buttons' }, h('button', { type: 'submit' }, 'Done')));
    const dialog = open(form, { label: 'Access token created' });
    dialog.addEventListener('close', () => resolve());
  });
}

/** The ⋮ menu of a table row: a button that opens a list of actions. */
export function rowMenu(label, items) {
  const list = h('div', { role: 'menu', hidden: true });
  const toggle = h('button', { type: 'button', class: 'link', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': label }, '⋮');
  const close = () => { list.hidden = true; toggle.setAttribute('aria-expanded', 'false'); };
  toggle.addEventListener('click', () => {
    const opening = list.hidden;
    document.querySelectorAll('[role="menu"]').forEach(menu => { menu.hidden = true; });
    list.hidden = !opening;
    toggle.setAttribute('aria-expanded', String(opening));
    if (opening) list.querySelector('[role="menuitem"]')?.focus();
  });
  list.addEventListener('keydown', event => { if (event.key === 'Escape') { close(); toggle.focus(); } });
  for (const item of items)
    list.append(h('button', { type: 'button', role: 'menuitem', class: item.danger ? 'danger' : null, onclick: () => { close(); item.action(); } }, item.label));
  document.addEventListener('click', event => { if (!toggle.contains(event.target) && !list.contains(event.target)) close(); });
  return h('span', { class: 'menu' }, toggle, list);
}
