#!/usr/bin/env node
// `npm run dev`: the API server with reload (tsx watch src/cli/start.ts, port 3000) and the
// Vite dev server (port 5173, proxying /api to 3000). Ctrl+C stops both.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => path.join(root, 'node_modules', pkg, file);

const children = [];
function run(name, args, env = {}) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const prefix = (line) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) (stream === child.stderr ? process.stderr : process.stdout).write(`${prefix(line)}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(prefix(`stoppede (${signal ?? code}); stopper resten`));
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// The API server: plain-HTTP on localhost, so secure cookies are still kept by browsers.
run('api', [bin('tsx', 'dist/cli.mjs'), 'watch', '--clear-screen=false', 'src/cli/start.ts'], { PORT: process.env.PORT ?? '3000' });
run('web', [bin('vite', 'bin/vite.js'), '--config', 'web/vite.config.ts']);
console.log('Udvikling: åbn http://localhost:5173 (API på http://localhost:3000).');
