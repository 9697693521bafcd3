// Shared helpers for benchmarks: a free port and a uniform report (printed and saved).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The baseline measured in the same run; the ratio value/baseline is printed. */
  baseline?: number;
  goal?: string;
}

/** Print the figures and save them to bench/results/<file or bench>.json (with `meta`: the machine, the scale, notes). */
export function report(bench: string, figures: Figure[], opts: { file?: string; meta?: Record<string, unknown> } = {}): void {
  const lines = [`## ${bench} (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version})`];
  for (const f of figures) {
    const ratio = f.baseline ? `  ratio ${(f.value / f.baseline).toFixed(2)}× baseline` : '';
    lines.push(`${f.name.padEnd(48)} ${f.value.toFixed(2).padStart(9)} ${f.unit}${ratio}${f.goal ? `  (goal ${f.goal})` : ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const dir = path.join(process.cwd(), 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${opts.file ?? bench}.json`), `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, figures, ...opts.meta }, null, 2)}\n`);
}
