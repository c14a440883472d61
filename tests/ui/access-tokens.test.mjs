// The Access tokens tab: select all and revoke, every expiry choice, a phone-width screen, and copying without a clipboard.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call } from '../compat/server.mjs';
import { launch } from './browser.mjs';
import { seed, machineAccount, signIn, sdkReads, sdkRefused, assertNoErrors } from './world.mjs';

describe('access tokens', () => {
  let server, browser, world;
  before(async () => {
    server = await startServer({ storage: 'sqlite' });
    browser = await launch();
    world = await seed(server);
  });
  after(async () => { await browser?.close(); await server?.stop(); });

  const tokensPath = id => `/v1/config/orgs/${world.org}/machine-accounts/${id}/access-tokens`;
  const mint = async (id, name) => (await call(server, 'POST', tokensPath(id), { name })).token;

  it('select all revokes every access token after one confirmation, and the SDK is refused each of them', async () => {
    const account = await machineAccount(server, world, 'fleet');
    const tokens = [await mint(account, 'web-1'), await mint(account, 'web-2'), await mint(account, 'web-3')];
    for (const token of tokens) assert.equal(await sdkReads(server, token, world.secret), 'hunter2');
    const { page, errors, shot } = await signIn(browser, server);
    await page.goto(`/ui/#/machine-accounts/${account}/access-tokens`);
    await page.getByRole('row', { name: /web-3/ }).waitFor();

    await page.getByLabel('Select all access tokens').check();
    for (const name of ['web-1', 'web-2', 'web-3']) assert.equal(await page.getByLabel(`Select ${name}`).isChecked(), true, name);
    assert.equal(await page.getByLabel('Select all access tokens').isChecked(), true);
    await page.getByRole('button', { name: 'Revoke selected' }).click();
    await page.getByRole('dialog').getByText('Revoke 3 access tokens?').waitFor();
    await shot('20-revoke-all-confirmation');
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No access tokens yet.').waitFor();

    assert.deepEqual((await call(server, 'GET', tokensPath(account)))['access-tokens'], []);
    for (const token of tokens) await sdkRefused(server, token);
    assertNoErrors(errors);
  });

  it('creates tokens that expire in 30, 60 or 90 days or on a chosen date, and shows the server refusing a past date', async () => {
    const account = await machineAccount(server, world, 'expiring');
    const { page, errors, shot } = await signIn(browser, server);
    await page.goto(`/ui/#/machine-accounts/${account}/access-tokens`);
    const create = async (name, choice, date) => {
      await page.getByRole('button', { name: 'Create access token' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name', { exact: true }).fill(name);
      await dialog.getByLabel('Expires', { exact: true }).selectOption(choice);
      if (date) await dialog.getByLabel('Expiration date').fill(date);
      return dialog;
    };
    for (const days of [30, 60, 90]) {
      const dialog = await create(`in-${days}`, String(days));
      await dialog.getByRole('button', { name: 'Create access token' }).click();
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByRole('row', { name: new RegExp(`in-${days}`) }).waitFor();
    }
    const custom = await create('on-a-date', 'custom', '2031-05-17');
    await shot('21-custom-expiry-date');
    await custom.getByRole('button', { name: 'Create access token' }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('row', { name: /on-a-date/ }).waitFor();
    const past = await create('too-late', 'custom', '2020-01-01');
    await past.getByRole('button', { name: 'Create access token' }).click();
    await past.getByRole('alert').getByText(/in the past/).waitFor();
    await shot('22-expiry-in-the-past');
    await past.getByRole('button', { name: 'Cancel' }).click();
    await shot('23-access-tokens-with-expiry');

    const listed = Object.fromEntries((await call(server, 'GET', tokensPath(account)))['access-tokens'].map(t => [t.name, Date.parse(t.expires)]));
    for (const days of [30, 60, 90]) assert.ok(Math.abs(listed[`in-${days}`] - (Date.now() + days * 86_400_000)) < 600_000, `in-${days}`);
    assert.equal(listed['on-a-date'], await page.evaluate(() => new Date('2031-05-17T23:59:59').getTime()));
    assert.equal(listed['too-late'], undefined);
    assert.doesNotMatch(await page.getByRole('row', { name: /in-30/ }).textContent(), /Never/);
    assertNoErrors(errors, 400);
  });

  it('fits the machine account page on a phone: no sideways scrolling, the ⋮ menu in view', async () => {
    const account = await machineAccount(server, world, 'phone');
    await mint(account, 'a token with a rather long name for a phone');
    await mint(account, 'short');
    const { page, errors, shot } = await signIn(browser, server, { viewport: { width: 390, height: 844 } });
    await page.goto(`/ui/#/machine-accounts/${account}/projects`);
    await page.getByRole('cell', { name: 'production' }).waitFor();
    await shot('24-phone-machine-account-projects');
    await page.getByRole('tab', { name: 'Access tokens' }).click();
    await page.getByRole('row', { name: /short/ }).waitFor();
    await shot('25-phone-access-tokens');

    const fits = await page.evaluate(() => [document.documentElement, ...document.querySelectorAll('.table-wrap')]
      .every(element => element.scrollWidth <= element.clientWidth + 1));
    assert.equal(fits, true, 'nothing may scroll sideways at 390 px');
    for (const name of ['short', 'a token with a rather long name for a phone']) {
      const box = await page.getByRole('button', { name: `Options for ${name}` }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `the ⋮ of ${name} is in view`);
    }
    await page.getByRole('button', { name: 'Options for short' }).click();
    const item = await page.getByRole('menuitem', { name: 'Revoke access token' }).boundingBox();
    assert.ok(item.x >= 0 && item.x + item.width <= 390, 'the menu opens in view');
    await page.getByLabel('Select all access tokens').check();
    assert.equal(await page.getByLabel('Select short').isChecked(), true);
    assertNoErrors(errors);
  });

  it('without a clipboard, Copy says so and selects the text for a manual copy', async () => {
    const account = await machineAccount(server, world, 'no-clipboard');
    const { page, errors, shot } = await signIn(browser, server, { clipboard: false });
    await page.goto(`/ui/#/machine-accounts/${account}/access-tokens`);
    await page.getByRole('button', { name: 'Create access token' }).click();
    await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill('manual');
    await page.getByRole('dialog').getByRole('button', { name: 'Create access token' }).click();
    const token = await page.getByTestId('new-token').textContent();
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByRole('dialog').getByRole('alert').getByText(/cannot copy/).waitFor();
    assert.equal(await page.evaluate(() => getSelection().toString()), token);
    await shot('26-copy-without-clipboard');
    await page.getByRole('button', { name: 'Done' }).click();

    await page.goto(`/ui/#/projects/${world.project}`);
    const row = page.getByRole('row', { name: /DB_PASS/ });
    await row.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('alert').getByText(/cannot copy/).waitFor();
    await row.getByText('hunter2').waitFor();
    assert.equal(await page.evaluate(() => getSelection().toString()), 'hunter2');
    assertNoErrors(errors);
  });
});
