// The real server (`src/cli/start.ts`) in its own process on a database, for HTTP benchmarks:
// the client and the raw-SQL baseline run in the benchmark's process, the server in its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../util.ts';

/** BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools). */
function profile(): string[] {
  return process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

export async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...profile(), '--import', 'tsx', 'src/cli/start.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      TIDLIG_DEMO: '0',
      // One client logs in many users from one address: the per-IP limits are not under test here.
      TIDLIG_RATE_LIMIT_PER_MINUTE: '1000000',
      TIDLIG_LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server not ready within 120 s')), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /TIDLIG_READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** Log in through the real endpoint; the cookie and CSRF token go with every later request. */
export async function loginAs(baseUrl: string, municipalityId: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ municipalityId, username, password }),
  });
  const body = (await res.json()) as { csrfToken?: string };
  if (res.status !== 200 || !body.csrfToken) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(body)}`);
  const set = res.headers.getSetCookie().find((c) => c.startsWith('__Host-tidlig=') || c.startsWith('tidlig='));
  if (!set) throw new Error(`login ${username}: no session cookie`);
  return { cookie: set.split(';')[0]!, csrf: body.csrfToken };
}
