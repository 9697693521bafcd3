// A PostgreSQL database seeded with the synthetic scale data (src/cli/seed-scale.ts) for a
// benchmark: on BENCH_DATABASE_URL (a superuser URL of a server you run, e.g. a durable one)
// or on a throw-away cluster like the tests' (test/pg-cluster.ts: fsync off — cheap commits,
// so compare ratios, not absolute milliseconds, with a production server).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPgCluster } from '../../test/pg-cluster.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { migrate } from '../../src/db/migrate.ts';
import { dayInCopenhagen } from '../../src/domain/calendar.ts';
import { seedScale, type SeedScaleResult } from '../../src/cli/seed-scale.ts';

export interface ScaleDatabase {
  url: string;
  server: string;
  seed: SeedScaleResult;
  stop(): Promise<void>;
}

export async function scaleDatabase(opts: { children: number; municipalities: number; password: string }): Promise<ScaleDatabase> {
  const cluster = process.env.BENCH_DATABASE_URL ? null : await startPgCluster();
  const adminUrl = process.env.BENCH_DATABASE_URL ?? cluster!.url;
  const name = `tidlig_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const server = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 2 });
  let seed: SeedScaleResult;
  try {
    await migrate(db.pool);
    seed = await seedScale(db.pool, {
      children: opts.children,
      municipalities: opts.municipalities,
      years: 3,
      parallel: 2,
      seed: 1,
      today: dayInCopenhagen(new Date()),
      password: opts.password,
      log: (line) => process.stderr.write(`  ${line}\n`),
    });
  } finally {
    await db.close();
  }
  return {
    url: url.toString(),
    server,
    seed,
    async stop() {
      if (cluster) return cluster.stop();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
