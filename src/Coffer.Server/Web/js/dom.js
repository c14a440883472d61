// Building the page from elements, never from HTML strings: values from the server are always text.

/** h('button', {class: 'primary', onclick}, 'Save') → an element; null/false children are skipped. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the content of a container. */
export function show(container, ...children) {
  container.replaceChildren();
  append(container, children);
}

export function errorBox(error) {
  return h('div', { class: 'error', role: 'alert' }, error?.message ?? String(error));
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, text);
}

/** A passing note; an `alert` one is announced at once and stays longer. */
export function toast(text, alert = false) {
  const note = h('div', { class: alert ? 'toast alert' : 'toast', role: alert ? 'alert' : null }, text);
  document.getElementById('toasts').append(note);
  setTimeout(() => note.remove(), alert ? 10_000 : 3500);
}

export function formatDate(value) {
  if (!value) return 'Never';
  const date = new Date(value);
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A table; with `stack`, its rows become stacked cards on a narrow screen instead of scrolling sideways. */
export function table(headers, rows, emptyText, { stack = false } = {}) {
  return h('div', { class: stack ? 'table-wrap stack' : 'table-wrap' },
    h('table', {},
      h('thead', {}, h('tr', {}, headers.map(header => typeof header === 'string' ? h('th', { scope: 'col' }, header) : header))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, class: 'empty' }, emptyText)))));
}

/**
 * Copies text to the clipboard and says so in `status` (or a toast). Where the browser offers no clipboard
 * (plain HTTP to an address other than localhost) or refuses, it says that instead and selects `element`'s
 * text (after `reveal()`, for a value shown masked), so Ctrl+C (⌘C) copies it by hand. Resolves true when copied.
 */
export async function copy(text, what, { element, status, reveal } = {}) {
  const say = (message, warning) => {
    if (status) status.replaceChildren(h('p', { class: warning ? 'warning' : 'muted', role: warning ? 'alert' : 'status' }, message));
    else toast(message, warning);
  };
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    say(`Copied ${what} to the clipboard.`, false);
    return true;
  } catch {
    reveal?.();
    if (element) getSelection()?.selectAllChildren(element);
    say(`This browser cannot copy here (the clipboard needs HTTPS or localhost). ${element ? `The text of ${what} is selected: press Ctrl+C (⌘C on a Mac) to copy it.` : ''}`, true);
    return false;
  }
}
