// Starts a real Coffer server (the published binary) and talks to its native API.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

const binary = process.env.COFFER_BIN ?? resolve(import.meta.dirname, '../../artifacts/bin/coffer');

/**
 * storage 'sqlite': dev mode (initialized, unsealed, root token known). storage 'postgres': a config file,
 * initialized and unsealed here. sealed: true (with sqlite): a config file with a Shamir seal, initialized
 * with 3 shares (threshold 2) and left sealed; the shares are returned.
 */
export async function startServer({ storage, sealed = false }) {
  if (!existsSync(binary)) throw new Error(`coffer binary missing at ${binary}: run ./test.sh (it publishes it)`);
  const dir = mkdtempSync(join(tmpdir(), 'coffer-compat-'));
  let args;
  let caFile;
  let rootToken = randomUUID();
  let dropDatabase = null;
  if (storage === 'sqlite' && sealed) {
    writeFileSync(join(dir, 'coffer.yaml'), `listen: {http: 127.0.0.1:0}\nstorage: {sqlite: {path: ${join(dir, 'coffer.db')}}}\n`);
    args = ['server', '--config', join(dir, 'coffer.yaml')];
  } else if (storage === 'sqlite') {
    args = ['server', '--dev', '--data-dir', dir, '--http', '127.0.0.1:0', '--https', '127.0.0.1:0', '--dev-root-token', rootToken];
    caFile = join(dir, 'ca.pem');
  } else {
    const postgres = process.env.COFFER_TEST_POSTGRES;
    if (!postgres) throw new Error('COFFER_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL');
    const database = `coffer_compat_${randomUUID().replaceAll('-', '')}`;
    execFileSync('psql', [toUrl(postgres, 'postgres'), '-qc', `CREATE DATABASE ${database}`]);
    dropDatabase = () => execFileSync('psql', [toUrl(postgres, 'postgres'), '-qc', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`]);
    caFile = makeCertificates(dir);
    writeFileSync(join(dir, 'coffer.yaml'), [
      'listen: {http: 127.0.0.1:0, https: 127.0.0.1:0}',
      `tls: {cert-file: ${join(dir, 'server.pem')}, key-file: ${join(dir, 'server.key')}}`,
      `storage: {postgres: {connection-string: "${postgres.replace(/Database=[^;]*/i, `Database=${database}`)}"}}`,
      '',
    ].join('\n'));
    args = ['server', '--config', join(dir, 'coffer.yaml')];
  }
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const addresses = await new Promise((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`coffer did not start:\n${output}`)), 30_000);
    child.stderr.on('data', chunk => { output += chunk; });
    child.stdout.on('data', chunk => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s]+?)(?: and (https:\/\/\S+))?\n/.exec(output);
      if (match) { clearTimeout(timer); ready({ http: match[1], https: match[2] }); }
    });
    child.on('exit', code => { clearTimeout(timer); fail(new Error(`coffer exited with ${code}:\n${output}`)); });
  });
  const server = { ...addresses, caFile, rootToken, stop: () => stop(child, storage === 'sqlite' ? null : dropDatabase) };
  if (sealed) {
    const init = await call(server, 'POST', '/v1/sys/init', { 'secret-shares': 3, 'secret-threshold': 2 });
    server.keys = init['keys-base64'];
    server.rootToken = init['root-token'];
  } else if (storage !== 'sqlite') {
    const init = await call(server, 'POST', '/v1/sys/init', { 'secret-shares': 1, 'secret-threshold': 1 });
    await call(server, 'POST', '/v1/sys/unseal', { key: init['keys-base64'][0] });
    server.rootToken = init['root-token'];
  }
  return server;
}

/// The native API with the root token (JSON in and out); throws on an unexpected status.
export async function call(server, method, path, body, expected) {
  const response = await fetch(server.http + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.rootToken}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const ok = expected ? response.status === expected : response.ok;
  if (!ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function stop(child, cleanup) {
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  cleanup?.();
}

function toUrl(connectionString, database) {
  const parts = Object.fromEntries(connectionString.split(';').filter(Boolean).map(p => p.split('=')).map(([k, v]) => [k.toLowerCase(), v]));
  return `postgresql://${parts.username}:${parts.password}@${parts.host}:${parts.port ?? 5432}/${database}`;
}

// A CA (basicConstraints CA:TRUE) and a server certificate for 127.0.0.1 and localhost, made with openssl.
function makeCertificates(dir) {
  const run = args => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem',
    '-days', '7', '-subj', '/CN=Coffer compat CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
  run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '7', '-extfile', 'server.ext']);
  return join(dir, 'ca.pem');
}
