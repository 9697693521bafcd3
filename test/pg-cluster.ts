// A throw-away PostgreSQL cluster for the test run, made with Debian's initdb/pg_ctl in a
// temp dir. Tuned for speed, not durability: the data dies with the run anyway.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface PgCluster {
  /** Superuser URL of the `postgres` database (use it as the admin URL). */
  url: string;
  dir: string;
  /** Stop the server and remove its files. Synchronous so an exit handler can call it too. */
  stop(): void;
}

/** Debian's server binaries: the highest /usr/lib/postgresql/<v>/bin, else `pg_config --bindir`. */
export function findPgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v) && fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(root, versions[0], 'bin');
  const cfg = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const dir = cfg.status === 0 ? cfg.stdout.trim() : '';
  if (dir && fs.existsSync(path.join(dir, 'initdb'))) return dir;
  throw new Error(
    'No PostgreSQL server binaries (initdb, pg_ctl) found. Install them (Debian: apt-get install postgresql), ' +
      'or set TEST_DATABASE_URL to a PostgreSQL superuser URL.',
  );
}

/** A port nobody listens on right now (the tiny race until postgres binds it is retried by the caller). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Run a server binary. PostgreSQL refuses to run as root, so as root (CI) we become the
 * `postgres` user that Debian's package creates. cwd is the cluster dir because the
 * postgres user may not be allowed into the caller's cwd (e.g. /root/...).
 */
function runPg(bin: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const [cmd, argv] = isRoot
    ? fs.existsSync('/usr/sbin/runuser') || fs.existsSync('/sbin/runuser')
      ? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
      : ['su', ['postgres', '-s', '/bin/sh', '-c', [bin, ...args].map(shellQuote).join(' ')]]
    : [bin, args];
  return spawnSync(cmd as string, argv as string[], { cwd, encoding: 'utf8', timeout: 120_000 });
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function check(r: SpawnSyncReturns<string>, what: string, logFile?: string): void {
  if (r.status === 0) return;
  const log = logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
  throw new Error(
    `${what} failed (exit ${r.status ?? r.signal}${r.error ? `, ${r.error.message}` : ''})\n${r.stdout ?? ''}${r.stderr ?? ''}${log}`,
  );
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBinDir();
  // As root, root's TMPDIR may be private; /tmp is traversable by the postgres user.
  const dir = fs.mkdtempSync(path.join(isRoot ? '/tmp' : os.tmpdir(), 'tidlig-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    if (isRoot) {
      const r = spawnSync('chown', ['-R', 'postgres:postgres', dir], { encoding: 'utf8' });
      check(r, 'chown of the cluster dir to the postgres user (does the user exist? apt-get install postgresql)');
    }
    check(
      runPg(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync'], dir),
      'initdb',
    );

    // A port can be taken between freePort() and postgres binding it: retry with a new one.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const opts = [
        `-p ${port}`,
        `-k ${dir}`, // socket in our dir: /var/run/postgresql may not exist or belong to another cluster
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
      ].join(' ');
      fs.rmSync(logFile, { force: true }); // so the port check below reads this attempt only
      // -l: without a log file the server inherits our stdout pipe and spawnSync would never return.
      const r = runPg(path.join(bin, 'pg_ctl'), ['-w', '-t', '60', '-D', data, '-l', logFile, '-o', opts, 'start'], dir);
      if (r.status === 0) {
        let stopped = false;
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          dir,
          stop() {
            if (stopped) return;
            stopped = true;
            runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'], dir);
            removeDir();
          },
        };
      }
      const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
      if (attempt >= 3 || !/address already in use|could not bind/i.test(log)) check(r, 'pg_ctl start', logFile);
    }
  } catch (err) {
    removeDir();
    throw err;
  }
}
