// The compatibility scenarios, run with the official SDK (@bitwarden/sdk-napi 1.0.0) against a real server.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import sdk from '@bitwarden/sdk-napi';
import { startServer, call } from './server.mjs';

const { BitwardenClient, DeviceType } = sdk;
const LogLevel = { Error: 4 };

export function defineSuite(storage) {
  describe(`Bitwarden SDK against Coffer on ${storage}`, () => {
    let server;
    let world;

    before(async () => {
      server = await startServer({ storage });
      // rustls reads SSL_CERT_FILE when a client is built: every client after this trusts the server's CA.
      process.env.SSL_CERT_FILE = server.caFile;
      world = await seed(server);
    });
    after(async () => server?.stop());

    for (const scheme of ['http', 'https']) {
      const connect = async token => {
        const base = server[scheme];
        const client = new BitwardenClient({ apiUrl: `${base}/api`, identityUrl: `${base}/identity`, deviceType: DeviceType.SDK }, LogLevel.Error);
        await client.auth().loginAccessToken(token);
        return client;
      };

      describe(`over ${scheme}`, () => {
        it('logs in with a token minted by the native API and reads secrets', async () => {
          const client = await connect(await mint(server, world.orgA, world.writer));
          const list = await client.secrets().list(world.orgA);
          const ids = list.data.map(s => s.id);
          assert.ok(ids.includes(world.secretId));
          const secret = await client.secrets().get(world.secretId);
          assert.equal(secret.key, 'DB_PASS');
          assert.equal(secret.value, ' hunter2 ');
          assert.equal(secret.projectId, world.projectA);
          const byIds = await client.secrets().getByIds([world.secretId]);
          assert.deepEqual(byIds.data.map(s => s.value), [' hunter2 ']);
        });

        it('creates, updates and deletes secrets, keeping the old value as a version', async () => {
          const client = await connect(await mint(server, world.orgA, world.writer));
          const created = await client.secrets().create(world.orgA, `KEY_${scheme}`, 'first', 'a note', [world.projectA]);
          const updated = await client.secrets().update(world.orgA, created.id, `KEY_${scheme}`, 'second', 'a note', [world.projectA]);
          assert.equal(updated.value, 'second');
          assert.equal((await client.secrets().get(created.id)).value, 'second');
          const versions = await call(server, 'GET', `/v1/config/orgs/${world.orgA}/projects/${world.projectA}/secrets/${created.id}/versions`);
          assert.deepEqual(versions.versions.map(v => v.value), ['first']);
          const deleted = await client.secrets().delete([created.id]);
          assert.deepEqual(deleted.data.map(d => [d.id, d.error ?? null]), [[created.id, null]]);
          await assert.rejects(client.secrets().get(created.id), /404/);
        });

        it('creates, renames and deletes projects', async () => {
          const client = await connect(await mint(server, world.orgA, world.writer));
          const project = await client.projects().create(world.orgA, `project-${scheme}`);
          const renamed = await client.projects().update(world.orgA, project.id, `renamed-${scheme}`);
          assert.equal(renamed.name, `renamed-${scheme}`);
          assert.ok((await client.projects().list(world.orgA)).data.some(p => p.id === project.id));
          assert.equal((await client.projects().get(project.id)).name, `renamed-${scheme}`);
          await client.projects().delete([project.id]);
          await assert.rejects(client.projects().get(project.id), /404/);
        });

        it('syncs everything first, then only when something changed', async () => {
          const client = await connect(await mint(server, world.orgA, world.reader));
          const first = await client.secrets().sync(world.orgA, null);
          assert.equal(first.hasChanges, true);
          assert.ok(first.secrets.some(s => s.id === world.secretId));
          const since = new Date(Date.now() + 1000);
          await new Promise(r => setTimeout(r, 1100));
          assert.equal((await client.secrets().sync(world.orgA, since)).hasChanges, false);
          await call(server, 'PATCH', `/v1/config/orgs/${world.orgA}/projects/${world.projectA}/secrets/${world.secretId}`, { note: `touched over ${scheme}` });
          const changed = await client.secrets().sync(world.orgA, since);
          assert.equal(changed.hasChanges, true);
        });

        it('refuses a revoked token at login, and a logged-in client right after revocation', async () => {
          const token = await mint(server, world.orgA, world.reader);
          const client = await connect(token);
          await client.secrets().get(world.secretId);
          await call(server, 'POST', `/v1/state/orgs/${world.orgA}/machine-accounts/${world.reader}/access-tokens/revoke`, { ids: [token.split('.')[1]] });
          await assert.rejects(client.secrets().get(world.secretId), /401/);
          await assert.rejects(connect(token), /invalid_client|unknown or revoked/);
        });

        it('refuses an expired token at login', async () => {
          const expires = new Date(Date.now() + 1500).toISOString();
          const token = await mint(server, world.orgA, world.reader, expires);
          await new Promise(r => setTimeout(r, 2000));
          await assert.rejects(connect(token), /Access token has expired/);
        });

        it('lets a read-only machine account read but never write', async () => {
          const client = await connect(await mint(server, world.orgA, world.reader));
          assert.equal((await client.secrets().get(world.secretId)).key, 'DB_PASS');
          await assert.rejects(client.secrets().create(world.orgA, 'NOPE', 'v', '', [world.projectA]), /404/);
          await assert.rejects(client.secrets().update(world.orgA, world.secretId, 'DB_PASS', 'changed', '', [world.projectA]), /404/);
          const deleted = await client.secrets().delete([world.secretId]);
          assert.equal(deleted.data[0].error, 'access denied');
          assert.equal((await client.secrets().get(world.secretId)).value, ' hunter2 ');
        });

        it('keeps a token of one organization out of another', async () => {
          const client = await connect(await mint(server, world.orgB, world.otherOrgAccount));
          await assert.rejects(client.secrets().list(world.orgA), /404/);
          await assert.rejects(client.secrets().get(world.secretId), /404/);
          await assert.rejects(client.projects().get(world.projectA), /404/);
          assert.deepEqual((await client.secrets().list(world.orgB)).data.map(s => s.key), ['OTHER']);
        });

        it('works with base URLs that end in a slash (the SDK does not trim them)', async () => {
          const base = server[scheme];
          const client = new BitwardenClient({ apiUrl: `${base}/api/`, identityUrl: `${base}/identity/`, deviceType: DeviceType.SDK }, LogLevel.Error);
          await client.auth().loginAccessToken(await mint(server, world.orgA, world.reader));
          assert.equal((await client.secrets().get(world.secretId)).key, 'DB_PASS');
          assert.ok((await client.projects().list(world.orgA)).data.some(p => p.id === world.projectA));
        });

        it('records an API call made with a cached JWT as a use of its access token', async () => {
          const token = await mint(server, world.orgA, world.reader);
          const client = await connect(token);
          const id = token.split('.')[1];
          const lastUsed = async () => new Date((await call(server, 'GET', `/v1/config/orgs/${world.orgA}/machine-accounts/${world.reader}/access-tokens/${id}`))['last-used']);
          const atLogin = await lastUsed();
          await new Promise(r => setTimeout(r, 1100));
          await client.secrets().get(world.secretId);
          assert.ok(await lastUsed() > atLogin);
        });

        it('refuses a wrong client secret and a malformed token', async () => {
          const token = await mint(server, world.orgA, world.reader);
          const [left, key] = token.split(':');
          const wrongSecret = `${left.slice(0, left.lastIndexOf('.'))}.${'x'.repeat(30)}:${key}`;
          await assert.rejects(connect(wrongSecret), /unknown or revoked/);
          await assert.rejects(connect('0.not-a-guid.secret:AAAAAAAAAAAAAAAAAAAAAA=='), /identifier|invalid/i);
        });
      });
    }
  });
}

async function seed(server) {
  const orgA = (await call(server, 'POST', '/v1/config/orgs', { name: 'acme' })).id;
  const orgB = (await call(server, 'POST', '/v1/config/orgs', { name: 'other' })).id;
  const projectA = (await call(server, 'POST', `/v1/config/orgs/${orgA}/projects`, { name: 'production' })).id;
  const projectB = (await call(server, 'POST', `/v1/config/orgs/${orgB}/projects`, { name: 'theirs' })).id;
  const secretId = (await call(server, 'POST', `/v1/config/orgs/${orgA}/projects/${projectA}/secrets`, { key: 'DB_PASS', value: ' hunter2 ', note: '' })).id;
  await call(server, 'POST', `/v1/config/orgs/${orgB}/projects/${projectB}/secrets`, { key: 'OTHER', value: 'x' });
  const account = async (org, name, project, access) => {
    const id = (await call(server, 'POST', `/v1/config/orgs/${org}/machine-accounts`, { name })).id;
    await call(server, 'PUT', `/v1/config/orgs/${org}/machine-accounts/${id}/grants/${project}`, { access });
    return id;
  };
  return {
    orgA, orgB, projectA, secretId,
    writer: await account(orgA, 'writer', projectA, 'read-write'),
    reader: await account(orgA, 'reader', projectA, 'read'),
    otherOrgAccount: await account(orgB, 'other', projectB, 'read-write'),
  };
}

async function mint(server, org, machineAccount, expires) {
  const body = { name: 'compat' };
  if (expires) body.expires = expires;
  return (await call(server, 'POST', `/v1/config/orgs/${org}/machine-accounts/${machineAccount}/access-tokens`, body)).token;
}
