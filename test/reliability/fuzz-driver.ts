// Drives generated requests at every route of the OpenAPI document and checks each answer:
// never a 5xx, and a refused (4xx) request leaves every table as it was. Cases go round the
// routes in order, so every route gets its share; each case is drawn from its own seed, so a
// failure is reproduced by TIDLIG_FUZZ_SEED and the case number.
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { waitForImport } from '../../src/modules/imports/service.ts';
import type { Client } from '../fixtures.ts';
import { brokenArb, paramArb, queryArb, tableForParam, validArb, type GenContext, type Operation, type Pools } from './openapi.ts';
import { changedTables, fingerprint, type ActorName, type World } from './world.ts';

type Part = 'none' | 'body' | 'query' | 'param' | 'header' | 'content';
type IfMatch = 'current' | 'none' | 'stale' | 'garbage';

interface Case {
  actor: ActorName;
  part: Part;
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  ifMatch: IfMatch;
  /** header part: which header goes wrong. */
  header: 'csrf' | 'origin' | 'if-match';
  content: 'text' | 'bad-json' | 'none';
}

export interface Failure {
  case: number;
  route: string;
  actor: ActorName;
  url: string;
  status: number;
  why: string;
}

export interface FuzzResult {
  cases: number;
  routes: number;
  routesWith2xx: number;
  /** Routes no generated request got through (their deeper code was not reached). */
  never2xx: string[];
  statuses: Record<string, number>;
  failures: Failure[];
  /** Known defects met (KNOWN_5XX), by issue. */
  knownHits: Record<string, number>;
  seed: number;
}

/**
 * 5xx the battery found whose fix lies outside its own files: listed in docs/known-issues.md,
 * counted and printed but not failed. Delete an entry when its fix lands (the run then fails
 * again if the defect comes back).
 */
export const KNOWN_5XX: { route: string; error: RegExp; issue: string }[] = [];

/** Log-in and log-out routes end or replace the session they are sent with: they get a throwaway one. */
const SESSION_ROUTES = new Set(['POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/public/portal/demo-login', 'POST /api/portal/saml/acs', 'GET /api/auth/oidc/callback']);
/** A failed log-in may block the account it names (3 failures): users may change then. */
const MAY_ALSO_CHANGE: Record<string, string[]> = { 'POST /api/auth/login': ['users'] };

const STAFF_ACTORS: ActorName[] = ['admin', 'admin', 'paedagogA', 'paedagogA', 'paedagogB', 'leder', 'dpo', 'raadgiver', 'facilitator', 'otherAdmin', 'citizen', 'anonymous'];
const CITIZEN_ACTORS: ActorName[] = ['citizen', 'citizen', 'citizen', 'paedagogA', 'admin', 'anonymous'];

/**
 * Who reaches what: an actor with the ids (per table) of records they work with. Half the cases
 * start from one, so requests get past access checks into the code behind them; the rest are
 * drawn at random. Contexts are seeded from the world and learned from every 2xx.
 */
export interface Context {
  actor: Exclude<ActorName, 'anonymous'>;
  ids: Record<string, string>;
  /** A learned context is used on routes under the path it was learned on (e.g. /api/stafetlogs/{id}). */
  prefix?: string;
}

export function seededContexts(w: World): Context[] {
  const { t, ids } = w;
  const common = { screening_rounds: ids.roundId, screening_scales: ids.scaleId, guide_entries: ids.entryId, guide_handleguides: ids.handleguideId, municipalities: t.municipalityId };
  const logA = { stafetlogs: ids.logA, stafetlog_goals: ids.goalId, stafetlog_actions: ids.actionId, stafetlog_evaluations: ids.evaluationId, stafetlog_documents: ids.documentId, stafetlog_participants: ids.participantB };
  return [
    { actor: 'paedagogA', ids: { ...common, ...logA, children: t.children.inA, groups: t.groupA, screening_positions: ids.positionIds[1]!, notices: ids.noticeId, consents: ids.consentA, stafetlog_relays: ids.relayId } },
    { actor: 'paedagogB', ids: { ...common, ...logA, children: t.children.inA, groups: t.groupB } },
    { actor: 'paedagogB', ids: { ...common, stafetlogs: ids.logB, children: t.children.inB, groups: t.groupB, consents: ids.consentB, stafetlog_relays: ids.relayId } },
    { actor: 'leder', ids: { ...common, children: t.children.inA, institutions: t.institutionId, groups: t.groupA } },
    { actor: 'facilitator', ids: { ...common, institutions: t.institutionId, districts: t.districtId } },
    { actor: 'raadgiver', ids: { ...common, children: t.children.onCase } },
    { actor: 'dpo', ids: { ...common, children: t.children.inA, users: t.users.paedagogA } },
    {
      actor: 'admin',
      ids: {
        ...common,
        children: t.children.inA,
        districts: ids.spare.districtId,
        institutions: ids.spare.institutionId,
        groups: ids.spare.groupId,
        teams: ids.spare.teamId,
        users: t.users.laerer,
        memberships: ids.laererMembership,
        import_runs: ids.importId,
      },
    },
    { actor: 'citizen', ids: { ...logA, children: t.children.inA, consents: ids.consentA } },
    { actor: 'otherAdmin', ids: { municipalities: w.other.municipalityId } },
  ];
}

function caseArb(op: Operation, g: GenContext, contexts: Context[]): fc.Arbitrary<Case> {
  const parts: Part[] = ['none', 'none', 'none', 'none', 'none', 'header'];
  if (op.body) parts.push('body', 'body', 'content');
  if (op.query.length) parts.push('query');
  if (op.params.length) parts.push('param');
  const portal = op.path.startsWith('/api/portal/');
  const randomActor = fc.constantFrom(...(portal ? CITIZEN_ACTORS : STAFF_ACTORS)).map((actor): Context => ({ actor: actor as Context['actor'], ids: {} }));
  // Contexts that know an id for one of the route's parameters (and were learned on this part of the API).
  const tables = op.params.map((p) => tableForParam(op.path, p.name)).filter((x): x is string => x !== undefined);
  const relevant = contexts.filter((c) => (!c.prefix || op.path.startsWith(c.prefix)) && (tables.length === 0 ? !c.prefix : tables.some((x) => c.ids[x])));
  const context = relevant.length ? fc.oneof({ arbitrary: randomActor, weight: 1 }, { arbitrary: fc.constantFrom(...relevant), weight: 3 }) : randomActor;
  return fc.tuple(fc.constantFrom(...parts), context).chain(([part, ctx]) =>
    fc.record({
      actor: fc.constant<ActorName>(ctx.actor),
      part: fc.constant(part),
      params: fc.record(
        Object.fromEntries(
          op.params.map((p) => {
            const known = ctx.ids[tableForParam(op.path, p.name) ?? ''];
            return [p.name, known && part !== 'param' ? fc.constant(known) : paramArb(op, p, g, part === 'param')];
          }),
        ),
      ),
      query: fc.record(
        Object.fromEntries(op.query.map((p) => [p.name, queryArb(p, g, part === 'query')])),
        // Optional query parameters come and go; a broken query sends them all.
        { requiredKeys: part === 'query' ? op.query.map((p) => p.name) : op.query.filter((p) => p.required).map((p) => p.name) },
      ),
      body: op.body ? (part === 'body' ? brokenArb(op.body, '', g) : validArb(op.body, '', g)) : fc.constant(undefined),
      ifMatch: fc.constantFrom<IfMatch>('current', 'current', 'current', 'current', 'none', 'stale', 'garbage'),
      header: fc.constantFrom('csrf', 'origin', 'if-match'),
      content: fc.constantFrom('text', 'bad-json', 'none'),
    }),
  ) as fc.Arbitrary<Case>;
}

export class Fuzzer {
  private pools!: Pools;
  private versioned = new Set<string>();
  private idTables: string[] = [];
  private protectedIds = new Set<string>();
  private clients: Partial<Record<ActorName, Client>>;
  private contexts: Context[];
  private learned = new Map<string, Context>();

  constructor(
    private readonly world: World,
    private readonly ops: Operation[],
  ) {
    this.clients = { ...world.clients };
    this.contexts = seededContexts(world);
  }

  /** A 2xx with ids in its path: that actor reaches those records (kept per actor and table set). */
  private learn(op: Operation, c: Case): void {
    if (c.actor === 'anonymous') return;
    const ids: Record<string, string> = {};
    for (const p of op.params) {
      const table = tableForParam(op.path, p.name);
      if (table && /^[0-9a-f-]{36}$/i.test(c.params[p.name] ?? '')) ids[table] = c.params[p.name]!;
    }
    if (Object.keys(ids).length === 0) return;
    const prefix = op.path.split('/').slice(0, 4).join('/');
    const key = `${c.actor} ${prefix} ${Object.entries(ids).sort().join(' ')}`;
    if (this.learned.size < 400) this.learned.set(key, { actor: c.actor, ids, prefix });
  }

  async init(): Promise<void> {
    const { db, t, other } = this.world;
    const cols = await sql<{ table: string; column: string }>`
      SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = 'public' AND ((column_name = 'id' AND data_type = 'uuid') OR column_name = 'version')`.execute(db.kysely);
    this.idTables = cols.rows.filter((r) => r.column === 'id').map((r) => r.table);
    this.versioned = new Set(cols.rows.filter((r) => r.column === 'version').map((r) => r.table));
    // The fuzzer's own users, their memberships, units and enrolments: a generated change must
    // not lock the fuzzer out (an archived group or an ended enrolment would end its reach).
    const keep = await db.pool.query<{ id: string }>(
      `SELECT id::text FROM memberships UNION ALL SELECT id::text FROM enrolments UNION ALL SELECT id::text FROM child_relations`,
    );
    for (const tenant of [t, other]) {
      for (const id of [tenant.districtId, tenant.institutionId, tenant.groupA, tenant.groupB, tenant.schoolId, tenant.classId, tenant.teamId, ...Object.values(tenant.users)]) this.protectedIds.add(id);
    }
    for (const r of keep.rows) this.protectedIds.add(r.id);
    // Log-in and unblocking still reach the users the fuzzer does not log in as.
    for (const u of [t.users.laerer, t.users.teamleder]) this.protectedIds.delete(u);
    await this.refreshPools();
  }

  /**
   * The fuzzer closes logs now and then (a valid close is a valid request). A closed log turns
   * every later write in it into 409, so the seeded contexts get a fresh open log for the same
   * child (with a goal, an action, an evaluation and a document), made through the API.
   */
  private async replenish(): Promise<void> {
    const { db, t, clients: c } = this.world;
    for (const [who, childId, key] of [['paedagogA', t.children.inA, 'logA'], ['paedagogB', t.children.inB, 'logB']] as const) {
      const seeded = this.contexts.filter((x) => x.ids.stafetlogs && x.ids.children === childId);
      const current = seeded[0]?.ids.stafetlogs;
      const row = current ? await db.pool.query<{ status: string }>('SELECT status FROM stafetlogs WHERE id = $1', [current]) : undefined;
      if (row?.rows[0]?.status === 'open') continue;
      const client = c[who];
      const opened = await client.post(`/api/children/${childId}/stafetlogs`, { concern: 'Ny bekymring', level: 1 });
      const open = await db.pool.query<{ id: string }>(`SELECT id::text FROM stafetlogs WHERE child_id = $1 AND status = 'open'`, [childId]);
      const logId = opened.statusCode === 201 ? (opened.json().id as string) : open.rows[0]?.id;
      if (!logId) continue;
      const url = `/api/stafetlogs/${logId}`;
      const ids: Record<string, string> = { stafetlogs: logId };
      if (key === 'logA') {
        const version = (await db.pool.query<{ version: number }>('SELECT version FROM stafetlogs WHERE id = $1', [logId])).rows[0]!.version;
        await client.post(`${url}/participants`, { userId: t.users.paedagogB }, { 'if-match': `"${version}"` });
        const goal = await client.post(`${url}/goals`, { text: 'Mål' });
        if (goal.statusCode === 201) ids.stafetlog_goals = goal.json().goals.at(-1).id;
        const action = await client.post(`${url}/actions`, { text: 'Handling', owner: { kind: 'family' }, dueDate: '2026-04-01' });
        if (action.statusCode === 201) ids.stafetlog_actions = action.json().actions.at(-1).id;
        const evaluation = await client.post(`${url}/evaluations`, { dueDate: '2026-05-01' });
        if (evaluation.statusCode === 201) ids.stafetlog_evaluations = evaluation.json().evaluations.at(-1).id;
        const doc = await client.post(`${url}/documents`, { fileName: 'notat.txt', mediaType: 'text/plain', contentBase64: Buffer.from('Notat').toString('base64') });
        if (doc.statusCode === 201) ids.stafetlog_documents = doc.json().documents.at(-1).id;
      }
      for (const x of seeded) Object.assign(x.ids, ids);
    }
  }

  private async refreshPools(): Promise<void> {
    const { db } = this.world;
    const byTable = new Map<string, string[]>();
    const all: string[] = [];
    const res = await db.pool.query<{ t: string; id: string }>(this.idTables.map((t) => `(SELECT '${t}' AS t, id::text AS id FROM "${t}" ORDER BY id LIMIT 200)`).join(' UNION ALL '));
    for (const r of res.rows) {
      byTable.set(r.t, [...(byTable.get(r.t) ?? []), r.id]);
      all.push(r.id);
    }
    const codes = await db.pool.query<{ code: string }>('SELECT code FROM municipalities');
    const slugs = await db.pool.query<{ slug: string }>('SELECT slug FROM guide_entries LIMIT 50');
    this.pools = { byTable, all, protectedIds: this.protectedIds, municipalityCodes: codes.rows.map((r) => r.code), slugs: slugs.rows.map((r) => r.slug) };
  }

  /** The version an If-Match should carry to be current: of the last id in the path that names a versioned record. */
  private async currentVersion(op: Operation, params: Record<string, string>, actor: ActorName): Promise<number | undefined> {
    const { db, t, other } = this.world;
    if (op.path.endsWith('-settings')) {
      const table = op.path.endsWith('consent-settings') ? 'consent_settings' : 'stafetlog_settings';
      const m = actor === 'otherAdmin' ? other.municipalityId : t.municipalityId;
      const r = await db.pool.query<{ version: number }>(`SELECT version FROM ${table} WHERE municipality_id = $1`, [m]);
      return r.rows[0]?.version ?? 1;
    }
    for (const p of [...op.params].reverse()) {
      const table = tableForParam(op.path, p.name);
      if (!table || !this.versioned.has(table) || !/^[0-9a-f-]{36}$/i.test(params[p.name] ?? '')) continue;
      const r = await db.pool.query<{ version: number }>(`SELECT version FROM "${table}" WHERE id = $1 LIMIT 1`, [params[p.name]]);
      if (r.rows[0]) return r.rows[0].version;
    }
    return undefined;
  }

  private async send(op: Operation, c: Case): Promise<{ res: LightMyRequestResponse; url: string }> {
    const { app } = this.world;
    let path = op.path.replace(/\{(\w+)\}/g, (_, n: string) => c.params[n] ?? 'x');
    const qs = new URLSearchParams(c.query).toString();
    if (qs) path += `?${qs}`;
    let client: Client | undefined;
    if (c.actor !== 'anonymous') {
      client = SESSION_ROUTES.has(op.key) ? await this.world.relogin(c.actor) : this.clients[c.actor];
    }
    const headers: Record<string, string> = {};
    if (client) headers.cookie = client.cookie;
    if (client && op.method !== 'GET') headers['x-csrf-token'] = client.csrf;
    if (op.method !== 'GET') {
      const version = c.ifMatch === 'current' ? await this.currentVersion(op, c.params, c.actor) : undefined;
      if (version !== undefined) headers['if-match'] = `"${version}"`;
      else if (c.ifMatch === 'stale' || c.ifMatch === 'current') headers['if-match'] = `"${c.ifMatch === 'stale' ? 0 : 1}"`;
      else if (c.ifMatch === 'garbage') headers['if-match'] = 'W/"abc", *';
    }
    if (c.part === 'header') {
      if (c.header === 'csrf') headers['x-csrf-token'] = 'x'.repeat(client?.csrf.length ?? 43);
      else if (c.header === 'origin') headers.origin = 'https://angriber.example';
      else headers['if-match'] = '"99999999999"';
    }
    let payload: string | undefined;
    if (op.body || op.method !== 'GET') {
      if (c.part === 'content' && c.content !== 'none') {
        headers['content-type'] = c.content === 'text' ? 'text/plain' : 'application/json';
        payload = c.content === 'text' ? 'navn=x' : '{"a": [1, 2,';
      } else if (c.body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(c.body);
      }
    }
    const res = await app.inject({ method: op.method as 'GET', url: path, headers, ...(payload === undefined ? {} : { payload }) });
    return { res, url: path };
  }

  async run(cases: number, seed: number, onProgress?: (done: number) => void): Promise<FuzzResult> {
    const { db } = this.world;
    const statuses: Record<string, number> = {};
    const ok2xx = new Set<string>();
    const failures: Failure[] = [];
    const knownHits: Record<string, number> = {};
    let before = await fingerprint(db);
    const arbs = new Map<string, fc.Arbitrary<Case>>();
    for (let i = 0; i < cases; i++) {
      if (i > 0 && i % 50 === 0) {
        await this.replenish();
        await this.refreshPools();
        arbs.clear();
        before = await fingerprint(db);
        onProgress?.(i);
      }
      const op = this.ops[i % this.ops.length]!;
      const forChange = op.method !== 'GET';
      const key = op.key;
      if (!arbs.has(key)) arbs.set(key, caseArb(op, { pools: this.pools, forChange }, [...this.contexts, ...this.learned.values()]));
      const [c] = fc.sample(arbs.get(key)!, { seed: seed + i, numRuns: 1 });
      this.world.clock.advance(1000);
      const { res, url } = await this.send(op, c!);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      if (process.env.TIDLIG_FUZZ_TRACE && key.includes(process.env.TIDLIG_FUZZ_TRACE)) {
        process.stderr.write(`#${i} ${key} ${c!.actor} ${c!.part} ${url.slice(0, 120)} ${JSON.stringify(c!.body)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}\n`);
      }
      if (res.statusCode === 202 && op.key === 'POST /api/imports') await waitForImport(res.json().id);
      const after = await fingerprint(db);
      const fail = (why: string) => failures.push({ case: i, route: key, actor: c!.actor, url: url.slice(0, 200), status: res.statusCode, why });
      const serverError = this.world.serverErrors.at(-1) ?? '';
      const known = res.statusCode >= 500 ? KNOWN_5XX.find((k) => k.route === key && k.error.test(serverError)) : undefined;
      if (known) knownHits[known.issue] = (knownHits[known.issue] ?? 0) + 1;
      else if (res.statusCode >= 500) fail(`5xx: ${res.body.slice(0, 200)} — ${serverError.slice(0, 600)}`);
      else if (res.statusCode >= 200 && res.statusCode < 300) {
        ok2xx.add(key);
        this.learn(op, c!);
      }
      else if (res.statusCode >= 400) {
        const allowed = MAY_ALSO_CHANGE[key] ?? [];
        const changed = changedTables(before, after).filter((tbl) => !allowed.some((a) => tbl.startsWith(`${a} `)));
        if (changed.length) fail(`refused (${res.body.slice(0, 120)}) but changed ${changed.join(', ')}`);
      }
      before = after;
    }
    const keys = [...new Set(this.ops.map((o) => o.key))];
    return { cases, routes: keys.length, routesWith2xx: ok2xx.size, never2xx: keys.filter((k) => !ok2xx.has(k)), statuses, failures, knownHits, seed };
  }
}

/** How many cases: a few hundred in `npm test`, thousands in the battery (TIDLIG_FUZZ_CASES overrides). */
export function fuzzCaseCount(): number {
  const fromEnv = Number(process.env.TIDLIG_FUZZ_CASES);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return process.env.TIDLIG_BATTERY === '1' ? 5000 : 400;
}

export function fuzzSeed(): number {
  const fromEnv = Number(process.env.TIDLIG_FUZZ_SEED);
  return Number.isInteger(fromEnv) ? fromEnv : Math.floor(Math.random() * 2 ** 30);
}

export function describeResult(r: FuzzResult): string[] {
  const statuses = Object.entries(r.statuses)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  return [
    `fuzz: ${r.cases} cases over ${r.routes} routes (seed ${r.seed}); ${r.routesWith2xx} routes answered 2xx at least once`,
    `fuzz statuses: ${statuses}`,
    `fuzz failures: ${r.failures.length} (5xx: ${r.failures.filter((f) => f.status >= 500).length}, refused with writes: ${r.failures.filter((f) => f.status < 500).length})`,
    `fuzz known defects met (docs/known-issues.md): ${Object.entries(r.knownHits).map(([k, n]) => `${k} ×${n}`).join('; ') || 'none'}`,
  ];
}
