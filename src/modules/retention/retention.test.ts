import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { databaseFor, fixedClock, testApp } from '../../../test/harness.ts';
import { auditRowsFor, createTenant, login, type Client, type Tenant } from '../../../test/fixtures.ts';
import type { Database } from '../../db/connect.ts';
import { ChainVerifier } from '../../domain/audit-chain.ts';
import { runForMunicipality } from './service.ts';
import { addEdgeData, asOwner, rowCounts, type EdgeData } from './test-data.ts';

// Settings under test: screening 5, stafetlog 1, consent 2, child 3, audit 2 years. The clock
// moves through the edges; each run is checked for exactly what went and what stayed.
const SETTINGS = { screeningYears: 5, stafetlogYears: 1, consentYears: 2, childYears: 3, auditYears: 2 };
const ZERO = { screeningRatings: 0, stafetlogs: 0, consents: 0, childrenAnonymised: 0, custodyHoldersDeleted: 0, auditEvents: 0 };

for (const engine of ['postgres', 'pglite'] as const) {
  describe(`retention: deletion and anonymisation by the municipality's settings (${engine})`, () => {
    const clock = fixedClock(new Date('2020-01-15T10:00:00Z'));
    const at = (day: string) => clock.set(new Date(`${day}T01:30:00Z`)); // 02:30 in Copenhagen, as the job
    let harness: Awaited<ReturnType<typeof testApp>>;
    let db: Database;
    let dbUrl: string | undefined;
    let closeDb: () => Promise<void>;
    let t: Tenant;
    let u: Tenant;
    let e: EdgeData;
    let uBefore: Awaited<ReturnType<typeof rowCounts>>;
    const run = async () => (await runForMunicipality({ db, clock }, t.municipalityId)).counts;
    const dpo = async (): Promise<Client> => login(harness.app, t, 'dpo');
    const counts = () => rowCounts(db, t.municipalityId);

    before(async () => {
      ({ db, close: closeDb } = await databaseFor(engine));
      dbUrl = engine === 'postgres' ? (db.pool.options as { connectionString: string }).connectionString : undefined;
      harness = await testApp({ db, clock });
      t = await createTenant(db, { clock });
      u = await createTenant(db, { clock });
      e = await addEdgeData(db, t);
      await addEdgeData(db, u);
      // Audit rows from January 2020 in both municipalities (roles are held from 2020-01-01).
      for (const tenant of [t, u]) assert.equal((await (await login(harness.app, tenant, 'dpo')).get('/api/audit/events')).statusCode, 200);
      uBefore = await rowCounts(db, u.municipalityId);
    });
    after(async () => {
      await harness.close();
      await closeDb();
    });

    it('settings: defaults at version 1; PUT validates bounds, refuses unknown fields, needs If-Match; the change is audited', async () => {
      at('2024-06-01');
      const c = await dpo();
      const got = await c.get('/api/retention/settings');
      assert.equal(got.statusCode, 200, got.body);
      assert.equal(got.headers.etag, '"1"');
      assert.deepEqual(got.json().settings, { screeningYears: 5, stafetlogYears: 5, consentYears: 5, childYears: 5, auditYears: 5 });
      assert.deepEqual(got.json().bounds.auditYears, { min: 2, max: 20 });
      assert.deepEqual(got.json().runs, []);
      const put = (body: unknown, headers: Record<string, string> = {}) => harness.app.inject({ method: 'PUT', url: '/api/retention/settings', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, ...headers }, payload: body as object });
      const low = await put({ ...SETTINGS, auditYears: 1 }, { 'if-match': '"1"' });
      assert.deepEqual([low.statusCode, low.json().error.code], [400, 'request.invalid'], low.body);
      assert.equal((await put({ ...SETTINGS, childYears: 11 }, { 'if-match': '"1"' })).statusCode, 400);
      assert.equal((await put({ ...SETTINGS, childYears: 2.5 }, { 'if-match': '"1"' })).statusCode, 400);
      assert.equal((await put({ ...SETTINGS, extra: 1 }, { 'if-match': '"1"' })).statusCode, 400);
      const { auditYears: _dropped, ...partial } = SETTINGS;
      assert.equal((await put(partial, { 'if-match': '"1"' })).statusCode, 400);
      assert.equal((await put(SETTINGS)).statusCode, 428);
      assert.equal((await put(SETTINGS, { 'if-match': '"7"' })).statusCode, 412);
      const ok = await put(SETTINGS, { 'if-match': '"1"' });
      assert.equal(ok.statusCode, 200, ok.body);
      assert.equal(ok.headers.etag, '"2"');
      assert.deepEqual([ok.json().settings, ok.json().version], [SETTINGS, 2]);
      assert.equal((await put(SETTINGS, { 'if-match': '"1"' })).statusCode, 412);
      const audit = (await auditRowsFor(db, t.municipalityId, { action: 'update' })).filter((r) => r.resourceType === 'retention_settings');
      assert.equal(audit.length, 1);
      assert.deepEqual(audit[0]!.details, { before: { screeningYears: 5, stafetlogYears: 5, consentYears: 5, childYears: 5, auditYears: 5 }, after: SETTINGS });
      // Who may: the administrator and the DPO; not a pædagog.
      assert.equal((await (await login(harness.app, t, 'admin')).get('/api/retention/settings')).statusCode, 200);
      assert.equal((await (await login(harness.app, t, 'paedagogA')).get('/api/retention/settings')).statusCode, 403);
      assert.equal((await (await login(harness.app, t, 'paedagogA')).post('/api/retention/runs')).statusCode, 403);
    });

    it('the preview shows what a run would do and deletes nothing; the run does exactly that (ratings of the round closed 5 years and a day ago)', async () => {
      at('2024-06-15');
      const c = await dpo();
      const before = await counts();
      const preview = await c.get('/api/retention/preview');
      assert.equal(preview.statusCode, 200, preview.body);
      assert.equal(preview.json().asOf, '2024-06-15');
      const expected = preview.json().counts;
      assert.deepEqual({ ...expected, auditEvents: 0 }, { ...ZERO, screeningRatings: 4 });
      assert.ok(expected.auditEvents > 0, 'the audit rows from 2020 are due');
      assert.deepEqual(await counts(), before, 'a preview deletes nothing');
      // Unsaved settings: one year less for screening reaches the round that closed exactly 5 years ago.
      assert.equal((await c.get('/api/retention/preview?screeningYears=4')).json().counts.screeningRatings, 6);
      assert.equal((await c.get('/api/retention/preview?auditYears=1')).statusCode, 400);
      assert.equal((await c.get('/api/retention/preview?other=1')).statusCode, 400);

      const res = await c.post('/api/retention/runs');
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json().counts, expected);
      assert.equal(res.json().trigger, 'manual');
      assert.deepEqual((await c.get('/api/retention/settings')).json().runs.map((r: { id: string; trigger: string }) => [r.id, r.trigger]), [[res.json().id, 'manual']]);
      const after = await counts();
      assert.equal(after.screening_ratings, before.screening_ratings - 4);
      // Key figures survive: per round × institution × group × position, summing to what went.
      const stats = await asOwner(db, t.municipalityId, (trx) =>
        trx.selectFrom('screeningRoundStatistics').selectAll().where('municipalityId', '=', t.municipalityId).orderBy('kind').orderBy('current').execute(),
      );
      assert.equal(stats.reduce((n, s) => n + s.ratings, 0), 4);
      assert.ok(stats.every((s) => s.roundId === e.roundOld && s.groupId === t.groupA && s.institutionId === t.institutionId && s.runId === res.json().id));
      assert.deepEqual(
        stats.map((s) => `${s.kind} ${s.positionId === null ? 'ikke vurderet' : e.positions.indexOf(s.positionId)} ${s.current ? 'gældende' : 'rettet'} ${s.ratings}`).sort(),
        ['individual 0 rettet 1', 'individual 1 gældende 1', 'individual ikke vurderet gældende 1', 'joint 1 gældende 1'],
      );
      assert.deepEqual(await rowCounts(db, u.municipalityId), uBefore, 'the other municipality is untouched');
      clock.advance(60_000);
      assert.deepEqual(await run(), ZERO, 'a second run the same day deletes nothing');
    });

    it('the round that closed exactly 5 years ago goes the next day; a child who left exactly 3 years ago stays until the day after', async () => {
      at('2024-06-16');
      assert.deepEqual(await run(), { ...ZERO, screeningRatings: 2 });
      assert.equal((await counts()).screening_round_statistics, 6);
      const leaver = () => asOwner(db, t.municipalityId, (trx) => trx.selectFrom('children').selectAll().where('id', '=', e.leaver).executeTakeFirstOrThrow());
      assert.equal((await leaver()).cpr, e.leaverCpr);

      at('2024-06-17');
      const before = await counts();
      assert.deepEqual(await run(), { ...ZERO, childrenAnonymised: 1, custodyHoldersDeleted: 1 });
      const child = await leaver();
      assert.deepEqual([child.firstName, child.lastName, child.birthDate], ['Anonymiseret', 'Barn', '2016-01-01']);
      assert.match(child.cpr, /^\d{2}00\d{6}$/);
      const after = await counts();
      assert.equal(after.children, before.children, 'anonymised, not deleted');
      assert.equal(after.child_custody, before.child_custody - 2, "both of the child's custody links end");
      assert.equal(after.custody_holders, before.custody_holders - 1, 'the holder with no child left goes; the one with another child stays');
      const kept = await asOwner(db, t.municipalityId, (trx) => trx.selectFrom('screeningRatings').select(['childId', 'note', 'roundId']).where('childId', '=', e.leaver).execute());
      assert.deepEqual(kept, [{ childId: e.leaver, note: null, roundId: e.roundKept }], 'the kept rating stays with the anonymous child, without its note');
      const holders = await asOwner(db, t.municipalityId, (trx) => trx.selectFrom('custodyHolders').select('id').where('municipalityId', '=', t.municipalityId).execute());
      assert.deepEqual(new Set(holders.map((h) => h.id)), new Set([e.holderShared, e.holderOfInB]));
      clock.advance(60_000);
      assert.deepEqual(await run(), ZERO);
    });

    it("an expired consent goes 2 years and a day after its last day, with its signature and disclosure; one a kept stafetlog rests on stays", async () => {
      at('2024-06-30');
      assert.deepEqual(await run(), ZERO);
      at('2024-07-01');
      const before = await counts();
      assert.deepEqual(await run(), { ...ZERO, consents: 1 });
      const after = await counts();
      assert.deepEqual([after.consent_signatures, after.disclosures], [before.consent_signatures - 1, before.disclosures - 1]);
      const left = await asOwner(db, t.municipalityId, (trx) => trx.selectFrom('consents').select('id').where('municipalityId', '=', t.municipalityId).execute());
      assert.deepEqual(left.map((k) => k.id), [e.consentUsedByLog], 'withdrawn in 2022 but still relied on by the logs');
    });

    it('a stafetlog closed on 29 February goes on 1 March a year later (Copenhagen days), with everything in it; then the consent it rested on', async () => {
      at('2025-02-28');
      assert.deepEqual(await run(), ZERO);
      at('2025-03-01');
      assert.deepEqual(await run(), { ...ZERO, stafetlogs: 1 });
      // Closed 23:30 UTC on 29 Feb is 1 March in Copenhagen: one day later.
      at('2025-03-02');
      assert.deepEqual(await run(), { ...ZERO, stafetlogs: 1, consents: 1 });
      const c = await counts();
      for (const table of ['stafetlogs', 'stafetlog_entries', 'stafetlog_documents', 'stafetlog_participants', 'stafetlog_relays', 'stafetlog_goals', 'stafetlog_actions', 'stafetlog_evaluations', 'stafetlog_concern_levels', 'consents', 'disclosures'] as const) {
        assert.equal(c[table], 0, table);
      }
      assert.equal(c.child_relations, 1, "only the case worker's relation is left");
      const transfer = await asOwner(db, t.municipalityId, (trx) => trx.selectFrom('childTransfers').select('logId').where('id', '=', e.transfer).executeTakeFirstOrThrow());
      assert.equal(transfer.logId, null, 'the record of the move stays, without the log');
      assert.deepEqual(await rowCounts(db, u.municipalityId), uBefore, 'the other municipality is untouched');
    });

    it("each run writes one audit row per kind with counts, never a name or CPR; the latest runs are listed newest first", async () => {
      const rows = (await auditRowsFor(db, t.municipalityId)).filter((r) => (r.details as { retentionRunId?: string } | null)?.retentionRunId);
      const byRun = new Map<string, typeof rows>();
      for (const r of rows) {
        const key = (r.details as { retentionRunId: string }).retentionRunId;
        byRun.set(key, [...(byRun.get(key) ?? []), r]);
      }
      assert.equal(byRun.size, 10);
      for (const group of byRun.values()) {
        assert.deepEqual(group.map((r) => r.resourceType).sort(), ['audit_log', 'child', 'consent', 'custody_holder', 'screening_rating', 'stafetlog']);
      }
      const anonymised = rows.find((r) => r.resourceType === 'child' && (r.details as { count: number }).count === 1);
      assert.ok(anonymised);
      assert.deepEqual([anonymised.actorKind, anonymised.childId, anonymised.action], ['system', null, 'update']);
      const text = JSON.stringify(rows);
      for (const secret of ['Liva', 'Flyttesen', e.leaverCpr, 'Forælder', e.leaver]) assert.ok(!text.includes(secret), secret);

      at('2025-03-02');
      const list = (await (await dpo()).get('/api/retention/settings')).json().runs as { startedAt: string; counts: Record<string, number> }[];
      assert.equal(list.length, 10, 'the latest 10');
      assert.deepEqual(list.map((r) => r.startedAt), [...list.map((r) => r.startedAt)].sort().reverse());
      assert.equal(list.at(-1)!.counts.screeningRatings, 4);
    });

    it('the audit chain verifies from its anchor after the cut (route and CLI), and a changed row after the anchor is found', async () => {
      const anchor = await asOwner(db, t.municipalityId, (trx) => trx.selectFrom('auditAnchors').selectAll().where('municipalityId', '=', t.municipalityId).executeTakeFirstOrThrow());
      const rows = await auditRowsFor(db, t.municipalityId);
      assert.equal(rows[0]!.seq, anchor.seq + 1);
      assert.ok(rows.every((r) => r.at >= new Date('2022-06-14T22:00:00Z')), 'no row older than the cutoff is left');
      const fromGenesis = new ChainVerifier();
      for (const r of rows) if (!fromGenesis.push({ ...r, details: (r.details as Record<string, unknown>) ?? null })) break;
      assert.equal(fromGenesis.result().ok, false, 'without the anchor the cut chain does not verify');
      const cutRow = rows.find((r) => r.resourceType === 'audit_log' && (r.details as { count: number }).count > 0);
      assert.deepEqual([(cutRow?.details as { anchorSeq?: number })?.anchorSeq, (cutRow?.details as { anchorHash?: string })?.anchorHash], [anchor.seq, anchor.hash], 'the anchor is itself in the chain');
      const c = await dpo();
      const ok = (await c.post('/api/audit/verify')).json();
      assert.deepEqual([ok.ok, ok.checked >= rows.length], [true, true], JSON.stringify(ok));
      const cli = () => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/audit-verify.ts', t.code], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: dbUrl } });
      if (dbUrl) assert.equal(cli().status, 0);
      // The other municipality's chain was never cut.
      assert.equal((await auditRowsFor(db, u.municipalityId))[0]!.seq, 1);

      const target = rows[2]!.seq;
      await asOwner(db, t.municipalityId, (trx) => sql`UPDATE audit_events SET purpose = 'ændret' WHERE municipality_id = ${t.municipalityId} AND seq = ${target}`.execute(trx));
      const broken = (await c.post('/api/audit/verify')).json();
      assert.deepEqual([broken.ok, broken.brokenAtSeq], [false, target]);
      if (dbUrl) {
        const bad = cli();
        assert.equal(bad.status, 1);
        assert.match(bad.stdout, new RegExp(`BRUDT ved række ${target}\\b`));
      }
    });

    it('the database refuses to cut audit rows younger than 2 years, whatever the application asks', async () => {
      await assert.rejects(
        db.kysely.transaction().execute(async (trx) => {
          await sql`SELECT set_config('app.municipality_id', ${t.municipalityId}, true)`.execute(trx);
          await sql`SET LOCAL ROLE tidlig_retention`.execute(trx);
          await sql`SELECT tidlig_retention_cut_audit(current_date)`.execute(trx);
        }),
        /less than 2 years/,
      );
      await assert.rejects(
        db.kysely.transaction().execute(async (trx) => {
          await sql`SELECT set_config('app.municipality_id', ${t.municipalityId}, true)`.execute(trx);
          await sql`SET LOCAL ROLE tidlig_app`.execute(trx);
          await sql`DELETE FROM audit_events WHERE municipality_id = ${t.municipalityId}`.execute(trx);
        }),
        /permission denied/,
      );
    });
  });
}
