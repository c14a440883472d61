import { h, show, errorBox } from '../dom.js';
import { session } from '../session.js';
import { ApiError } from '../api.js';

/** Sign in with a username and password (userpass), or with a token. */
export function signInPage(main) {
  const notice = session.notice ? h('p', { class: 'warning', role: 'status' }, session.notice) : null;
  const status = h('div', { role: 'alert' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const token = h('input', { id: 'token', name: 'token', autocomplete: 'off', required: true, class: 'mono', spellcheck: 'false' });

  const userpass = h('form', { class: 'panel', 'aria-labelledby': 'userpass-title' },
    h('h2', { id: 'userpass-title' }, 'Username and password'),
    h('div', { class: 'field' }, h('label', { for: 'username' }, 'Username'), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), password),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  userpass.addEventListener('submit', event => attempt(event, async () => {
    const login = await call('/v1/login', null, { username: username.value, password: password.value });
    session.start({ token: login.token, name: login['display-name'], expires: login.expires, policies: login.policies });
  }));

  const withToken = h('form', { class: 'panel', 'aria-labelledby': 'token-title' },
    h('h2', { id: 'token-title' }, 'Token'),
    h('div', { class: 'field' }, h('label', { for: 'token' }, 'Token'), token),
    h('button', { type: 'submit' }, 'Sign in with token'));
  withToken.addEventListener('submit', event => attempt(event, async () => {
    const info = await call('/v1/state/strongbox/token/info', token.value.trim(), {});
    session.start({ token: token.value.trim(), name: info['display-name'], expires: info.expires ?? null, policies: info.policies });
  }));

  async function attempt(event, work) {
    event.preventDefault();
    status.replaceChildren(h('p', { class: 'loading' }, 'Signing in…'));
    try { await work(); } catch (error) { status.replaceChildren(errorBox(error)); }
  }

  show(main, h('div', { class: 'signin' }, h('h1', {}, 'Sign in to Coffer'), notice, status, userpass, h('p', { class: 'muted' }, 'or'), withToken));
  username.focus();
}

async function call(path, token, body) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, data.message ?? `${response.status} ${response.statusText}`);
  return data;
}
