// The job queue (pg-boss 10) on the product's own database connection: on PostgreSQL it shares
// the pool, on the embedded PGlite the one serialised connection (pg-boss's own schema `pgboss`
// holds the queue). Jobs are listed in JOBS with a cron time in Copenhagen; each also runs once
// at start so a reminder missed while the server was down still goes out.
import PgBoss from 'pg-boss';
import type { DataContext } from '../access/scope.ts';
import { runScreeningReminders, SCREENING_REMINDERS } from './screening-reminders.ts';
import { CONSENT_EXPIRY, runConsentExpiry } from './consent-expiry.ts';
import { runStafetlogReminders, STAFETLOG_REMINDERS } from './stafetlog-reminders.ts';
import { RETENTION, runRetentionJob } from './retention.ts';

export interface JobDefinition {
  name: string;
  /** Cron in Europe/Copenhagen. */
  cron: string;
  run(ctx: DataContext): Promise<unknown>;
}

export const JOBS: readonly JobDefinition[] = [
  { name: SCREENING_REMINDERS, cron: '0 7 * * *', run: runScreeningReminders },
  { name: CONSENT_EXPIRY, cron: '15 6 * * *', run: runConsentExpiry },
  { name: STAFETLOG_REMINDERS, cron: '15 7 * * *', run: runStafetlogReminders },
  { name: RETENTION, cron: '30 2 * * *', run: (ctx) => runRetentionJob(ctx) },
];

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobs(ctx: DataContext, opts: { onError?: (err: Error) => void; runAtStart?: boolean } = {}): Promise<Jobs> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => ctx.db.pool.query(text, values) },
    // Polling is cheap but not free on a shared connection; reminders are daily.
    maintenanceIntervalSeconds: 300,
    cronMonitorIntervalSeconds: 30,
  });
  boss.on('error', (err) => opts.onError?.(err));
  await boss.start();
  for (const job of JOBS) {
    await boss.createQueue(job.name);
    await boss.schedule(job.name, job.cron, {}, { tz: 'Europe/Copenhagen' });
    await boss.work(job.name, { pollingIntervalSeconds: 5 }, async () => {
      await job.run(ctx);
    });
    if (opts.runAtStart !== false) await boss.send(job.name, {});
  }
  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
