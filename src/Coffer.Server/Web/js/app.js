// The Coffer web UI: a small single-page app over the public HTTP API, routed by the URL hash.
import { h, show, errorBox, loading } from './dom.js';
import { session } from './session.js';
import { get, all } from './api.js';
import { signInPage } from './pages/signin.js';
import { unsealPage } from './pages/unseal.js';
import { machineAccountsPage } from './pages/machine-accounts.js';
import { machineAccountPage } from './pages/machine-account.js';
import { projectsPage } from './pages/projects.js';
import { projectPage } from './pages/project.js';
import { tokensPage } from './pages/tokens.js';
import { policiesPage } from './pages/policies.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const banner = document.getElementById('banner');
let sealStatus = null;

const routes = [
  [/^#\/machine-accounts$/, () => machineAccountsPage(main)],
  [/^#\/machine-accounts\/([0-9a-f-]+)(?:\/(projects|access-tokens))?$/, ([, id, tab]) => machineAccountPage(main, id, tab ?? 'projects')],
  [/^#\/projects$/, () => projectsPage(main)],
  [/^#\/projects\/([0-9a-f-]+)$/, ([, id]) => projectPage(main, id)],
  [/^#\/tokens$/, () => tokensPage(main)],
  [/^#\/policies(?:\/([a-z0-9._-]+))?$/, ([, name]) => policiesPage(main, name)],
];

const sections = [['#/machine-accounts', 'Machine accounts'], ['#/projects', 'Projects'], ['#/tokens', 'Tokens'], ['#/policies', 'Policies']];

async function render() {
  try {
    sealStatus = await get('/v1/sys/seal-status');
  } catch (error) {
    show(main, errorBox(error));
    return;
  }
  drawBanner();
  if (!sealStatus.initialized) {
    show(nav);
    show(main, h('h1', {}, 'Coffer is not initialized'),
      h('p', {}, 'Initialize it once with ', h('code', {}, 'coffer operator init'), ', then unseal it here.'));
    return;
  }
  if (sealStatus.sealed) {
    show(nav);
    return unsealPage(main, sealStatus, () => render());
  }
  if (!session.token) {
    show(nav);
    return signInPage(main);
  }
  if (!location.hash || location.hash === '#/' || location.hash === '#') { location.replace('#/machine-accounts'); return; }
  await drawNav();
  for (const [pattern, page] of routes) {
    const match = location.hash.match(pattern);
    if (match) {
      main.focus({ preventScroll: true });
      return page(match);
    }
  }
  show(main, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/machine-accounts' }, 'Go to machine accounts')));
}

function drawBanner() {
  const state = sealStatus.sealed ? (sealStatus.initialized ? 'sealed' : 'not initialized') : 'unsealed';
  show(banner,
    h('span', { class: 'brand' }, 'Coffer'),
    h('span', { class: 'who' },
      h('span', { class: `state ${sealStatus.sealed ? 'sealed' : 'unsealed'}`, 'data-testid': 'server-state' }, `Server ${state}`),
      session.token ? [
        h('span', { 'data-testid': 'signed-in-as' }, `Signed in as ${session.name}`),
        h('button', { type: 'button', onclick: signOut }, 'Sign out'),
      ] : null));
}

async function drawNav() {
  let orgs = [];
  try {
    orgs = await all('/v1/config/orgs', 'organizations');
  } catch (error) {
    show(nav, h('p', { class: 'error' }, error.message));
    return;
  }
  if (!orgs.some(o => o.id === session.org)) session.setOrg(orgs[0]?.id ?? null);
  const select = h('select', { id: 'org', onchange: event => { session.setOrg(event.target.value); render(); } },
    orgs.map(o => h('option', { value: o.id, selected: o.id === session.org }, o.name)));
  show(nav,
    h('label', { for: 'org' }, 'Organization'), orgs.length ? select : h('p', { class: 'muted' }, 'No organization yet'),
    sections.map(([href, label]) => h('a', { href, 'aria-current': location.hash.startsWith(href) ? 'page' : null }, label)));
}

async function signOut() {
  // A userpass token is ours to end; a pasted token belongs to someone else and is only forgotten.
  if (session.name?.startsWith('userpass-')) {
    try { await fetch('/v1/state/strongbox/token/revoke-self', { method: 'POST', headers: { authorization: `Bearer ${session.token}` } }); } catch { /* offline: forget it anyway */ }
  }
  session.end('You have signed out.');
}

session.load();
session.onChange(() => { if (!session.token) location.hash = ''; render(); });
window.addEventListener('hashchange', render);
show(main, loading());
render();
