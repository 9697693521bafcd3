// `npm test`: lint → typecheck → throw-away PostgreSQL + migrated template → unit/module
// tests → browser tests. Usage:
//   node scripts/test.mjs                 everything
//   node scripts/test.mjs --only unit     only unit/module tests (no lint/typecheck, no e2e)
//   node scripts/test.mjs --only e2e      only browser tests
//   node scripts/test.mjs auth people     only test files whose path contains "auth" or "people"
//                                         (a filter skips lint and typecheck: quick iteration)
// TEST_DATABASE_URL=<superuser url> uses that server instead of starting one.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const TEMPLATE = 'tidlig_template';

// ── helpers ────────────────────────────────────────────────────────────────────────────
const times = [];
let cluster;
let child;
let current = 'startup';

function fail(stage, message) {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(`\nFAILED at stage: ${stage}\n`);
  finish(1);
}

function finish(code) {
  stopCluster();
  if (times.length) {
    process.stdout.write(`\nstage times: ${times.map(([s, ms]) => `${s} ${(ms / 1000).toFixed(1)}s`).join(' · ')}\n`);
  }
  process.exit(code);
}

function stopCluster() {
  try {
    cluster?.stop();
  } catch (err) {
    process.stderr.write(`could not stop the test PostgreSQL: ${err.message}\n`);
  }
  cluster = undefined;
}

/** Run a command; `quiet` keeps its output unless it fails (then it is printed). */
function run(cmd, args, { env, quiet = false } = {}) {
  return new Promise((resolve) => {
    child = spawn(cmd, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', (err) => {
      output += `${err.message}\n`;
    });
    child.on('close', (code, signal) => {
      child = undefined;
      if (code !== 0 && quiet) process.stderr.write(output);
      resolve(code === 0 && !signal);
    });
  });
}

async function stage(name, fn, note = '') {
  current = name;
  process.stdout.write(`\n━━ ${name}${note ? ` (${note})` : ''}\n`);
  const t0 = performance.now();
  let ok;
  try {
    ok = await fn();
  } catch (err) {
    process.stderr.write(`${err?.stack ?? err}\n`);
    ok = false;
  }
  const ms = performance.now() - t0;
  times.push([name, ms]);
  if (!ok) fail(name);
  process.stdout.write(`✓ ${name} (${(ms / 1000).toFixed(1)}s)\n`);
}

/** Node 20's test runner does not expand globs: collect *.test.ts ourselves. */
function testFiles(...dirs) {
  const found = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith('.test.ts')) found.push(p);
    }
  };
  dirs.forEach(walk);
  return found.sort().filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
}

/** Newest source file under dir: the build is stale if any is newer than web/dist/index.html. */
function newestMtime(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['dist', 'node_modules', '.vite'].includes(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (e.isFile()) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

// A child started from a terminal gets Ctrl-C itself; a SIGTERM sent to us alone must be
// passed on. Either way the cluster goes down before we exit.
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    child?.kill(sig);
    process.stderr.write(`\ninterrupted (${sig}) during stage: ${current}\n`);
    stopCluster();
    process.exit(sig === 'SIGINT' ? 130 : 143);
  });
}
process.on('exit', stopCluster);

// ── arguments ──────────────────────────────────────────────────────────────────────────
let only;
const filters = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--only') only = argv[++i];
  else if (a.startsWith('--only=')) only = a.slice('--only='.length);
  else if (a === '-h' || a === '--help') {
    process.stdout.write('usage: node scripts/test.mjs [--only unit|e2e] [path-substring …]\n');
    process.exit(0);
  } else if (a.startsWith('-')) fail('arguments', `unknown option ${a}`);
  else filters.push(a);
}
if (only !== undefined && only !== 'unit' && only !== 'e2e') fail('arguments', `--only takes unit or e2e, not ${only}`);

// ── stages ─────────────────────────────────────────────────────────────────────────────
const unitFiles = only === 'e2e' ? [] : testFiles('src', 'test');
const e2eFiles = only === 'unit' ? [] : testFiles('e2e');
if (unitFiles.length + e2eFiles.length === 0) {
  fail('collect', `no test files${filters.length ? ` match ${filters.join(', ')}` : ''}`);
}
const node = process.execPath;

if (!only && filters.length === 0) {
  await stage('lint', () => run(node, ['scripts/lint.mjs']));
  await stage('typecheck', async () => {
    // The project's own tsc, without npx's start-up and registry chatter.
    const tsc = (project) => run(node, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', project]);
    if (!(await tsc('tsconfig.json'))) return false;
    return !fs.existsSync('web/tsconfig.json') || tsc('web/tsconfig.json');
  });
}

let adminUrl = process.env.TEST_DATABASE_URL;
await stage('database', async () => {
  if (!adminUrl) {
    // The cluster module is TypeScript: let this process import .ts through tsx.
    const { register } = await import('tsx/esm/api');
    register();
    const { startPgCluster } = await import('../test/pg-cluster.ts');
    cluster = await startPgCluster();
    adminUrl = cluster.url;
  }
  return run(node, ['--import', 'tsx', 'scripts/prepare-test-db.ts'], {
    quiet: true,
    env: { TEST_DATABASE_URL: adminUrl, TIDLIG_TEST_TEMPLATE: TEMPLATE },
  });
});
const testEnv = { TEST_DATABASE_URL: adminUrl, TIDLIG_TEST_TEMPLATE: TEMPLATE };

if (unitFiles.length) {
  await stage('unit', () =>
    run(node, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...unitFiles], { env: testEnv }),
    `${unitFiles.length} files`,
  );
}

if (e2eFiles.length) {
  await stage('build web', async () => {
    const built = fs.existsSync('web/dist/index.html') ? fs.statSync('web/dist/index.html').mtimeMs : 0;
    if (built >= newestMtime('web')) {
      process.stdout.write('web/dist is up to date\n');
      return true;
    }
    return run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:web'], { quiet: true });
  });
  await stage('e2e', () =>
    run(node, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...e2eFiles], { env: testEnv }),
    `${e2eFiles.length} files`,
  );
}

finish(0);
