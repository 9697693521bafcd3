import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock, testDatabase } from '../../test/harness.ts';
import { createTenant, type Tenant } from '../../test/fixtures.ts';
import { addEdgeData, rowCounts } from '../modules/retention/test-data.ts';
import { JOBS } from './boss.ts';
import { RETENTION, runRetentionJob } from './retention.ts';

// The nightly job runs every municipality in its own transaction with its own settings (the
// defaults here: 5 years). Edge data: src/modules/retention/test-data.ts.
describe('retention job', () => {
  const clock = fixedClock(new Date('2024-06-15T00:30:00Z')); // 02:30 in Copenhagen
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let t: Tenant;
  let u: Tenant;
  const ctx = () => ({ db: env.db, clock });

  before(async () => {
    env = await testDatabase();
    t = await createTenant(env.db, { clock });
    u = await createTenant(env.db, { clock });
    await addEdgeData(env.db, t);
    await addEdgeData(env.db, u);
  });
  after(async () => {
    await env?.close();
  });

  it('is scheduled at 02:30 every night', () => {
    assert.equal(JOBS.find((j) => j.name === RETENTION)?.cron, '30 2 * * *');
  });

  it('one municipality failing does not hold back the others, and its own run leaves nothing half done', async () => {
    const before = await rowCounts(env.db, t.municipalityId);
    // Make t's run row impossible to write: t's whole run must roll back.
    await env.db.pool.query(`ALTER TABLE retention_runs ADD CONSTRAINT fail_one CHECK (municipality_id <> '${t.municipalityId}') NOT VALID`);
    try {
      const failed: string[] = [];
      const r = await runRetentionJob(ctx(), { onError: (m) => failed.push(m) });
      assert.deepEqual([r.municipalities, r.failed, failed], [2, 1, [t.municipalityId]]);
      assert.equal(r.totals.screeningRatings, 4, "the other municipality's round closed 5 years and a day ago");
      assert.deepEqual(await rowCounts(env.db, t.municipalityId), before);
      await assert.rejects(runRetentionJob(ctx()), /retention failed for 1 of 2 municipalities/);
    } finally {
      await env.db.pool.query('ALTER TABLE retention_runs DROP CONSTRAINT fail_one');
    }
  });

  it('runs every municipality, and a second run the same night deletes nothing', async () => {
    const first = await runRetentionJob(ctx());
    assert.deepEqual([first.municipalities, first.failed, first.totals.screeningRatings], [2, 0, 4]);
    clock.advance(60_000);
    const second = await runRetentionJob(ctx());
    assert.deepEqual(second.totals, { screeningRatings: 0, stafetlogs: 0, consents: 0, childrenAnonymised: 0, custodyHoldersDeleted: 0, auditEvents: 0 });
    // As the superuser owner (row-level security does not apply): both municipalities' runs.
    const runs = await env.db.kysely.selectFrom('retentionRuns').select(['municipalityId', 'trigger', 'screeningRatings']).execute();
    assert.deepEqual(
      runs.map((r) => `${r.municipalityId === t.municipalityId ? 't' : 'u'} ${r.trigger} ${r.screeningRatings}`).sort(),
      // u also ran twice while t failed
      ['t job 0', 't job 4', 'u job 0', 'u job 0', 'u job 0', 'u job 4'],
    );
  });
});
