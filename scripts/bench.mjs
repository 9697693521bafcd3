// `npm run bench [name…]`: run each bench/<name>.ts in its own process, in order (startup,
// screening, …). Shared helpers live in bench/util.ts and bench/lib/, which are not benchmarks.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const wanted = process.argv.slice(2);
const all = fs.readdirSync('bench').filter((f) => f.endsWith('.ts') && f !== 'util.ts').map((f) => f.replace(/\.ts$/, ''));
const chosen = wanted.length ? all.filter((b) => wanted.includes(b)) : all;
let failed = 0;
for (const b of chosen) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${b}.ts`], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed += 1;
    process.stderr.write(`benchmark ${b} failed\n`);
  }
}
process.exit(failed ? 1 : 0);
