// Signing in with a token, a session that ends with its token, and policies: listed, edited as root, refused by the server for others.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call } from '../compat/server.mjs';
import { launch, openPage } from './browser.mjs';
import { seed, signIn, assertNoErrors } from './world.mjs';

describe('sessions and policies', () => {
  let server, browser;
  before(async () => {
    server = await startServer({ storage: 'sqlite' });
    browser = await launch();
    await seed(server);
  });
  after(async () => { await browser?.close(); await server?.stop(); });

  async function signInWithToken(token, viewport) {
    const opened = await openPage(browser, server.http, viewport);
    await opened.page.goto('/ui/');
    await opened.page.getByRole('textbox', { name: 'Token', exact: true }).fill(token);
    await opened.page.getByRole('button', { name: 'Sign in with token' }).click();
    await opened.page.getByRole('heading', { name: 'Machine accounts' }).waitFor();
    return opened;
  }

  it('signs in with the root token and edits a policy', async () => {
    const { page, errors, shot } = await signInWithToken(server.rootToken);
    assert.match(await page.getByTestId('signed-in-as').textContent(), /^Signed in as /);
    await page.getByRole('link', { name: 'Policies' }).click();
    await page.getByRole('link', { name: 'policy-reader' }).waitFor();
    await shot('40-policies');

    await page.getByRole('link', { name: 'operator' }).click();
    const text = page.getByRole('textbox', { name: 'Policy operator' });
    await text.waitFor();
    const edited = (await text.inputValue()).replace('all: allow', 'read: allow');
    await text.fill(edited);
    await shot('41-policy-edit-as-root');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Policy operator saved').waitFor();
    const stored = await call(server, 'GET', '/v1/config/policy/policies/operator');
    assert.equal(stored['rest-api'].rules[0].operations.read, 'allow');
    assert.equal(stored['rest-api'].rules[0].operations.all, undefined);
    await call(server, 'PUT', '/v1/config/policy/policies/operator', { 'rest-api': { rules: [{ path: '/**', operations: { all: 'allow' } }] } });
    assertNoErrors(errors);
  });

  it('lets the server decide who may edit a policy: a refused save shows its message', async () => {
    const { page, errors, shot } = await signIn(browser, server, { user: 'bob' });
    await page.goto('/ui/#/policies/operator');
    const text = page.getByRole('textbox', { name: 'Policy operator' });
    await text.waitFor();
    await text.fill((await text.inputValue()).replace('all: allow', 'read: allow'));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').getByText(/denied|not allowed|permission/i).waitFor();
    await shot('42-policy-edit-refused');
    const stored = await call(server, 'GET', '/v1/config/policy/policies/operator');
    assert.equal(stored['rest-api'].rules[0].operations.all, 'allow');
    assertNoErrors(errors, 403);
  });

  it('returns to sign-in with a message when the token expires', async () => {
    const short = await call(server, 'POST', '/v1/state/strongbox/token/create-token', { ttl: '4s', policies: ['operator'], 'display-name': 'brief' });
    const { page, errors, shot } = await signInWithToken(short.token);
    assert.match(await page.getByTestId('signed-in-as').textContent(), /brief/);
    await page.getByRole('heading', { name: 'Sign in to Coffer' }).waitFor({ timeout: 15_000 });
    await page.getByText('Your session has expired. Sign in again.').waitFor();
    await shot('43-session-expired');
    assert.equal(await page.getByTestId('signed-in-as').count(), 0);
    assertNoErrors(errors, 401);
  });
});
