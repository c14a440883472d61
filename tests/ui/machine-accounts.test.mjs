// Machine accounts: the list, rename and delete, and every main action reached and used from the keyboard.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call } from '../compat/server.mjs';
import { launch, openPage } from './browser.mjs';
import { seed, machineAccount, signIn, assertNoErrors } from './world.mjs';

/** Presses Tab until the focused element is called `name` (its label or text); fails after `limit` presses. */
async function tabTo(page, name, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '';
    });
    if (focused === name) return;
  }
  assert.fail(`${name} cannot be reached with Tab`);
}

const focusedName = page => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim());

describe('machine accounts', () => {
  let server, browser, world;
  before(async () => {
    server = await startServer({ storage: 'sqlite' });
    browser = await launch();
    world = await seed(server);
  });
  after(async () => { await browser?.close(); await server?.stop(); });

  it('lists machine accounts, renames one and deletes one after confirmation', async () => {
    for (const name of ['billing-worker', 'deploy-bot', 'nightly-backup']) await machineAccount(server, world, name);
    const { page, errors, shot } = await signIn(browser, server);
    await page.getByRole('link', { name: 'nightly-backup' }).waitFor();
    await shot('30-machine-accounts');

    await page.getByRole('link', { name: 'deploy-bot' }).click();
    await page.getByRole('button', { name: 'Rename' }).click();
    const rename = page.getByRole('dialog');
    assert.equal(await rename.getByLabel('Name', { exact: true }).inputValue(), 'deploy-bot');
    await rename.getByLabel('Name', { exact: true }).fill('release-bot');
    await shot('31-rename-machine-account');
    await rename.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'release-bot' }).waitFor();

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByText('Delete release-bot?', { exact: false }).waitFor();
    await shot('32-delete-machine-account');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Machine accounts' }).waitFor();
    await page.getByRole('link', { name: 'billing-worker' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'release-bot' }).count(), 0);
    const names = (await call(server, 'GET', `/v1/config/orgs/${world.org}/machine-accounts`))['machine-accounts'].map(a => a.name);
    assert.ok(names.includes('billing-worker') && !names.includes('release-bot') && !names.includes('deploy-bot'));
    assertNoErrors(errors);
  });

  it('is usable from the keyboard: Tab reaches the main actions, Enter submits and Escape closes dialogs and menus', async () => {
    const { page, errors, shot } = await openPage(browser, server.http);
    await page.goto('/ui/');
    await page.getByRole('heading', { name: 'Sign in to Coffer' }).waitFor();
    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    await page.keyboard.type('correct horse battery');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Machine accounts' }).waitFor();

    await tabTo(page, 'New machine account');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.labels?.[0]?.textContent), 'Name', 'the Name field has the focus');
    await page.keyboard.type('keyboard-bot');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'keyboard-bot' }).waitFor();

    await tabTo(page, 'Rename');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await focusedName(page), 'Rename', 'focus returns to the button that opened the dialog');

    await tabTo(page, 'Access tokens');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Create access token' }).waitFor();
    await tabTo(page, 'Create access token');
    await page.keyboard.press('Enter');
    await page.keyboard.type('typed');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Access token created' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('row', { name: /typed/ }).waitFor();

    await tabTo(page, 'Options for typed');
    await page.keyboard.press('Enter');
    assert.equal(await focusedName(page), 'Revoke access token', 'the menu takes the focus');
    await page.keyboard.press('Escape');
    assert.equal(await focusedName(page), 'Options for typed');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').getByText('Revoke this access token?', { exact: false }).waitFor();
    await shot('33-keyboard-revoke-confirmation');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('row', { name: /typed/ }).count(), 1, 'Escape revokes nothing');
    assertNoErrors(errors);
  });
});
