// What the browser tests share: a seeded server, signing in, the official SDK, and console-error checks.
import assert from 'node:assert/strict';
import sdk from '@bitwarden/sdk-napi';
import { call } from '../compat/server.mjs';
import { openPage } from './browser.mjs';

const { BitwardenClient, DeviceType } = sdk;

/** An organization with a project and a secret; alice (operator: everything) and bob (may read policies only). */
export async function seed(server) {
  const org = (await call(server, 'POST', '/v1/config/orgs', { name: 'Acme' })).id;
  const project = (await call(server, 'POST', `/v1/config/orgs/${org}/projects`, { name: 'production' })).id;
  const secret = (await call(server, 'POST', `/v1/config/orgs/${org}/projects/${project}/secrets`, { key: 'DB_PASS', value: 'hunter2' })).id;
  await call(server, 'PUT', '/v1/config/policy/policies/operator', { 'rest-api': { rules: [{ path: '/**', operations: { all: 'allow' } }] } });
  await call(server, 'PUT', '/v1/config/policy/policies/policy-reader', {
    'rest-api': { rules: [{ path: '/v1/config/orgs/**', operations: { read: 'allow' } }, { path: '/v1/config/policy/**', operations: { read: 'allow' } }] },
  });
  await call(server, 'PUT', '/v1/config/users/alice', { password: 'correct horse battery', policies: ['operator'] });
  await call(server, 'PUT', '/v1/config/users/bob', { password: 'correct horse battery', policies: ['policy-reader'] });
  return { org, project, secret };
}

/** A machine account with read on the project, through the API. */
export async function machineAccount(server, world, name) {
  const id = (await call(server, 'POST', `/v1/config/orgs/${world.org}/machine-accounts`, { name })).id;
  await call(server, 'PUT', `/v1/config/orgs/${world.org}/machine-accounts/${id}/grants/${world.project}`, { access: 'read' });
  return id;
}

export async function signIn(browser, server, { user = 'alice', viewport, clipboard } = {}) {
  const opened = await openPage(browser, server.http, { ...viewport, clipboard });
  await opened.page.goto('/ui/');
  await opened.page.getByLabel('Username', { exact: true }).fill(user);
  await opened.page.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await opened.page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await opened.page.getByRole('heading', { name: 'Machine accounts' }).waitFor();
  return opened;
}

export function sdkClient(server) {
  return new BitwardenClient({ apiUrl: `${server.http}/api`, identityUrl: `${server.http}/identity`, deviceType: DeviceType.SDK }, 4);
}

/** The SDK can log in with the token and read the secret. */
export async function sdkReads(server, token, secretId) {
  const client = sdkClient(server);
  await client.auth().loginAccessToken(token);
  return (await client.secrets().get(secretId)).value;
}

/** The SDK is refused a login with the token. */
export async function sdkRefused(server, token) {
  await assert.rejects(sdkClient(server).auth().loginAccessToken(token), /invalid_client|unknown or revoked/);
}

/**
 * No console or page error, except the browser's own "Failed to load resource" lines for the HTTP statuses
 * a test provokes on purpose (a refused login, a date in the past, a refused write).
 */
export function assertNoErrors(errors, ...expectedStatuses) {
  const unexpected = errors.filter(e => !expectedStatuses.some(status => e.includes(`status of ${status}`)));
  assert.deepEqual(unexpected, []);
}
