// The world the authorisation matrix runs in: two municipalities built by test/fixtures.ts, one
// logged-in client per role (the three roles the fixture lacks are added through the admin API),
// a custody holder per child (one of them logged in to the parents' portal), an open screening
// round, closed stafetlogs to read, an import run and a guide entry in each municipality.
// Everything is made through the real routes where a route exists.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { systemActor } from '../../src/access/actor.ts';
import { withScope, type Clock } from '../../src/access/scope.ts';
import type { Database } from '../../src/db/connect.ts';
import { fictitiousCpr } from '../../src/domain/cpr.ts';
import type { Role } from '../../src/domain/roles.ts';
import type { App } from '../../src/http/types.ts';
import { waitForImport } from '../../src/modules/imports/service.ts';
import { clientFor, cookieFrom, createTenant, login, PASSWORD, type Client, type Tenant } from '../fixtures.ts';

/** The matrix's columns: every role, then a parent in the portal and nobody at all. */
export type Column = Role | 'borger' | 'anonym';

export interface World {
  t: Tenant;
  o: Tenant;
  clients: Record<Column, Client>;
  /** Custody holders: one per child of t (hA holds inA …), hO holds o's inA. */
  holders: { hA: string; hB: string; hS: string; hC: string; hO: string };
  roundT: string;
  /** o's own round: o's groups are ratable there, so a refusal from t is about the municipality. */
  roundO: string;
  positionT: string;
  /** Closed stafetlogs to read, one per child. */
  logs: { inA: string; inB: string; atSchool: string; onCase: string; oInA: string };
  runs: { t: string; o: string };
  entries: { t: string; o: string };
  importCsv: string;
}

const anonymous = (app: App): Client => ({
  cookie: '',
  csrf: '',
  get: (url, headers = {}) => app.inject({ method: 'GET', url, headers }),
  post: (url, body, headers = {}) => app.inject({ method: 'POST', url, headers, ...(body === undefined ? {} : { payload: body as object }) }),
  patch: (url, body, headers = {}) => app.inject({ method: 'PATCH', url, headers, payload: body as object }),
});

async function addHolders(db: Database, clock: Clock, tenant: Tenant, custody: [string, string][]) {
  await withScope({ db, clock }, systemActor(tenant.municipalityId, 'testdata'), async (s) => {
    for (const [i, [holderId, childId]] of custody.entries()) {
      await s.trx
        .insertInto('custodyHolders')
        .values({ municipalityId: tenant.municipalityId, id: holderId, cpr: fictitiousCpr('1988-04-0' + (i + 1), 300 + i + Number(tenant.code) * 10), firstName: `Forælder${i}`, lastName: 'Matrixsen', phone: null, email: null })
        .execute();
      await s.trx
        .insertInto('childCustody')
        .values({ municipalityId: tenant.municipalityId, id: randomUUID(), childId, custodyHolderId: holderId, relation: 'mor', hasCustody: true, validFrom: '2016-01-01', validTo: null })
        .execute();
    }
  });
}

async function addStaff(admin: Client, app: App, t: Tenant, username: string, role: Role, unitKind: string, unitId: string): Promise<Client> {
  const res = await admin.post('/api/staff', { username, displayName: `Test ${username}`, profession: 'socialraadgiver', password: PASSWORD });
  assert.equal(res.statusCode, 201, res.body);
  const m = await admin.post(`/api/staff/${res.json().id}/memberships`, { role, unitKind, unitId, validFrom: '2025-01-01' });
  assert.equal(m.statusCode, 201, m.body);
  return login(app, t, username);
}

async function openRound(admin: Client) {
  const res = await admin.post('/api/screening/rounds', { name: 'Forår 2026', institutionTypes: ['boernehave', 'skole'], opensOn: '2026-03-02', closesOn: '2026-03-20' });
  assert.equal(res.statusCode, 201, res.body);
  const scales = (await admin.get('/api/screening/scales')).json();
  return { round: res.json().id as string, position: scales.items[0].versions[0].positions[0].id as string };
}

/** Open a stafetlog as `who` and close it again: a log to read that leaves the child free for a new one. */
export async function openAndClose(who: Client, childId: string): Promise<string> {
  const opened = await who.post(`/api/children/${childId}/stafetlogs`, { concern: 'Barnet virker trist og trækker sig.', level: 1 });
  assert.equal(opened.statusCode, 201, opened.body);
  await closeLog(who, opened.json().id, opened.json().version);
  return opened.json().id;
}

export async function closeLog(who: Client, id: string, version: number): Promise<void> {
  const closed = await who.post(`/api/stafetlogs/${id}/close`, { reason: 'Bekymringen er løst.' }, { 'if-match': `"${version}"` });
  assert.equal(closed.statusCode, 200, closed.body);
}

export async function startImport(admin: Client, csv: string): Promise<string> {
  const res = await admin.post('/api/imports', { kind: 'institutions', fileName: 'matrix.csv', csv, dryRun: true });
  assert.equal(res.statusCode, 202, res.body);
  await waitForImport(res.json().id);
  return res.json().id;
}

async function guideEntry(admin: Client): Promise<string> {
  const res = await admin.post('/api/guide/entries', { kind: 'retningslinje', title: 'Underretning', body: 'Sådan gør du.' });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

export async function buildWorld(app: App, db: Database, clock: Clock): Promise<World> {
  const t = await createTenant(db, { clock });
  const o = await createTenant(db, { clock });
  const holders = { hA: randomUUID(), hB: randomUUID(), hS: randomUUID(), hC: randomUUID(), hO: randomUUID() };
  await addHolders(db, clock, t, [
    [holders.hA, t.children.inA],
    [holders.hB, t.children.inB],
    [holders.hS, t.children.atSchool],
    [holders.hC, t.children.onCase],
  ]);
  await addHolders(db, clock, o, [[holders.hO, o.children.inA]]);

  const as = async (tenant: Tenant, u: keyof Tenant['users']) => login(app, tenant, u);
  const admin = await as(t, 'admin');
  const oAdmin = await as(o, 'admin');
  const portal = await app.inject({ method: 'POST', url: '/api/public/portal/demo-login', payload: { municipalityId: t.municipalityId, custodyHolderId: holders.hA } });
  assert.equal(portal.statusCode, 200, portal.body);
  const clients: Record<Column, Client> = {
    fagperson: await as(t, 'paedagogA'),
    leder: await as(t, 'leder'),
    distriktsfacilitator: await as(t, 'facilitator'),
    myndighedsraadgiver: await as(t, 'raadgiver'),
    teamleder: await as(t, 'teamleder'),
    myndighedsleder: await addStaff(admin, app, t, 'myndighedsleder', 'myndighedsleder', 'municipality', t.municipalityId),
    forebyggende_raadgiver: await addStaff(admin, app, t, 'forebyggende', 'forebyggende_raadgiver', 'district', t.districtId),
    familiebehandler: await addStaff(admin, app, t, 'familiebehandler', 'familiebehandler', 'team', t.teamId),
    admin,
    dpo: await as(t, 'dpo'),
    borger: clientFor(app, cookieFrom(portal), portal.json().csrfToken),
    anonym: anonymous(app),
  };

  const { round: roundT, position: positionT } = await openRound(admin);
  const { round: roundO } = await openRound(oAdmin);
  const logs = {
    inA: await openAndClose(clients.fagperson, t.children.inA),
    inB: await openAndClose(await as(t, 'paedagogB'), t.children.inB),
    atSchool: await openAndClose(await as(t, 'laerer'), t.children.atSchool),
    onCase: await openAndClose(clients.myndighedsraadgiver, t.children.onCase),
    oInA: await openAndClose(await as(o, 'paedagogA'), o.children.inA),
  };
  const template = (await admin.get('/api/imports/templates/institutions')).body;
  const header = template.split(/\r?\n/)[0]!;
  const importCsv = `${header}\n${header.split(';').map((_, i) => `felt${i}`).join(';')}\n`;
  const runs = { t: await startImport(admin, importCsv), o: await startImport(oAdmin, importCsv) };
  const entries = { t: await guideEntry(admin), o: await guideEntry(oAdmin) };
  return { t, o, clients, holders, roundT, roundO, positionT, logs, runs, entries, importCsv };
}

export type ScopeName = 'own group' | 'own institution' | 'district' | 'own case' | 'other municipality' | 'municipality' | 'own child' | 'other child';

/** The ids a row's request is made of, for one scope. */
export interface Target {
  child?: string;
  holder?: string;
  group?: string;
  groupChild?: string;
  institution?: string;
  log?: string;
  user?: string;
  run?: string;
  entry?: string;
  orgGroup?: string;
}

/** Which record each scope means (the matrix test's header says it in words). */
export function targets(w: World): Record<ScopeName, Target> {
  const { t, o } = w;
  return {
    'own group': { child: t.children.inA, holder: w.holders.hA, group: t.groupA, groupChild: t.children.inA, log: w.logs.inA },
    'own institution': { child: t.children.inB, holder: w.holders.hB, group: t.groupB, groupChild: t.children.inB, institution: t.institutionId, log: w.logs.inB },
    district: { child: t.children.atSchool, holder: w.holders.hS, group: t.classId, groupChild: t.children.atSchool, institution: t.schoolId, log: w.logs.atSchool },
    'own case': { child: t.children.onCase, holder: w.holders.hC, log: w.logs.onCase },
    'other municipality': {
      child: o.children.inA,
      holder: w.holders.hO,
      group: o.groupA,
      groupChild: o.children.inA,
      institution: o.institutionId,
      log: w.logs.oInA,
      user: o.users.paedagogA,
      run: w.runs.o,
      entry: w.entries.o,
      orgGroup: o.groupB,
    },
    municipality: { child: t.children.inA, user: t.users.paedagogA, run: w.runs.t, entry: w.entries.t, orgGroup: t.groupB },
    'own child': { child: t.children.inA, log: w.logs.inA },
    'other child': { child: t.children.inB, log: w.logs.inB },
  };
}

/** The same target with every id replaced by one that exists nowhere. */
export const missing = (x: Target): Target => Object.fromEntries(Object.keys(x).map((k) => [k, randomUUID()]));
