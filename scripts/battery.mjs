// `npm run battery`: the heavy forms of the reliability and security battery (issue 6), not run
// in CI. Two stages, then a summary of the counts every test printed:
//   1. the battery's test files (test/reliability, test/security) with TIDLIG_BATTERY=1, through
//      scripts/test.mjs — e.g. the route fuzzer runs 5,000 cases instead of a few hundred;
//   2. every heavy-only file, test/**/*.battery.ts, one at a time, with a throw-away PostgreSQL
//      and the migrated template at hand: kill -9 of PostgreSQL under write load
//      (reliability/heavy/durability), sqlmap against the running server (security/heavy/sqlmap,
//      needs the Debian package `sqlmap`), and a soak of mixed load (reliability/heavy/soak,
//      TIDLIG_SOAK_MINUTES, 10 here unless set; `npm run soak` runs it alone, 30 by default).
// Usage: node scripts/battery.mjs [--heavy-only] [path-substring …]   (only files whose path
// contains one; --heavy-only skips stage 1)
// TIDLIG_FUZZ_CASES / TIDLIG_FUZZ_SEED set the fuzzer's size and seed; TIDLIG_SQLMAP_TARGETS
// the number of sqlmap targets.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const heavyOnly = args.includes('--heavy-only');
const filters = args.filter((a) => a !== '--heavy-only');
// The soak is 30 minutes on its own (`npm run soak`); inside the whole battery 10 unless set.
const env = { ...process.env, TIDLIG_BATTERY: '1', TIDLIG_SOAK_MINUTES: process.env.TIDLIG_SOAK_MINUTES ?? (heavyOnly ? '30' : '10') };
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

/** Test files (*.test.ts) under the battery's folders that the filters select. */
function testFiles() {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts')) out.push(p);
    }
  };
  for (const d of ['test/reliability', 'test/security']) if (fs.existsSync(d)) walk(d);
  return out.filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
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
if (heavyOnly || testFiles().length === 0) process.stdout.write(`\n━━ battery 1/2: skipped (${heavyOnly ? '--heavy-only' : 'no test file matches'})\n`);
else {
  process.stdout.write(`\n━━ battery 1/2: ${stageOneFilters.join(', ')} with TIDLIG_BATTERY=1\n`);
  if (!(await run(process.execPath, ['scripts/test.mjs', '--only', 'unit', ...stageOneFilters]))) failed.push('heavy forms of the test files');
}

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
