import { h, show, errorBox, loading, formatDate, table, toast, copy } from '../dom.js';
import { get, all, post, patch, del } from '../api.js';
import { formDialog, confirmDialog, field, rowMenu } from '../dialogs.js';
import { requireOrg, orgPath, filterBox } from './common.js';

/** A project's secrets: values masked until revealed, copy, create, edit, delete, and version history with restore. */
export async function projectPage(main, id) {
  const org = requireOrg(main);
  if (!org) return;
  const path = `${orgPath(org)}/projects/${id}`;
  show(main, loading());
  let project, secrets;
  try {
    [project, secrets] = await Promise.all([get(path), all(`${path}/secrets`, 'secrets')]);
  } catch (error) {
    return show(main, h('p', {}, h('a', { href: '#/projects' }, '← Projects')), errorBox(error));
  }
  const rows = secrets.map(s => h('tr', { 'data-secret-id': s.id },
    h('td', { class: 'mono' }, s.key),
    h('td', {}, valueCell(`${path}/secrets/${s.id}`)),
    h('td', { class: 'hide-narrow' }, formatDate(s['revision-time'])),
    h('td', { class: 'actions' }, rowMenu(`Options for ${s.key}`, [
      { label: 'Edit secret', action: () => edit(path, s.id) },
      { label: 'Version history', action: () => versions(org, id, s) },
      { label: 'Delete secret', danger: true, action: () => remove(path, s) },
    ]))));
  show(main,
    h('p', {}, h('a', { href: '#/projects' }, '← Projects')),
    h('h1', {}, project.name),
    h('div', { class: 'toolbar' },
      filterBox('Filter secrets', () => rows), h('span', { class: 'grow' }),
      h('button', { type: 'button', class: 'primary', onclick: () => create(path) }, 'New secret')),
    table(['Key', 'Value', h('th', { scope: 'col', class: 'hide-narrow' }, 'Last edited'), h('th', { scope: 'col' }, '')], rows, 'No secrets in this project yet.'));
}

const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));

/** The value stays on the server until asked for; then it can be shown, hidden and copied. */
function valueCell(secretPath) {
  let value = null;
  const text = h('span', { class: 'mono', 'aria-live': 'polite' }, '••••••••');
  const reveal = h('button', { type: 'button', class: 'link' }, 'Show');
  const copyButton = h('button', { type: 'button', class: 'link' }, 'Copy');
  const load = async () => value ??= (await get(secretPath)).value;
  reveal.addEventListener('click', async () => {
    try {
      if (reveal.textContent === 'Show') { text.textContent = await load(); reveal.textContent = 'Hide'; }
      else { text.textContent = '••••••••'; reveal.textContent = 'Show'; }
    } catch (error) { toast(error.message); }
  });
  copyButton.addEventListener('click', async () => {
    let secret;
    try { secret = await load(); } catch (error) { return toast(error.message); }
    // Without a clipboard, the value is shown and selected for a copy by hand.
    await copy(secret, 'the value', { element: text, reveal: () => { text.textContent = secret; reveal.textContent = 'Hide'; } });
  });
  return h('span', { class: 'secret-value' }, text, reveal, copyButton);
}

function secretFields(secret = {}) {
  const key = h('input', { name: 'key', required: true, maxlength: 500, value: secret.key ?? '', class: 'mono' });
  const value = h('textarea', { name: 'value', required: true, rows: 4 }, secret.value ?? '');
  const note = h('textarea', { name: 'note', rows: 2 }, secret.note ?? '');
  return { key, value, note, fields: [field('Key', key), field('Value', value), field('Note', note)] };
}

async function create(path) {
  const form = secretFields();
  if (await formDialog({ title: 'New secret', fields: form.fields, submitLabel: 'Create' },
    () => post(`${path}/secrets`, { key: form.key.value, value: form.value.value, note: form.note.value }))) reload();
}

async function edit(path, secretId) {
  let secret;
  try { secret = await get(`${path}/secrets/${secretId}`); } catch (error) { return toast(error.message); }
  const form = secretFields(secret);
  if (await formDialog({ title: 'Edit secret', fields: form.fields, submitLabel: 'Save' },
    () => patch(`${path}/secrets/${secretId}`, { key: form.key.value, value: form.value.value, note: form.note.value }))) reload();
}

async function remove(path, secret) {
  if (!await confirmDialog({ title: 'Delete secret', message: `Delete ${secret.key}? Its history goes with it.`, confirm: 'Delete' })) return;
  await del(`${path}/secrets/${secret.id}`).then(() => { toast(`${secret.key} deleted`); reload(); }, error => toast(error.message));
}

async function versions(org, projectId, secret) {
  const base = `${orgPath(org)}/projects/${projectId}/secrets/${secret.id}`;
  let list;
  try { list = (await get(`${base}/versions?limit=100`)).versions; } catch (error) { return toast(error.message); }
  const choice = h('select', { name: 'version' }, list.map(v => h('option', { value: v.version }, `Version ${v.version} — ${formatDate(v['creation-time'])}`)));
  const rows = list.map(v => h('tr', {}, h('td', {}, String(v.version)), h('td', { class: 'mono' }, v.value), h('td', {}, formatDate(v['creation-time']))));
  const fields = [table(['Version', 'Value', 'Saved'], rows, 'No earlier versions: the value has not changed.'), list.length ? field('Restore', choice) : null];
  const restored = await formDialog({ title: `History of ${secret.key}`, fields, submitLabel: 'Restore this version' }, async () => {
    if (!list.length) throw new Error('There is no earlier version to restore.');
    return post(`/v1/state/orgs/${org}/projects/${projectId}/secrets/${secret.id}/restore-version`, { version: Number(choice.value) });
  });
  if (restored) { toast(`Restored version ${choice.value}`); reload(); }
}
