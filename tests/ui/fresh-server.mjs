// A Coffer server that has never been initialized (tests/compat's startServer always initializes).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const binary = process.env.COFFER_BIN ?? resolve(import.meta.dirname, '../../artifacts/bin/coffer');

export async function startUninitialized() {
  const dir = mkdtempSync(join(tmpdir(), 'coffer-ui-fresh-'));
  writeFileSync(join(dir, 'coffer.yaml'), `listen: {http: 127.0.0.1:0}\nstorage: {sqlite: {path: ${join(dir, 'coffer.db')}}}\n`);
  const child = spawn(binary, ['server', '--config', join(dir, 'coffer.yaml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const http = await new Promise((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`coffer did not start:\n${output}`)), 30_000);
    child.stderr.on('data', chunk => { output += chunk; });
    child.stdout.on('data', chunk => {
      output += chunk;
      const match = /listening on (http:\/\/\S+?)(?: and |\n)/.exec(output);
      if (match) { clearTimeout(timer); ready(match[1]); }
    });
    child.on('exit', code => { clearTimeout(timer); fail(new Error(`coffer exited with ${code}:\n${output}`)); });
  });
  const stop = async () => {
    const exited = new Promise(done => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  };
  return { http, stop };
}
