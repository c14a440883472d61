// The pages of a server that is not ready: never initialized, and sealed with a failing "Start over".
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../compat/server.mjs';
import { launch, openPage } from './browser.mjs';
import { startUninitialized } from './fresh-server.mjs';
import { assertNoErrors } from './world.mjs';

describe('a server that is not ready', () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('says how to initialize a server that never was', async () => {
    const server = await startUninitialized();
    try {
      const { page, errors, shot } = await openPage(browser, server.http);
      await page.goto('/ui/');
      await page.getByRole('heading', { name: 'Coffer is not initialized' }).waitFor();
      assert.equal(await page.getByTestId('server-state').textContent(), 'Server not initialized');
      await shot('50-not-initialized');
      assertNoErrors(errors);
    } finally {
      await server.stop();
    }
  });

  it('shows why "Start over" failed on the unseal page, and starts over when it can', async () => {
    const server = await startServer({ storage: 'sqlite', sealed: true });
    try {
      const { page, errors, shot } = await openPage(browser, server.http);
      await page.goto('/ui/');
      await page.getByLabel('Key share', { exact: true }).fill(server.keys[0]);
      await page.getByRole('button', { name: 'Unseal' }).click();
      await page.getByTestId('unseal-progress').getByText('1 of 2 key shares given').waitFor();

      await page.route('**/v1/sys/unseal', route => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ error: 'internal', message: 'the seal is busy; try again' }) }));
      await page.getByRole('button', { name: 'Start over' }).click();
      await page.getByRole('alert').getByText('the seal is busy; try again').waitFor();
      await shot('51-unseal-start-over-failed');
      await page.unroute('**/v1/sys/unseal');

      await page.getByRole('button', { name: 'Start over' }).click();
      await page.getByTestId('unseal-progress').getByText('0 of 2 key shares given').waitFor();
      assert.equal(await page.getByRole('alert').textContent(), '');
      assertNoErrors(errors, 500);
    } finally {
      await server.stop();
    }
  });
});
