// The reliability battery's shared world: two municipalities with data in every module (a
// stafetlog with goals, actions, an evaluation, an entry, a document and a pending relay; an
// open screening round with ratings; guide entries and a handleguide; paper consents; a
// notice; an import run), logged-in clients for several roles and a citizen, and a
// fingerprint of every table so a refused request can be shown to have changed nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DataContext } from '../../src/access/scope.ts';
import type { Database } from '../../src/db/connect.ts';
import { waitForImport } from '../../src/modules/imports/service.ts';
import { addFamilies, paperConsent } from '../../src/modules/stafetlog/test-helpers.ts';
import type { App } from '../../src/http/types.ts';
import { clientFor, cookieFrom, createTenant, login, type Client, type Tenant } from '../fixtures.ts';
import { fixedClock, testApp, type FixedClock } from '../harness.ts';

/** Who sends a request: staff roles of the main municipality, another municipality's admin, a parent, nobody. */
export const ACTORS = ['anonymous', 'paedagogA', 'paedagogB', 'leder', 'admin', 'dpo', 'raadgiver', 'facilitator', 'otherAdmin', 'citizen'] as const;
export type ActorName = (typeof ACTORS)[number];

export interface World {
  app: App;
  db: Database;
  clock: FixedClock;
  ctx: DataContext;
  t: Tenant;
  other: Tenant;
  family: { mor: string; far: string; anden: string };
  clients: Record<Exclude<ActorName, 'anonymous'>, Client>;
  ids: {
    scaleId: string;
    scaleVersion: number;
    positionIds: string[];
    roundId: string;
    entryId: string;
    entrySlug: string;
    handleguideId: string;
    consentA: string;
    consentB: string;
    logA: string;
    logB: string;
    participantB: string;
    goalId: string;
    actionId: string;
    evaluationId: string;
    documentId: string;
    relayId: string;
    noticeId: string;
    importId: string;
    /** Units of their own for changes (the fixture's units stay as the fuzzer's users need them). */
    spare: { districtId: string; institutionId: string; groupId: string; teamId: string };
    laererMembership: string;
  };
  /** Errors the app met (message and top of the stack), newest last. */
  serverErrors: string[];
  /** A fresh session for a role (the fuzzer spends these on log-out and log-in routes). */
  relogin(who: Exclude<ActorName, 'anonymous'>): Promise<Client>;
  close(): Promise<void>;
}

const ok = (res: { statusCode: number; body: string }, status: number, what: string) => assert.equal(res.statusCode, status, `${what}: ${res.body}`);

export async function citizenLogin(app: App, municipalityId: string, custodyHolderId: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/public/portal/demo-login', payload: { municipalityId, custodyHolderId } });
  ok(res, 200, 'citizen demo log-in');
  return clientFor(app, cookieFrom(res), res.json().csrfToken);
}

/** Build the world on a fresh PostgreSQL database (demo mode on, so a parent can log in without MitID). */
export async function buildWorld(): Promise<World> {
  // Tuesday 10 March 2026, 11:00 in Copenhagen: the open round and the consents are current.
  const clock = fixedClock(new Date('2026-03-10T10:00:00Z'));
  const harness = await testApp({ clock, config: { demo: true, rateLimit: { perMinute: 1_000_000, loginPerMinute: 1_000_000 } } });
  const { app, db } = harness;
  const ctx: DataContext = { db, clock };
  // The app logs nothing in tests: keep what a 5xx was about, for the failure message.
  const serverErrors: string[] = [];
  app.addHook('onError', async (request, _reply, err) => {
    serverErrors.push(`${request.method} ${request.url.split('?')[0]}: ${err.message} ${err.stack?.split('\n').slice(1, 4).join(' ') ?? ''}`);
  });
  try {
    const t = await createTenant(db, { clock });
    const other = await createTenant(db, { clock });
    const family = await addFamilies(ctx, t);
    const staff = ['paedagogA', 'paedagogB', 'leder', 'admin', 'dpo', 'raadgiver', 'facilitator'] as const;
    const c = {} as World['clients'];
    for (const u of staff) c[u] = await login(app, t, u);
    c.otherAdmin = await login(app, other, 'admin');
    c.citizen = await citizenLogin(app, t.municipalityId, family.mor);

    // Screening: Børnelinealen, a round open today for daycares and schools, group A rated.
    const scale = await c.admin.post('/api/screening/scales', { template: 'boernelinealen' });
    ok(scale, 201, 'scale');
    const scales = (await c.admin.get('/api/screening/scales')).json().items as { id: string; version: number; versions: { positions: { id: string }[] }[] }[];
    const positionIds = scales[0]!.versions[0]!.positions.map((p) => p.id);
    const round = await c.admin.post('/api/screening/rounds', { name: 'Forår 2026', institutionTypes: ['boernehave', 'skole'], opensOn: '2026-03-02', closesOn: '2026-03-20', scaleId: scale.json().id });
    ok(round, 201, 'round');
    const rated = await c.paedagogA.post(`/api/screening/rounds/${round.json().id}/groups/${t.groupA}/ratings`, { ratings: [{ childId: t.children.inA, positionId: positionIds[1] }] });
    ok(rated, 201, 'ratings');

    // Guide: an entry and a handleguide for the scale's concern position.
    const entry = await c.admin.post('/api/guide/entries', { kind: 'retningslinje', title: 'Underretning', summary: 'Sådan underretter du', isPublic: true });
    ok(entry, 201, 'guide entry');
    const entryRead = (await c.admin.get(`/api/guide/entries/${entry.json().id}`)).json();
    const hg = await c.admin.post('/api/guide/handleguides', { scaleId: scale.json().id, ordinal: 3, title: 'Ved bekymring', steps: ['Tal med forældrene'] });
    ok(hg, 201, 'handleguide');

    // Consents: both parents of child A (pædagog B and the school may join); "anden" for child B (pædagog A may receive a relay).
    const consentA = await paperConsent(c.paedagogA, t.children.inA, [family.mor, family.far], {
      recipients: [
        { kind: 'user', id: t.users.paedagogB },
        { kind: 'institution', id: t.schoolId },
      ],
    });
    const consentB = await paperConsent(c.paedagogB, t.children.inB, [family.anden], { purpose: 'overgang', recipients: [{ kind: 'user', id: t.users.paedagogA }] });

    // Stafetlog A: holder pædagog A, participant pædagog B, a goal, an action, an evaluation, an entry, a document.
    const logA = await c.paedagogA.post(`/api/children/${t.children.inA}/stafetlogs`, { concern: 'Trækker sig fra legen.', level: 2 });
    ok(logA, 201, 'stafetlog A');
    const a = logA.json().id as string;
    const joined = await c.paedagogA.post(`/api/stafetlogs/${a}/participants`, { userId: t.users.paedagogB }, { 'if-match': '"1"' });
    ok(joined, 201, 'participant');
    const participantB = (joined.json().participants as { id: string; userId: string }[]).find((p) => p.userId === t.users.paedagogB)!.id;
    const goal = await c.paedagogA.post(`/api/stafetlogs/${a}/goals`, { text: 'Leger med to andre børn' });
    ok(goal, 201, 'goal');
    const goalId = goal.json().goals[0].id as string;
    const action = await c.paedagogA.post(`/api/stafetlogs/${a}/actions`, { text: 'Samtale med forældrene', owner: { kind: 'user', userId: t.users.paedagogA }, dueDate: '2026-03-20', goalId });
    ok(action, 201, 'action');
    const evaluation = await c.paedagogA.post(`/api/stafetlogs/${a}/evaluations`, { dueDate: '2026-04-15' });
    ok(evaluation, 201, 'evaluation');
    ok(await c.paedagogB.post(`/api/stafetlogs/${a}/entries`, { kind: 'note', body: 'Legede i dag.' }), 201, 'entry');
    const doc = await c.paedagogA.post(`/api/stafetlogs/${a}/documents`, { fileName: 'referat.txt', mediaType: 'text/plain', contentBase64: Buffer.from('Referat af mødet').toString('base64') });
    ok(doc, 201, 'document');

    // Stafetlog B with a relay waiting for pædagog A.
    const logB = await c.paedagogB.post(`/api/children/${t.children.inB}/stafetlogs`, { concern: 'Sproget halter.', level: 1 });
    ok(logB, 201, 'stafetlog B');
    const relay = await c.paedagogB.post(`/api/stafetlogs/${logB.json().id}/relays`, { toUserId: t.users.paedagogA, message: 'Skifter stue.' }, { 'if-match': `"${logB.json().version}"` });
    ok(relay, 201, 'relay');

    // A notice for pædagog A, and a dry-run import by the administrator.
    const noticeId = randomUUID();
    await db.kysely.insertInto('notices').values({ municipalityId: t.municipalityId, id: noticeId, userId: t.users.paedagogA, kind: 'screening.round_closing', params: JSON.stringify({ days: 7 }), link: '/trivsel', dedupeKey: 'world' }).execute();
    const imp = await c.admin.post('/api/imports', { kind: 'institutions', csv: 'navn;type;distrikt\nEngen;boernehave;Nord\n', dryRun: true });
    ok(imp, 202, 'import');
    await waitForImport(imp.json().id);

    // Spare units of the main municipality, for changes nobody's access depends on.
    const created = async (url: string, body: unknown) => {
      const res = await c.admin.post(url, body);
      ok(res, 201, url);
      return res.json().id as string;
    };
    const spareDistrict = await created('/api/org/districts', { name: 'Reservedistrikt' });
    const spareInstitution = await created('/api/org/institutions', { name: 'Reservehuset', type: 'boernehave', districtId: spareDistrict });
    const spare = {
      districtId: spareDistrict,
      institutionId: spareInstitution,
      groupId: await created('/api/org/groups', { institutionId: spareInstitution, name: 'Reservestuen' }),
      teamId: await created('/api/org/teams', { name: 'Reserveteam', kind: 'tvaerfagligt_team', districtId: spareDistrict }),
    };
    const laerer = (await c.admin.get(`/api/staff/${t.users.laerer}`)).json();

    const logAView = (await c.paedagogA.get(`/api/stafetlogs/${a}`)).json();
    const ids: World['ids'] = {
      scaleId: scale.json().id,
      scaleVersion: scales[0]!.version,
      positionIds,
      roundId: round.json().id,
      entryId: entry.json().id,
      entrySlug: entryRead.slug,
      handleguideId: hg.json().id,
      consentA,
      consentB,
      logA: a,
      logB: logB.json().id,
      participantB,
      goalId,
      actionId: logAView.actions[0].id,
      evaluationId: logAView.evaluations[0].id,
      documentId: logAView.documents[0].id,
      relayId: relay.json().relays[0].id,
      noticeId,
      importId: imp.json().id,
      spare,
      laererMembership: laerer.memberships[0].id,
    };
    return {
      app,
      db,
      clock,
      ctx,
      t,
      other,
      family,
      clients: c,
      ids,
      serverErrors,
      async relogin(who) {
        if (who === 'citizen') return citizenLogin(app, t.municipalityId, family.mor);
        if (who === 'otherAdmin') return login(app, other, 'admin');
        return login(app, t, who);
      },
      close: () => harness.close(),
    };
  } catch (err) {
    await harness.close();
    throw err;
  }
}

// ── fingerprints: what a refused request must leave as it was ─────────────────────────────

/**
 * Tables a refused request may legitimately write: the audit trail (denied attempts are
 * recorded), sessions (last seen, log-out, expiry) and log-in attempts (failed log-ins count).
 */
export const MAY_CHANGE_WHEN_REFUSED = ['audit_events', 'audit_heads', 'sessions', 'login_attempts'] as const;

let tableList: Promise<string[]> | undefined;

async function tablesOf(db: Database): Promise<string[]> {
  const rows = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`.execute(db.kysely);
  return rows.rows.map((r) => r.name).filter((n) => !(MAY_CHANGE_WHEN_REFUSED as readonly string[]).includes(n));
}

/** Per table: row count and a hash of the rows' content (order-independent). One query. */
export async function fingerprint(db: Database): Promise<Map<string, string>> {
  tableList ??= tablesOf(db);
  const tables = await tableList;
  const parts = tables.map(
    (t) => `SELECT '${t}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') AS fp FROM "${t}" x`,
  );
  const res = await db.pool.query<{ name: string; fp: string }>(parts.join(' UNION ALL '));
  return new Map(res.rows.map((r) => [r.name, r.fp]));
}

/** Tables whose fingerprint differs (with the row counts before → after). */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [name, fp] of after) {
    const was = before.get(name);
    if (was !== fp) out.push(`${name} (${(was ?? '0:').split(':')[0]} → ${fp.split(':')[0]} rows)`);
  }
  return out;
}
