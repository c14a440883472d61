import { h, show, errorBox, loading, formatDate, table, toast } from '../dom.js';
import { all, post } from '../api.js';
import { formDialog, field } from '../dialogs.js';
import { requireOrg, orgPath, filterBox } from './common.js';

/** Machine accounts of the selected organization: list and create. */
export async function machineAccountsPage(main) {
  const org = requireOrg(main);
  if (!org) return;
  show(main, h('h1', {}, 'Machine accounts'), loading());
  let accounts;
  try {
    accounts = await all(`${orgPath(org)}/machine-accounts`, 'machine-accounts');
  } catch (error) {
    return show(main, h('h1', {}, 'Machine accounts'), errorBox(error));
  }
  const rows = accounts.map(a => h('tr', {},
    h('td', {}, h('a', { href: `#/machine-accounts/${a.id}` }, a.name)),
    h('td', { class: 'mono hide-narrow' }, a.id),
    h('td', {}, formatDate(a['creation-time']))));
  show(main,
    h('h1', {}, 'Machine accounts'),
    h('div', { class: 'toolbar' },
      filterBox('Filter machine accounts', () => rows),
      h('span', { class: 'grow' }),
      h('button', { type: 'button', class: 'primary', onclick: () => create(org) }, 'New machine account')),
    table(['Name', h('th', { scope: 'col', class: 'hide-narrow' }, 'ID'), 'Created'], rows, 'No machine accounts yet.'));
}

async function create(org) {
  const name = h('input', { name: 'name', required: true, maxlength: 500 });
  const created = await formDialog({ title: 'New machine account', fields: [field('Name', name)], submitLabel: 'Create' },
    () => post(`${orgPath(org)}/machine-accounts`, { name: name.value }));
  if (created) {
    toast(`Machine account ${created.name} created`);
    location.hash = `#/machine-accounts/${created.id}`;
  }
}
