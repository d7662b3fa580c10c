// The real intake service for end-to-end tests: the `sxsh_server` binary (built by
// scripts/test.sh) serving dist/ and writing a fresh SQLite file, read back with the sqlite3 CLI.
// SXSH_SERVER_BIN names another binary; SXSH_E2E_DIST another built widget than dist/.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = process.env.SXSH_SERVER_BIN ?? 'target/debug/sxsh_server';
const DIST = process.env.SXSH_E2E_DIST ?? 'dist';

/** Fails with a message naming the port when something already listens on `listen` (host:port). */
async function refuseBusy(listen) {
  const colon = listen.lastIndexOf(':');
  const [host, port] = [listen.slice(0, colon), Number(listen.slice(colon + 1))];
  if (port === 0) return;
  await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err) => reject(err.code === 'EADDRINUSE'
      ? new Error(`port ${port} is already in use on ${host}: stop what listens there (scripts/run.sh?) and run again`)
      : err));
    probe.listen({ host, port, exclusive: true }, () => probe.close(resolve));
  });
}

/** A loopback port nothing listens on now. */
export function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the service on `listen` (default: a free loopback port); resolves to
 * { url, database, rows, query, stop }.
 */
export async function startIntake({ listen = '127.0.0.1:0' } = {}) {
  await refuseBusy(listen);
  const database = join(mkdtempSync(join(tmpdir(), 'sxsh-e2e-')), 'requests.sqlite3');
  const child = spawn(BINARY, [], {
    env: {
      ...process.env,
      SXSH_LISTEN: listen,
      SXSH_DATABASE: database,
      SXSH_DIST: DIST,
      SXSH_RATE_PER_MINUTE: '1000',
      SXSH_SMTP_HOST: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Tests stop the service in their `after` hooks; this only catches a process that ends early.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = await new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const match = buffered.match(/"listen":"([^"]+)"/);
      if (match) resolve(`http://${match[1]}/`);
    });
    child.on('exit', (code) => reject(new Error(`sxsh_server (on ${listen}) exited with ${code}`)));
  });
  const query = (sql) => JSON.parse(execFileSync('sqlite3', ['-json', database, sql], { encoding: 'utf8' }) || '[]');
  return {
    url,
    database,
    query,
    rows: () => query('SELECT COUNT(*) AS n FROM requests')[0].n,
    stop: () => new Promise((resolve) => {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null) { resolve(); return; }
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}
