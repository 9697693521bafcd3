// bench/startup: cold `npm start` (fresh embedded database: open, migrate, seed the demo,
// listen) until ready, next to a bare PGlite open + migrate measured in the same run.
// Goal (issue 3): ready in under 15 s. Prints seconds and the ratio to the baseline.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { freePort, report } from './util.ts';

async function baseline(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidlig-bench-base-'));
  const start = performance.now();
  const db = await openDatabase({ dataDir: dir });
  await migrate(db.pool);
  const ms = performance.now() - start;
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return ms;
}

async function coldStart(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tidlig-bench-start-'));
  const port = await freePort();
  const start = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/start.ts'], {
    env: { ...process.env, TIDLIG_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn', TIDLIG_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    return await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('not ready within 120 s')), 120_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('TIDLIG_READY')) {
          clearTimeout(timer);
          resolve(performance.now() - start);
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const runs = Number(process.env.BENCH_RUNS ?? 2);
const base: number[] = [];
const cold: number[] = [];
for (let i = 0; i < runs; i += 1) {
  base.push(await baseline());
  cold.push(await coldStart());
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
report('startup', [
  { name: 'bare PGlite open + migrate (baseline)', value: median(base) / 1000, unit: 's' },
  { name: 'cold npm start with demo seed', value: median(cold) / 1000, unit: 's', baseline: median(base) / 1000, goal: '< 15 s' },
]);
