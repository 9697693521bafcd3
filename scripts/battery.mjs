// `npm run battery`: the heavy forms of the reliability and security battery (issue 6), not run
// in CI. Two stages, then a summary of the counts every test printed:
//   1. the battery's test files (test/reliability, test/security) with TIDLIG_BATTERY=1, through
//      scripts/test.mjs — e.g. the route fuzzer runs 5,000 cases instead of a few hundred;
//   2. every heavy-only file, test/**/*.battery.ts (e.g. kill -9 of PostgreSQL under write
//      load), one at a time, with a throw-away PostgreSQL and the migrated template at hand.
// Usage: node scripts/battery.mjs [path-substring …]   (only files whose path contains one)
// TIDLIG_FUZZ_CASES / TIDLIG_FUZZ_SEED set the fuzzer's size and seed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const filters = process.argv.slice(2);
const env = { ...process.env, TIDLIG_BATTERY: '1' };
const counts = [];
let cluster;

const IGNORED = /^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) /;

/** Run a command, passing its output through and keeping the tests' diagnostics (ℹ lines). */
function run(cmd, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, ...extraEnv } });
    let rest = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      const lines = (rest + d).split('\n');
      rest = lines.pop();
      for (const l of lines) if (l.trim().startsWith('ℹ ') && !IGNORED.test(l.trim())) counts.push(l.trim().slice(2));
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code) => resolve(code === 0));
  });
}

function batteryFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.battery.ts')) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort().filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
}

const stopCluster = () => {
  try {
    cluster?.stop();
  } catch (err) {
    process.stderr.write(`could not stop the battery's PostgreSQL: ${err.message}\n`);
  }
  cluster = undefined;
};
process.on('exit', stopCluster);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const started = performance.now();
const failed = [];

// ── 1. the battery's test files, heavy form ────────────────────────────────────────────────
const dirs = ['test/reliability/', 'test/security/'].filter((d) => fs.existsSync(d));
const stageOneFilters = filters.length ? filters : dirs;
process.stdout.write(`\n━━ battery 1/2: ${stageOneFilters.join(', ')} with TIDLIG_BATTERY=1\n`);
if (!(await run(process.execPath, ['scripts/test.mjs', '--only', 'unit', ...stageOneFilters]))) failed.push('heavy forms of the test files');

// ── 2. heavy-only files ────────────────────────────────────────────────────────────────────
const heavy = batteryFiles('test');
process.stdout.write(`\n━━ battery 2/2: ${heavy.length} heavy-only file${heavy.length === 1 ? '' : 's'}\n`);
if (heavy.length) {
  const { register } = await import('tsx/esm/api');
  register();
  const { startPgCluster } = await import('../test/pg-cluster.ts');
  cluster = await startPgCluster();
  const dbEnv = { TEST_DATABASE_URL: cluster.url, TIDLIG_TEST_TEMPLATE: 'tidlig_template' };
  if (!(await run(process.execPath, ['--import', 'tsx', 'scripts/prepare-test-db.ts'], dbEnv))) failed.push('template database');
  else {
    for (const file of heavy) {
      if (!(await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', file], dbEnv))) failed.push(file);
    }
  }
  stopCluster();
}

// ── summary ───────────────────────────────────────────────────────────────────────────────
process.stdout.write(`\n━━ battery summary (${((performance.now() - started) / 60_000).toFixed(1)} min)\n`);
for (const c of counts) process.stdout.write(`  ${c}\n`);
if (failed.length) {
  process.stdout.write(`\nFAILED: ${failed.join('; ')}\n`);
  process.exit(1);
}
process.stdout.write('\nbattery: all passed\n');
