// Test helpers for the stafetlog tests: a family with custody, a paper consent, DELETE with the
// session, citizen actors, counts read as the owner. Only imported by *.test.ts files.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { citizenActor, systemActor, type Actor } from '../../access/actor.ts';
import { withScope, type DataContext, type Scope } from '../../access/scope.ts';
import type { Database } from '../../db/connect.ts';
import { fictitiousCpr } from '../../domain/cpr.ts';
import type { App } from '../../http/types.ts';
import type { Client, Tenant } from '../../../test/fixtures.ts';

/** Custody holders: mor and far for child inA; "anden" for child inB. */
export async function addFamilies(ctx: DataContext, t: Tenant): Promise<{ mor: string; far: string; anden: string }> {
  const f = { mor: randomUUID(), far: randomUUID(), anden: randomUUID() };
  await withScope(ctx, systemActor(t.municipalityId, 'testdata'), async (s) => {
    const m = t.municipalityId;
    const holder = (id: string, n: number, firstName: string) => ({ municipalityId: m, id, cpr: fictitiousCpr('1990-01-01', n + Number(t.code) * 10), firstName, lastName: 'Forældresen', phone: null, email: null });
    await s.trx.insertInto('custodyHolders').values([holder(f.mor, 1, 'Mona'), holder(f.far, 2, 'Frank'), holder(f.anden, 3, 'Anna')]).execute();
    const custody = (custodyHolderId: string, relation: string, childId: string) => ({ municipalityId: m, id: randomUUID(), childId, custodyHolderId, relation, hasCustody: true, validFrom: '2021-01-01', validTo: null });
    await s.trx.insertInto('childCustody').values([custody(f.mor, 'mor', t.children.inA), custody(f.far, 'far', t.children.inA), custody(f.anden, 'mor', t.children.inB)]).execute();
  });
  return f;
}

/** A consent on paper, registered through the consent API by a professional who reaches the child. */
export async function paperConsent(client: Client, childId: string, signedBy: string[], over: Record<string, unknown> = {}): Promise<string> {
  const res = await client.post(`/api/children/${childId}/consents`, {
    purpose: 'stafetlog',
    informationTypes: ['stafetlog'],
    recipients: [],
    validFrom: '2026-03-01',
    validTo: '2026-06-30',
    attestation: 'Underskrevet samtykkeerklæring modtaget på mødet og scannet.',
    signedBy,
    ...over,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

export function del(app: App, client: Client, url: string, headers: Record<string, string> = {}) {
  return app.inject({ method: 'DELETE', url, headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...headers } });
}

/** Every write one second after the last (a fixed clock would give every row the same time, and the log's order would be the ids'). */
export function ticking(c: Client, clock: { advance(ms: number): void }): Client {
  return {
    ...c,
    post: (u, b, h) => (clock.advance(1000), c.post(u, b, h)),
    patch: (u, b, h) => (clock.advance(1000), c.patch(u, b, h)),
  };
}

export function put(app: App, client: Client, url: string, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: 'PUT', url, headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, ...headers }, payload: body as object });
}

export const citizen = (t: Tenant, id: string, name: string): Actor => citizenActor({ municipalityId: t.municipalityId, custodyHolderId: id, displayName: name });

/** Run a service function as an actor; errors come back as { code, status } for assertions. */
export async function as<T>(ctx: DataContext, actor: Actor, fn: (scope: Scope) => Promise<T>): Promise<T | { error: string; status: number }> {
  try {
    return await withScope(ctx, actor, fn);
  } catch (err) {
    const e = err as { code?: string; status?: number };
    if (e.status) return { error: e.code!, status: e.status };
    throw err;
  }
}

/** Count rows of a table in the tenant (as the owner, filtered explicitly). */
export async function count(db: Database, municipalityId: string, table: 'disclosures' | 'stafetlogParticipants' | 'stafetlogEntries' | 'notices' | 'childTransfers' | 'stafetlogs') {
  const row = await db.kysely
    .selectFrom(table)
    .select(sql<number>`count(*)::int`.as('n'))
    .where('municipalityId', '=', municipalityId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function noticesOf(db: Database, userId: string) {
  const rows = await db.kysely.selectFrom('notices').select(['kind', 'params', 'link', 'dedupeKey']).where('userId', '=', userId).orderBy('createdAt').orderBy('kind').execute();
  return rows.map((n) => ({ ...n, params: typeof n.params === 'string' ? JSON.parse(n.params) : n.params }));
}

/** A staff user made through the admin API, with one membership, logged in. */
export async function addStaff(admin: Client, username: string, profession: string, membership: { role: string; unitKind: string; unitId: string }, password: string) {
  const res = await admin.post('/api/staff', { username, displayName: `Test ${username}`, profession, password });
  assert.equal(res.statusCode, 201, res.body);
  const m = await admin.post(`/api/staff/${res.json().id}/memberships`, { ...membership, validFrom: '2025-01-01' });
  assert.equal(m.statusCode, 201, m.body);
  return res.json().id as string;
}
