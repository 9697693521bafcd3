// Test fixtures: a small municipality built through the same scoped, audited writes the app
// uses, and a logged-in HTTP client per user (real sessions, cookies and CSRF tokens).
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { systemActor } from '../src/access/actor.ts';
import { withScope, systemClock, type Clock } from '../src/access/scope.ts';
import type { Database } from '../src/db/connect.ts';
import { createMunicipality } from '../src/db/tenants.ts';
import { fictitiousCpr } from '../src/domain/cpr.ts';
import type { Role } from '../src/domain/roles.ts';
import type { App } from '../src/http/types.ts';
import { hashPassword } from '../src/modules/auth/passwords.ts';

export const PASSWORD = 'korrekt-hest-batteri';
let passwordHash: Promise<string> | undefined;

export interface Tenant {
  municipalityId: string;
  code: string;
  districtId: string;
  institutionId: string; // a børnehave
  groupA: string;
  groupB: string;
  schoolId: string;
  classId: string;
  teamId: string;
  users: Record<'paedagogA' | 'paedagogB' | 'leder' | 'laerer' | 'admin' | 'dpo' | 'raadgiver' | 'facilitator' | 'teamleder', string>;
  children: { inA: string; inB: string; atSchool: string; onCase: string; movedAway: string };
}

let codeSeq = 100;

/** One municipality with a daycare (two groups), a school class, a case team and one user per role. */
export async function createTenant(db: Database, opts: { clock?: Clock; today?: string } = {}): Promise<Tenant> {
  const code = String(codeSeq++ % 900 + 100);
  const municipalityId = await createMunicipality(db, { code, name: `Testkommune ${code}` });
  const ids = () => randomUUID();
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const t: Tenant = {
    municipalityId,
    code,
    districtId: ids(),
    institutionId: ids(),
    groupA: ids(),
    groupB: ids(),
    schoolId: ids(),
    classId: ids(),
    teamId: ids(),
    users: { paedagogA: ids(), paedagogB: ids(), leder: ids(), laerer: ids(), admin: ids(), dpo: ids(), raadgiver: ids(), facilitator: ids(), teamleder: ids() },
    children: { inA: ids(), inB: ids(), atSchool: ids(), onCase: ids(), movedAway: ids() },
  };
  const since = '2020-01-01';
  await withScope({ db, clock: opts.clock ?? systemClock }, systemActor(municipalityId, 'testdata'), async (s) => {
    const m = municipalityId;
    await s.trx.insertInto('districts').values({ municipalityId: m, id: t.districtId, name: 'Nord', archivedAt: null }).execute();
    await s.trx
      .insertInto('institutions')
      .values([
        { municipalityId: m, id: t.institutionId, districtId: t.districtId, name: 'Børnehuset Solsikken', type: 'boernehave', externalRef: null, archivedAt: null },
        { municipalityId: m, id: t.schoolId, districtId: t.districtId, name: 'Nordskolen', type: 'skole', externalRef: null, archivedAt: null },
      ])
      .execute();
    await s.trx
      .insertInto('groups')
      .values([
        { municipalityId: m, id: t.groupA, institutionId: t.institutionId, name: 'Stue Blå', archivedAt: null },
        { municipalityId: m, id: t.groupB, institutionId: t.institutionId, name: 'Stue Grøn', archivedAt: null },
        { municipalityId: m, id: t.classId, institutionId: t.schoolId, name: '3.A', archivedAt: null },
      ])
      .execute();
    await s.trx.insertInto('teams').values({ municipalityId: m, id: t.teamId, name: 'Myndighed Team 1', kind: 'case_team', districtId: null, institutionId: null, archivedAt: null }).execute();
    const user = (key: keyof Tenant['users'], profession: string) => ({
      municipalityId: m,
      id: t.users[key],
      username: key.toLowerCase(),
      displayName: `Test ${key}`,
      email: null,
      profession,
      passwordHash: hash,
      ssoSubject: null,
      blockedAt: null,
      deactivatedAt: null,
    });
    await s.trx
      .insertInto('users')
      .values([
        user('paedagogA', 'paedagog'),
        user('paedagogB', 'paedagog'),
        user('leder', 'leder'),
        user('laerer', 'laerer'),
        user('admin', 'administrativ'),
        user('dpo', 'administrativ'),
        user('raadgiver', 'socialraadgiver'),
        user('facilitator', 'anden'),
        user('teamleder', 'socialraadgiver'),
      ])
      .execute();
    const member = (key: keyof Tenant['users'], role: Role, unitKind: 'municipality' | 'district' | 'institution' | 'group' | 'team', unitId: string) => ({
      municipalityId: m,
      id: ids(),
      userId: t.users[key],
      role,
      unitKind,
      unitId,
      validFrom: since,
      validTo: null,
    });
    await s.trx
      .insertInto('memberships')
      .values([
        member('paedagogA', 'fagperson', 'group', t.groupA),
        member('paedagogB', 'fagperson', 'group', t.groupB),
        member('leder', 'leder', 'institution', t.institutionId),
        member('laerer', 'fagperson', 'group', t.classId),
        member('admin', 'admin', 'municipality', m),
        member('dpo', 'dpo', 'municipality', m),
        member('raadgiver', 'myndighedsraadgiver', 'team', t.teamId),
        member('facilitator', 'distriktsfacilitator', 'district', t.districtId),
        member('teamleder', 'teamleder', 'team', t.teamId),
      ])
      .execute();
    const child = (id: string, n: number, birth: string) => ({
      municipalityId: m,
      id,
      cpr: fictitiousCpr(birth, n + Number(code) * 10),
      firstName: `Barn${n}`,
      lastName: `Testesen${code}`,
      birthDate: birth,
    });
    await s.trx
      .insertInto('children')
      .values([
        child(t.children.inA, 1, '2021-03-04'),
        child(t.children.inB, 2, '2021-05-06'),
        child(t.children.atSchool, 3, '2017-02-28'),
        child(t.children.onCase, 4, '2016-07-01'),
        child(t.children.movedAway, 5, '2021-01-01'),
      ])
      .execute();
    const enrol = (childId: string, institutionId: string, groupId: string | null, validFrom: string, validTo: string | null = null) => ({
      municipalityId: m,
      id: ids(),
      childId,
      institutionId,
      groupId,
      validFrom,
      validTo,
      correctsId: null,
    });
    await s.trx
      .insertInto('enrolments')
      .values([
        enrol(t.children.inA, t.institutionId, t.groupA, '2024-08-01'),
        enrol(t.children.inB, t.institutionId, t.groupB, '2024-08-01'),
        enrol(t.children.atSchool, t.schoolId, t.classId, '2023-08-01'),
        enrol(t.children.atSchool, t.institutionId, t.groupA, '2020-08-01', '2023-07-31'),
        // Left group A last year: no longer visible to group A's pædagog.
        enrol(t.children.movedAway, t.institutionId, t.groupA, '2022-08-01', '2025-06-30'),
      ])
      .execute();
    await s.trx
      .insertInto('childRelations')
      .values({ municipalityId: m, id: ids(), childId: t.children.onCase, subjectKind: 'user', subjectId: t.users.raadgiver, kind: 'case', sourceId: null, validFrom: since, validTo: null })
      .execute();
  });
  return t;
}

export interface Client {
  cookie: string;
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export function cookieFrom(res: LightMyRequestResponse): string {
  const set = res.cookies.find((c) => c.name === '__Host-tidlig' || c.name === 'tidlig');
  if (!set) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `${set.name}=${set.value}`;
}

/** Log in through the real endpoint and return a client that sends the cookie and CSRF token. */
export async function login(app: App, tenant: Tenant, username: keyof Tenant['users'] | string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { municipalityId: tenant.municipalityId, username: username.toLowerCase(), password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return clientFor(app, cookieFrom(res), res.json().csrfToken);
}

export function clientFor(app: App, cookie: string, csrf: string): Client {
  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    cookie,
    csrf,
    get: (url, headers) => send('GET', url, undefined, headers),
    post: (url, body, headers) => send('POST', url, body, headers),
    patch: (url, body, headers) => send('PATCH', url, body, headers),
  };
}

/** Audit rows for a child, oldest first (read as the owner, outside any scope). */
export async function auditRowsFor(db: Database, municipalityId: string, where: { childId?: string; action?: string } = {}) {
  return db.kysely.transaction().execute(async (trx) => {
    await sql`SELECT set_config('app.municipality_id', ${municipalityId}, true)`.execute(trx);
    // The test connects as superuser, which bypasses row-level security: filter explicitly.
    let q = trx.selectFrom('auditEvents').selectAll().where('municipalityId', '=', municipalityId).orderBy('seq');
    if (where.childId) q = q.where('childId', '=', where.childId);
    if (where.action) q = q.where('action', '=', where.action);
    return q.execute();
  });
}
