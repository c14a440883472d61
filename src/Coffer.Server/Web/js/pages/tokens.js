import { h, show, errorBox, loading, formatDate, table, toast } from '../dom.js';
import { post } from '../api.js';
import { confirmDialog, rowMenu } from '../dialogs.js';
import { session } from '../session.js';

/** The live tokens of the signed-in entity (list-accessors), each revocable by its accessor. */
export async function tokensPage(main) {
  show(main, h('h1', {}, 'Tokens'), loading());
  let accessors;
  try {
    accessors = (await post('/v1/state/strongbox/token/list-accessors')).accessors;
  } catch (error) {
    return show(main, h('h1', {}, 'Tokens'), errorBox(error));
  }
  const rows = accessors.map(a => h('tr', {},
    h('td', {}, a['display-name']),
    h('td', { class: 'mono hide-narrow' }, a.accessor),
    h('td', {}, formatDate(a['creation-time'])),
    h('td', {}, a.expires ? formatDate(a.expires) : 'Never'),
    h('td', { class: 'actions' }, rowMenu(`Options for ${a['display-name']}`, [{ label: 'Revoke token', danger: true, action: () => revoke(a) }]))));
  show(main,
    h('h1', {}, 'Tokens'),
    h('p', { class: 'muted' }, `The live tokens of ${session.name}'s entity. Revoking one also revokes every token created from it.`),
    table(['Display name', h('th', { scope: 'col', class: 'hide-narrow' }, 'Accessor'), 'Created', 'Expires', h('th', { scope: 'col' }, '')], rows, 'No tokens.'));
}

async function revoke(entry) {
  if (!await confirmDialog({ title: 'Revoke token', message: `Revoke ${entry['display-name']} (${entry.accessor}) and its children?`, confirm: 'Revoke' })) return;
  try {
    await post('/v1/state/strongbox/token/revoke-accessor', { accessor: entry.accessor });
    toast('Token revoked');
  } catch (error) {
    toast(error.message);
  }
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
