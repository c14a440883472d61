import { h, show, errorBox, loading, formatDate, table, toast } from '../dom.js';
import { get, all, put, patch, del, post } from '../api.js';
import { formDialog, confirmDialog, tokenDialog, field, rowMenu } from '../dialogs.js';
import { requireOrg, orgPath } from './common.js';

/** One machine account: rename, delete, and the tabs Projects (grants) and Access tokens. */
export async function machineAccountPage(main, id, tab) {
  const org = requireOrg(main);
  if (!org) return;
  const path = `${orgPath(org)}/machine-accounts/${id}`;
  show(main, loading());
  let account;
  try {
    account = await get(path);
  } catch (error) {
    return show(main, h('p', {}, h('a', { href: '#/machine-accounts' }, '← Machine accounts')), errorBox(error));
  }
  const panel = h('section', { role: 'tabpanel', 'aria-labelledby': `tab-${tab}` });
  const tabButton = (name, label) => h('button', {
    type: 'button', role: 'tab', id: `tab-${name}`, 'aria-selected': String(tab === name),
    onclick: () => { location.hash = `#/machine-accounts/${id}/${name}`; },
  }, label);
  show(main,
    h('p', {}, h('a', { href: '#/machine-accounts' }, '← Machine accounts')),
    h('div', { class: 'toolbar' },
      h('h1', { class: 'grow' }, account.name),
      h('button', { type: 'button', onclick: () => rename(path, account) }, 'Rename'),
      h('button', { type: 'button', class: 'danger', onclick: () => remove(path, account) }, 'Delete')),
    h('div', { class: 'tabs', role: 'tablist' }, tabButton('projects', 'Projects'), tabButton('access-tokens', 'Access tokens')),
    panel);
  if (tab === 'projects') await grantsTab(panel, org, path);
  else await tokensTab(panel, path, org, id);
}

async function rename(path, account) {
  const name = h('input', { name: 'name', required: true, value: account.name });
  if (await formDialog({ title: 'Rename machine account', fields: [field('Name', name)], submitLabel: 'Save' }, () => patch(path, { name: name.value })))
    window.dispatchEvent(new HashChangeEvent('hashchange'));
}

async function remove(path, account) {
  if (!await confirmDialog({ title: 'Delete machine account', message: `Delete ${account.name}? Its access tokens stop working at once.`, confirm: 'Delete' })) return;
  await del(path).then(() => { toast(`${account.name} deleted`); location.hash = '#/machine-accounts'; }, error => toast(error.message));
}

async function grantsTab(panel, org, path) {
  show(panel, loading());
  let grants, projects;
  try {
    [grants, projects] = await Promise.all([get(`${path}/grants`), all(`${orgPath(org)}/projects`, 'projects')]);
  } catch (error) {
    return show(panel, errorBox(error));
  }
  const names = new Map(projects.map(p => [p.id, p.name]));
  const rows = grants.grants.map(g => h('tr', {},
    h('td', {}, h('a', { href: `#/projects/${g['project-id']}` }, names.get(g['project-id']) ?? g['project-id'])),
    h('td', {}, g.access === 'read-write' ? 'Can read, write' : 'Can read'),
    h('td', { class: 'actions' }, h('button', { type: 'button', class: 'link', onclick: () => removeGrant(path, g, names) }, 'Remove'))));
  show(panel,
    h('div', { class: 'toolbar' }, h('span', { class: 'grow muted' }, 'Projects this machine account can read or write.'),
      h('button', { type: 'button', class: 'primary', onclick: () => addGrant(path, projects, grants.grants) }, 'Add project')),
    table(['Project', 'Permission', h('th', { scope: 'col' }, h('span', { class: 'muted' }, ''))], rows, 'No projects granted yet.'));
}

async function addGrant(path, projects, existing) {
  const granted = new Set(existing.map(g => g['project-id']));
  const choices = projects.filter(p => !granted.has(p.id));
  if (choices.length === 0) return toast('Every project is granted already');
  const project = h('select', { name: 'project', required: true }, choices.map(p => h('option', { value: p.id }, p.name)));
  const access = h('select', { name: 'access' }, h('option', { value: 'read' }, 'Can read'), h('option', { value: 'read-write' }, 'Can read, write'));
  if (await formDialog({ title: 'Add project', fields: [field('Project', project), field('Permission', access)], submitLabel: 'Add' },
    () => put(`${path}/grants/${project.value}`, { access: access.value })))
    window.dispatchEvent(new HashChangeEvent('hashchange'));
}

async function removeGrant(path, grant, names) {
  const name = names.get(grant['project-id']) ?? grant['project-id'];
  if (!await confirmDialog({ title: 'Remove project', message: `Remove access to ${name}?`, confirm: 'Remove' })) return;
  await del(`${path}/grants/${grant['project-id']}`).then(() => window.dispatchEvent(new HashChangeEvent('hashchange')), error => toast(error.message));
}

async function tokensTab(panel, path, org, id) {
  show(panel, loading());
  let tokens;
  try {
    tokens = await all(`${path}/access-tokens`, 'access-tokens');
  } catch (error) {
    return show(panel, errorBox(error));
  }
  const selected = new Set();
  const revokeSelected = h('button', { type: 'button', class: 'danger', disabled: true, onclick: () => revoke([...selected]) }, 'Revoke selected');
  const update = () => { revokeSelected.disabled = selected.size === 0; selectAll.checked = selected.size === tokens.length && tokens.length > 0; };
  const boxes = new Map();
  const selectAll = h('input', { type: 'checkbox', 'aria-label': 'Select all access tokens' });
  // Select all sets every row and the selection at once, then updates once: a row's own handler would
  // re-derive selectAll from a half-built selection and untick the rest.
  selectAll.addEventListener('change', () => {
    for (const [id, box] of boxes) {
      box.checked = selectAll.checked;
      if (selectAll.checked) selected.add(id); else selected.delete(id);
    }
    update();
  });
  const rows = tokens.map(t => {
    const box = h('input', { type: 'checkbox', 'aria-label': `Select ${t.name}` });
    box.addEventListener('change', () => { if (box.checked) selected.add(t.id); else selected.delete(t.id); update(); });
    boxes.set(t.id, box);
    return h('tr', { 'data-token-id': t.id },
      h('td', { class: 'select' }, box),
      h('td', { class: 'name' }, t.name),
      h('td', { class: 'detail', 'data-label': 'Expires' }, t.expires ? formatDate(t.expires) + (t.expired ? ' (expired)' : '') : 'Never'),
      h('td', { class: 'detail', 'data-label': 'Last edited' }, formatDate(t['revision-time'])),
      h('td', { class: 'detail', 'data-label': 'Last used' }, t['last-used'] ? formatDate(t['last-used']) : '—'),
      h('td', { class: 'actions' }, rowMenu(`Options for ${t.name}`, [{ label: 'Revoke access token', danger: true, action: () => revoke([t.id]) }])));
  });
  show(panel,
    h('div', { class: 'toolbar' },
      revokeSelected, h('span', { class: 'grow' }),
      h('button', { type: 'button', class: 'primary', onclick: () => create(path) }, 'Create access token')),
    table([h('th', { scope: 'col', class: 'select' }, h('label', {}, selectAll, h('span', { class: 'narrow-only' }, ' Select all'))),
      'Name', 'Expires', 'Last edited', 'Last used', h('th', { scope: 'col' }, h('span', { class: 'muted' }, ''))],
      rows, 'No access tokens yet.', { stack: true }));

  async function revoke(ids) {
    const what = ids.length === 1 ? 'this access token' : `${ids.length} access tokens`;
    if (!await confirmDialog({ title: 'Revoke access token', message: `Revoke ${what}? Machines using it lose access at once.`, confirm: 'Revoke' })) return;
    try {
      await post(`/v1/state/orgs/${org}/machine-accounts/${id}/access-tokens/revoke`, { ids });
      toast(`Revoked ${what}`);
    } catch (error) {
      toast(error.message);
    }
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}

async function create(path) {
  const name = h('input', { name: 'name', required: true, maxlength: 200 });
  const expires = h('select', { name: 'expires' },
    h('option', { value: 'never' }, 'Never'), h('option', { value: '30' }, '30 days'), h('option', { value: '60' }, '60 days'),
    h('option', { value: '90' }, '90 days'), h('option', { value: 'custom' }, 'Custom date'));
  const custom = h('input', { type: 'date', name: 'custom', hidden: true, 'aria-label': 'Expiration date' });
  expires.addEventListener('change', () => { custom.hidden = expires.value !== 'custom'; custom.required = !custom.hidden; });
  const result = await formDialog({ title: 'Create access token', fields: [field('Name', name), field('Expires', expires), custom], submitLabel: 'Create access token' },
    () => post(`${path}/access-tokens`, { name: name.value, expires: expiry(expires.value, custom.value) }));
  if (result) {
    await tokenDialog(result.token);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}

function expiry(choice, date) {
  if (choice === 'never') return undefined;
  if (choice === 'custom') return new Date(`${date}T23:59:59`).toISOString();
  return new Date(Date.now() + Number(choice) * 86_400_000).toISOString();
}
