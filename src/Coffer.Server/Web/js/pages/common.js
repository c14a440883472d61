import { h, show } from '../dom.js';
import { session } from '../session.js';

/** The selected organization, or a page that says to create one. */
export function requireOrg(main) {
  if (session.org) return session.org;
  show(main, h('h1', {}, 'No organization'), h('p', {}, 'Create one with ', h('code', {}, 'coffer org create NAME'), '.'));
  return null;
}

export const orgPath = org => `/v1/config/orgs/${org}`;

/** A search box that filters rows by their text as you type. */
export function filterBox(label, rows) {
  const input = h('input', { type: 'search', placeholder: label, 'aria-label': label });
  input.addEventListener('input', () => {
    const term = input.value.trim().toLowerCase();
    for (const row of rows()) row.hidden = term !== '' && !row.textContent.toLowerCase().includes(term);
  });
  return input;
}
