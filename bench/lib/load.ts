// Concurrent load with autocannon: each request built from its index (fresh work per request),
// read back as the same Latencies as the raw baseline's (bench/lib/latency.ts measure()).
import autocannon, { type RequestParams } from 'autocannon';
import type { Latencies } from './latency.ts';

export async function autocannonRun(opts: {
  url: string;
  connections: number;
  amount: number;
  /** The i-th request (0-based, in the order autocannon sends them). */
  request: (i: number, connection: number) => RequestParams;
  label: string;
}): Promise<Latencies> {
  let next = 0;
  let nextConnection = 0;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    amount: opts.amount,
    timeout: 60,
    requests: [
      {
        setupRequest: (req, context) => {
          if (context.connection === undefined) context.connection = nextConnection++;
          return { ...req, ...opts.request(next++, context.connection as number) };
        },
      },
    ],
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${opts.label}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts ${JSON.stringify(result.statusCodeStats)}`);
  }
  // autocannon reports p97.5, not p95: it stands in the p95 slot (named so in the figures).
  return { n: result.requests.total, p50: result.latency.p50, p95: result.latency.p97_5, p99: result.latency.p99, mean: result.latency.mean, throughput: result.requests.total / result.duration };
}

/** The mean of blocks' figures (autocannon's histograms cannot be merged after the fact). */
export function meanOfBlocks(blocks: readonly Latencies[]): Latencies {
  const mean = (f: (l: Latencies) => number) => blocks.reduce((a, b) => a + f(b), 0) / blocks.length;
  return { n: blocks.reduce((a, b) => a + b.n, 0), p50: mean((l) => l.p50), p95: mean((l) => l.p95), p99: mean((l) => l.p99), mean: mean((l) => l.mean), throughput: mean((l) => l.throughput) };
}
