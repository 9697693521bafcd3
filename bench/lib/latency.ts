// Latency samples: run an operation n times at a given concurrency, and read percentiles.

export interface Latencies {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  /** Operations per second over the whole run. */
  throughput: number;
}

/** Nearest-rank percentile of sorted milliseconds. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarise(samples: readonly number[], wallMs: number): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    throughput: (sorted.length / wallMs) * 1000,
  };
}

export interface Run {
  samples: number[];
  wallMs: number;
}

/**
 * Run op(i) for i in [from, from + n) with `concurrency` workers; each call's time is a sample.
 * Calls for the `warmup` indices before `from` run first, one at a time, and are not counted.
 */
export async function measure(from: number, n: number, concurrency: number, op: (i: number) => Promise<void>, warmup = 0): Promise<Run> {
  for (let i = from - warmup; i < from; i += 1) await op(i);
  const samples: number[] = [];
  let next = from;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < from + n) {
        const i = next++;
        const t0 = performance.now();
        await op(i);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return { samples, wallMs: performance.now() - started };
}

/**
 * The subject and its baseline measured in alternating blocks, so that a noisy neighbour on a
 * shared machine hurts both alike. Each op gets indices no other call used (fresh work).
 */
export async function alternate(
  blocks: number,
  perBlock: number,
  concurrency: number,
  subject: (i: number) => Promise<void>,
  baseline: (i: number) => Promise<void>,
  warmup = 5,
): Promise<{ subject: Latencies; baseline: Latencies }> {
  const s: Run[] = [];
  const b: Run[] = [];
  let i = warmup;
  for (let k = 0; k < blocks; k += 1) {
    s.push(await measure(i, perBlock, concurrency, subject, k === 0 ? warmup : 0));
    b.push(await measure(i, perBlock, concurrency, baseline, k === 0 ? warmup : 0));
    i += perBlock;
  }
  const merge = (runs: Run[]) => summarise(runs.flatMap((r) => r.samples), runs.reduce((a, r) => a + r.wallMs, 0));
  return { subject: merge(s), baseline: merge(b) };
}
