import { h, show, errorBox, loading, table, toast } from '../dom.js';
import { get, api } from '../api.js';

const collection = '/v1/config/policy/policies';

/** Policies: the list, one policy as YAML, and editing it where the server allows. */
export async function policiesPage(main, name) {
  show(main, h('h1', {}, 'Policies'), loading());
  if (!name) {
    let names;
    try { names = (await get(`${collection}?limit=1000`)).policies; } catch (error) { return show(main, h('h1', {}, 'Policies'), errorBox(error)); }
    const rows = names.map(n => h('tr', {}, h('td', {}, h('a', { href: `#/policies/${n}` }, n))));
    return show(main, h('h1', {}, 'Policies'), table(['Name'], rows, 'No policies.'));
  }
  let yaml;
  try { yaml = await api('GET', `${collection}/${name}`, undefined, { accept: 'application/yaml', raw: true }); }
  catch (error) { return show(main, h('p', {}, h('a', { href: '#/policies' }, '← Policies')), errorBox(error)); }
  // The server decides who may change a policy (its Authorizer; root is built in and fixed): the editor is
  // open to everyone, and a refused save shows the server's answer.
  const builtIn = name === 'root';
  const text = h('textarea', { rows: 18, readonly: builtIn, 'aria-label': `Policy ${name}`, spellcheck: 'false' }, yaml);
  const status = h('div', { role: 'alert' });
  const save = h('button', { type: 'button', class: 'primary', onclick: async () => {
    status.replaceChildren();
    save.disabled = true;
    try {
      await api('PUT', `${collection}/${name}`, text.value, { contentType: 'application/yaml' });
      toast(`Policy ${name} saved`);
    } catch (error) {
      status.replaceChildren(errorBox(error.status === 403 ? new Error(`The server refused the change: ${error.message}`) : error));
    } finally {
      save.disabled = false;
    }
  } }, 'Save');
  show(main,
    h('p', {}, h('a', { href: '#/policies' }, '← Policies')),
    h('h1', {}, name),
    builtIn ? h('p', { class: 'muted' }, 'root is built in and cannot be changed.') : null,
    status, text, builtIn ? null : h('div', { class: 'toolbar' }, save));
}
