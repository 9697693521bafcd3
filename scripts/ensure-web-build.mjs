#!/usr/bin/env node
// `npm start` runs this first: build the web app only when web/dist/index.html is missing
// or older than any source file in web/ (dist and node_modules excluded). Prints one line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const index = path.join(web, 'dist', 'index.html');
const SKIP = new Set(['dist', 'node_modules', '.vite']);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
const reason = built === 0 ? 'web/dist mangler' : newestMtime(web) > built ? 'web/ er ændret siden sidste build' : null;
if (!reason) {
  console.log('Web-appen er bygget og opdateret (web/dist).');
  process.exit(0);
}
const started = Date.now();
const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join('web', 'vite.config.ts'), '--logLevel', 'error'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (result.status !== 0) {
  console.error(`Bygning af web-appen fejlede (${reason}). Kør "npm run build:web" for detaljer.`);
  process.exit(result.status ?? 1);
}
console.log(`Web-appen er bygget (${reason}) på ${((Date.now() - started) / 1000).toFixed(1)} s.`);
