// The real server process (src/cli/start.ts) on a real PostgreSQL database of its own, for the
// heavy battery files that attack or load it from outside (sqlmap, the soak). The database is
// cloned from the migrated template that scripts/battery.mjs prepares (test/harness.ts); with
// `demo` the server seeds the demo municipality (≈ 5,700 children, src/cli/seed-demo.ts) itself.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { testDatabase, type TestDatabase } from '../../harness.ts';

export interface RealServer {
  base: string;
  pid: number;
  db: TestDatabase;
  process: ChildProcess;
  /** Everything the server wrote to stdout and stderr (bounded). */
  log(): string;
  /** Called for every line the server writes (e.g. --trace-gc lines). */
  onLine(fn: (line: string) => void): void;
  stop(): Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

export async function startRealServer(opts: { demo?: boolean; nodeFlags?: string[]; env?: Record<string, string> } = {}): Promise<RealServer> {
  const db = await testDatabase();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const noWeb = fs.mkdtempSync(path.join(os.tmpdir(), 'tidlig-noweb-'));
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), '--import', 'tsx', 'src/cli/start.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      TIDLIG_DEMO: opts.demo ? '1' : '0',
      TIDLIG_SECURE_COOKIES: '0',
      TIDLIG_RATE_LIMIT_PER_MINUTE: '10000000',
      TIDLIG_LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
      TIDLIG_WEB_DIST: noWeb,
      LOG_LEVEL: 'error',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const listeners: ((line: string) => void)[] = [];
  let rest = '';
  const take = (d: Buffer) => {
    const text = String(d);
    log = (log + text).slice(-200_000);
    const lines = (rest + text).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) for (const fn of listeners) fn(l);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${log.slice(-3000)}`)), 300_000);
    const ready = (line: string) => {
      if (line.includes('TIDLIG_READY')) {
        clearTimeout(timer);
        resolve();
      }
    };
    listeners.push(ready);
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${log.slice(-3000)}`)));
  });
  return {
    base,
    pid: child.pid!,
    db,
    process: child,
    log: () => log,
    onLine: (fn) => listeners.push(fn),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(noWeb, { recursive: true, force: true });
      await db.close();
    },
  };
}

export interface Session {
  username: string;
  cookie: string;
  csrf: string;
}

/** Log in over HTTP like a browser: the session cookie and the CSRF token. */
export async function loginOver(base: string, municipalityId: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ municipalityId, username, password }) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`log-in of ${username}: ${res.status} ${text}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('tidlig='))!.split(';')[0]!;
  return { username, cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}

/** One request with a session's cookie (and CSRF token on a change); the answer's status and JSON. */
export async function call(base: string, method: string, url: string, s?: Session, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: () => unknown; text: string }> {
  const h: Record<string, string> = { ...headers };
  if (s) h.cookie = s.cookie;
  if (s && method !== 'GET') h['x-csrf-token'] = s.csrf;
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(base + url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}
