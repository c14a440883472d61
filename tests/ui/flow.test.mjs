// The whole flow in a real browser: sign in, create a machine account, grant it a project, create an access
// token and copy it, read a secret with it through the official SDK, revoke it in the UI, see the SDK refused.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sdk from '@bitwarden/sdk-napi';
import { startServer, call } from '../compat/server.mjs';
import { launch, openPage } from './browser.mjs';

const { BitwardenClient, DeviceType } = sdk;

describe('the web UI', () => {
  let server, browser, world;

  before(async () => {
    server = await startServer({ storage: 'sqlite' });
    browser = await launch();
    const org = (await call(server, 'POST', '/v1/config/orgs', { name: 'Acme' })).id;
    const project = (await call(server, 'POST', `/v1/config/orgs/${org}/projects`, { name: 'production' })).id;
    const secret = (await call(server, 'POST', `/v1/config/orgs/${org}/projects/${project}/secrets`, { key: 'DB_PASS', value: 'hunter2', note: 'the main database' })).id;
    await call(server, 'PATCH', `/v1/config/orgs/${org}/projects/${project}/secrets/${secret}`, { value: 'hunter3' });
    await call(server, 'POST', `/v1/config/orgs/${org}/projects/${project}/secrets`, { key: 'API_KEY', value: 'k-123' });
    await call(server, 'PUT', '/v1/config/policy/policies/operator', { 'rest-api': { rules: [{ path: '/**', operations: { all: 'allow' } }] } });
    await call(server, 'PUT', '/v1/config/users/alice', { password: 'correct horse battery', policies: ['operator'] });
    world = { org, project, secret };
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('manages a machine account and its access token from sign-in to revocation', async () => {
    const { page, errors, shot } = await openPage(browser, server.http);
    await page.goto('/ui/');
    await page.getByRole('heading', { name: 'Sign in to Coffer' }).waitFor();
    await shot('01-sign-in');

    // Keyboard only: the username field has focus; Tab to the password; Enter submits.
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    await page.keyboard.type('correct horse battery');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Machine accounts' }).waitFor();
    assert.equal(await page.getByTestId('signed-in-as').textContent(), 'Signed in as userpass-alice');
    assert.equal(await page.getByTestId('server-state').textContent(), 'Server unsealed');
    await shot('02-machine-accounts-empty');

    await page.getByRole('button', { name: 'New machine account' }).click();
    await page.getByLabel('Name', { exact: true }).fill('deploy-bot');
    await shot('03-new-machine-account-dialog');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'deploy-bot' }).waitFor();

    await page.getByRole('button', { name: 'Add project' }).click();
    await page.getByLabel('Project', { exact: true }).selectOption({ label: 'production' });
    await page.getByLabel('Permission', { exact: true }).selectOption('read');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByRole('cell', { name: 'production' }).waitFor();
    assert.ok(await page.getByRole('cell', { name: 'Can read', exact: true }).isVisible());
    await shot('04-machine-account-projects');

    await page.getByRole('tab', { name: 'Access tokens' }).click();
    await page.getByRole('button', { name: 'Create access token' }).click();
    await page.getByLabel('Name', { exact: true }).fill('ci');
    assert.equal(await page.getByLabel('Expires', { exact: true }).inputValue(), 'never');
    await shot('05-create-access-token-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Create access token' }).click();
    await page.getByRole('heading', { name: 'Access token created' }).waitFor();
    assert.match(await page.getByRole('note').textContent(), /not stored and cannot be shown again/);
    await shot('06-access-token-shown-once');
    await page.getByRole('button', { name: 'Copy token' }).click();
    const token = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(token, /^0\.[0-9a-f-]{36}\.[A-Za-z0-9]{30}:[A-Za-z0-9+/=]{24}$/);
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row', { name: /ci/ });
    await row.waitFor();
    assert.match(await row.textContent(), /Never/);
    await shot('07-access-tokens');

    const client = new BitwardenClient({ apiUrl: `${server.http}/api`, identityUrl: `${server.http}/identity`, deviceType: DeviceType.SDK }, 4);
    await client.auth().loginAccessToken(token);
    assert.equal((await client.secrets().get(world.secret)).value, 'hunter3');

    await row.getByRole('button', { name: 'Options for ci' }).click();
    await page.getByRole('menuitem', { name: 'Revoke access token' }).click();
    await shot('08-revoke-confirmation');
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No access tokens yet.').waitFor();

    await assert.rejects(client.secrets().get(world.secret), /401/);
    const fresh = new BitwardenClient({ apiUrl: `${server.http}/api`, identityUrl: `${server.http}/identity`, deviceType: DeviceType.SDK }, 4);
    await assert.rejects(fresh.auth().loginAccessToken(token), /invalid_client|unknown or revoked/);

    assert.deepEqual(errors, []);
  });

  it('shows projects and secrets masked until revealed, with history and restore', async () => {
    const { page, errors, shot } = await signedIn();
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: 'production' }).waitFor();
    await shot('09-projects');

    await page.getByRole('link', { name: 'production' }).click();
    const secretRow = page.getByRole('row', { name: /DB_PASS/ });
    await secretRow.waitFor();
    assert.doesNotMatch(await secretRow.textContent(), /hunter3/);
    await secretRow.getByRole('button', { name: 'Show' }).click();
    await secretRow.getByText('hunter3').waitFor();
    await page.getByPlaceholder('Filter secrets').fill('api');
    assert.equal(await secretRow.isVisible(), false);
    await page.getByPlaceholder('Filter secrets').fill('');
    await shot('10-project-secrets');

    await secretRow.getByRole('button', { name: 'Copy' }).click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'hunter3');

    await secretRow.getByRole('button', { name: 'Options for DB_PASS' }).click();
    await page.getByRole('menuitem', { name: 'Version history' }).click();
    await page.getByRole('dialog').getByText('hunter2').waitFor();
    await shot('11-secret-history');
    await page.getByRole('dialog').getByRole('button', { name: 'Restore this version' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const restored = await call(server, 'GET', `/v1/config/orgs/${world.org}/projects/${world.project}/secrets/${world.secret}`);
    assert.equal(restored.value, 'hunter2');

    await page.getByRole('button', { name: 'New secret' }).click();
    await page.getByLabel('Key', { exact: true }).fill('NEW_ONE');
    await page.getByLabel('Value', { exact: true }).fill('fresh');
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await page.getByRole('row', { name: /NEW_ONE/ }).waitFor();
    assert.deepEqual(errors, []);
  });

  it('lists the signed-in entity\'s tokens and shows policies', async () => {
    const { page, errors, shot } = await signedIn();
    await page.getByRole('link', { name: 'Tokens' }).click();
    await page.getByRole('cell', { name: 'userpass-alice' }).first().waitFor();
    await shot('12-tokens');
    await page.getByRole('link', { name: 'Policies' }).click();
    await page.getByRole('link', { name: 'operator' }).click();
    await page.getByRole('textbox', { name: 'Policy operator' }).waitFor();
    assert.match(await page.getByRole('textbox', { name: 'Policy operator' }).inputValue(), /path: \/\*\*/);
    await shot('13-policy');
    assert.deepEqual(errors, []);
  });

  it('works at phone width', async () => {
    const { page, errors, shot } = await signedIn({ width: 390, height: 844 });
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('link', { name: 'production' }).click();
    await page.getByRole('row', { name: /DB_PASS/ }).waitFor();
    await shot('14-phone-project');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(overflow, false, 'the page must not scroll sideways at 390 px');
    assert.deepEqual(errors, []);
  });

  it('signs out, and shows a clear error for a wrong password', async () => {
    const { page, errors, shot } = await signedIn();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
    await page.getByLabel('Username', { exact: true }).fill('alice');
    await page.getByLabel('Password', { exact: true }).fill('wrong');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('wrong username or password').waitFor();
    await shot('15-sign-in-error');
    // The browser itself logs the refused login (401) as a failed resource load: that one is expected.
    assert.deepEqual(errors.filter(e => !/status of 401/.test(e)), []);
  });

  async function signedIn(viewport) {
    const opened = await openPage(browser, server.http, viewport);
    await opened.page.goto('/ui/');
    await opened.page.getByLabel('Username', { exact: true }).fill('alice');
    await opened.page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await opened.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await opened.page.getByRole('heading', { name: 'Machine accounts' }).waitFor();
    return opened;
  }
});

describe('the unseal page', () => {
  let server, browser;
  before(async () => { server = await startServer({ storage: 'sqlite', sealed: true }); browser = await launch(); });
  after(async () => { await browser?.close(); await server?.stop(); });

  it('takes key shares until the server unseals', async () => {
    const { page, errors, shot } = await openPage(browser, server.http);
    await page.goto('/ui/');
    await page.getByRole('heading', { name: 'Coffer is sealed' }).waitFor();
    assert.equal(await page.getByTestId('server-state').textContent(), 'Server sealed');
    await shot('16-unseal');
    await page.getByLabel('Key share', { exact: true }).fill(server.keys[0]);
    await page.getByRole('button', { name: 'Unseal' }).click();
    await page.getByTestId('unseal-progress').getByText('1 of 2 key shares given').waitFor();
    await shot('17-unseal-progress');
    await page.getByLabel('Key share', { exact: true }).fill(server.keys[2]);
    await page.getByRole('button', { name: 'Unseal' }).click();
    await page.getByRole('heading', { name: 'Sign in to Coffer' }).waitFor();
    assert.equal(await page.getByTestId('server-state').textContent(), 'Server unsealed');
    assert.deepEqual(errors, []);
  });
});
