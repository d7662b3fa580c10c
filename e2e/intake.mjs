// The real intake service for end-to-end tests: the `sxsh_server` binary (built by
// scripts/test.sh) serving dist/ and writing a fresh SQLite file, read back with the sqlite3 CLI.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = process.env.SXSH_SERVER_BIN ?? 'target/debug/sxsh_server';

/** Starts the service on a free loopback port; resolves to { url, rows, query, stop }. */
export async function startIntake() {
  const database = join(mkdtempSync(join(tmpdir(), 'sxsh-e2e-')), 'requests.sqlite3');
  const child = spawn(BINARY, [], {
    env: {
      ...process.env,
      SXSH_LISTEN: '127.0.0.1:0',
      SXSH_DATABASE: database,
      SXSH_DIST: 'dist',
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
    child.on('exit', (code) => reject(new Error(`sxsh_server exited with ${code}`)));
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
