import { h, show, errorBox, loading, formatDate, table, toast } from '../dom.js';
import { all, post, patch, del } from '../api.js';
import { formDialog, confirmDialog, field, rowMenu } from '../dialogs.js';
import { requireOrg, orgPath, filterBox } from './common.js';

/** Projects of the selected organization: list, filter, create, rename, delete. */
export async function projectsPage(main) {
  const org = requireOrg(main);
  if (!org) return;
  show(main, h('h1', {}, 'Projects'), loading());
  let projects;
  try {
    projects = await all(`${orgPath(org)}/projects`, 'projects');
  } catch (error) {
    return show(main, h('h1', {}, 'Projects'), errorBox(error));
  }
  const rows = projects.map(p => h('tr', {},
    h('td', {}, h('a', { href: `#/projects/${p.id}` }, p.name)),
    h('td', { class: 'mono hide-narrow' }, p.id),
    h('td', {}, formatDate(p['creation-time'])),
    h('td', { class: 'actions' }, rowMenu(`Options for ${p.name}`, [
      { label: 'Rename project', action: () => rename(org, p) },
      { label: 'Delete project', danger: true, action: () => remove(org, p) },
    ]))));
  show(main,
    h('h1', {}, 'Projects'),
    h('div', { class: 'toolbar' },
      filterBox('Filter projects', () => rows), h('span', { class: 'grow' }),
      h('button', { type: 'button', class: 'primary', onclick: () => create(org) }, 'New project')),
    table(['Name', h('th', { scope: 'col', class: 'hide-narrow' }, 'ID'), 'Created', h('th', { scope: 'col' }, '')], rows, 'No projects yet.'));
}

const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));

async function create(org) {
  const name = h('input', { name: 'name', required: true, maxlength: 500 });
  if (await formDialog({ title: 'New project', fields: [field('Name', name)], submitLabel: 'Create' }, () => post(`${orgPath(org)}/projects`, { name: name.value }))) reload();
}

async function rename(org, project) {
  const name = h('input', { name: 'name', required: true, value: project.name });
  if (await formDialog({ title: 'Rename project', fields: [field('Name', name)], submitLabel: 'Save' },
    () => patch(`${orgPath(org)}/projects/${project.id}`, { name: name.value }))) reload();
}

async function remove(org, project) {
  if (!await confirmDialog({ title: 'Delete project', message: `Delete ${project.name} and every secret in it?`, confirm: 'Delete' })) return;
  await del(`${orgPath(org)}/projects/${project.id}`).then(() => { toast(`${project.name} deleted`); reload(); }, error => toast(error.message));
}
