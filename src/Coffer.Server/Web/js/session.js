// The signed-in token lives in sessionStorage (gone when the tab closes) and ends when the token does.
const KEY = 'coffer.session';

export const session = {
  token: null,
  name: null,
  expires: null,
  policies: [],
  org: null,
  notice: null,
  timer: null,
  listeners: new Set(),

  load() {
    try { Object.assign(this, JSON.parse(sessionStorage.getItem(KEY) ?? '{}')); } catch { /* a damaged entry is no session */ }
    this.schedule();
  },

  start({ token, name, expires, policies }) {
    Object.assign(this, { token, name, expires, policies: policies ?? [], notice: null });
    this.save();
    this.schedule();
    this.changed();
  },

  setOrg(org) {
    this.org = org;
    this.save();
  },

  end(notice = null) {
    clearTimeout(this.timer);
    Object.assign(this, { token: null, name: null, expires: null, policies: [], notice });
    sessionStorage.removeItem(KEY);
    this.changed();
  },

  expire(notice) {
    if (this.token) this.end(notice);
  },

  save() {
    const { token, name, expires, policies, org } = this;
    sessionStorage.setItem(KEY, JSON.stringify({ token, name, expires, policies, org }));
  },

  schedule() {
    clearTimeout(this.timer);
    if (!this.token || !this.expires) return;
    const left = new Date(this.expires).getTime() - Date.now();
    if (left <= 0) this.end('Your session has expired. Sign in again.');
    else this.timer = setTimeout(() => this.end('Your session has expired. Sign in again.'), Math.min(left, 2 ** 31 - 1));
  },

  onChange(listener) { this.listeners.add(listener); },
  changed() { for (const listener of this.listeners) listener(); },
};
