// Security battery, item 3 (fast form): no route takes fields it should not (ids, municipality,
// version, audit fields, roles, holder, status …), driven from the OpenAPI document.
//
// Finding (how bodies are declared): every request body is a zod object declared `.strict()`
// (or `z.strictObject`), nested objects and array items included, so an unknown key is a 400
// `request.invalid` before the handler runs — nothing is stored. Without `.strict()` zod 4
// would *strip* unknown keys silently (fastify-type-provider-zod hands the handler the parsed
// value), which would also be safe from mass assignment but hides client mistakes; the test
// below fails when a body is not strict, unless it is one of the two deliberate exceptions:
//  - `fields` of a guide entry (create, new version): a record of the kind's named text fields;
//    the service checks the names against the kind (domain/guide-entry.ts) → 422, nothing stored;
//  - the SAML ACS (`/api/portal/saml/acs`): the IdP's form post; only SAMLResponse and
//    RelayState are read (src/modules/portal/saml.ts), every other key is ignored.
// Routes that take no body (POST …/unblock, …/verify, …/sign, …/cancel, log-out, notices) have
// no body schema and their handlers read no body.
//
// How: for every POST/PUT/PATCH with a JSON body, a body is made from its JSON schema and must
// pass validation (so the refusal below is caused by the extra keys, not by a bad body); then the
// same body with forbidden keys added — at the top and in every nested object — must be refused
// with 400 and the keys named.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { fictitiousCpr } from '../../src/domain/cpr.ts';
import { createTenant, login, PASSWORD, type Client, type Tenant } from '../fixtures.ts';
import { testApp, testDatabase } from '../harness.ts';

/** Keys no client may set, unless the body declares the key itself (then it is a legitimate field). */
const FORBIDDEN: Record<string, unknown> = {
  id: '11111111-1111-4111-8111-111111111111',
  municipalityId: '22222222-2222-4222-8222-222222222222',
  version: 99,
  createdAt: '2020-01-01T00:00:00Z',
  createdBy: '33333333-3333-4333-8333-333333333333',
  updatedAt: '2020-01-01T00:00:00Z',
  deletedAt: null,
  archivedAt: null,
  blockedAt: null,
  auditId: 1,
  seq: 1,
  hash: 'ff',
  roles: ['admin'],
  role: 'admin',
  permissions: ['audit.read'],
  isAdmin: true,
  userId: '44444444-4444-4444-8444-444444444444',
  holderUserId: '44444444-4444-4444-8444-444444444444',
  holder: '44444444-4444-4444-8444-444444444444',
  status: 'closed',
  passwordHash: 'x',
  subjectKind: 'staff',
};

/** Object locations that are not strict on purpose (see the header). */
const NOT_STRICT = new Set(['POST /api/guide/entries body.fields', 'POST /api/guide/entries/{id}/versions body.fields', 'POST /api/portal/saml/acs body']);

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema | Schema[];
  prefixItems?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  nullable?: boolean;
  default?: unknown;
  $ref?: string;
};

interface Variant {
  allProperties: boolean;
  lastAlternative: boolean;
}
/** Tried in this order: every property first, so optional nested objects are there to test. */
const VARIANTS: Variant[] = [
  { allProperties: true, lastAlternative: false },
  { allProperties: false, lastAlternative: false },
  { allProperties: true, lastAlternative: true },
  { allProperties: false, lastAlternative: true },
];

/** Refinements JSON Schema cannot express (e.g. "exactly one of"): fields added to the generated body. */
const COMPLETIONS: Record<string, Record<string, unknown>> = {
  'POST /api/stafetlogs/{id}/relays': { toUserId: '55555555-5555-4555-8555-555555555555' },
};

const KNOWN_PATTERNS: Record<string, (name: string) => string> = {
  '^[0-9]{3}$': () => '101',
  '^#[0-9a-fA-F]{6}$': () => '#00aa55',
  '^[a-z0-9._@-]{2,100}$': () => `bruger-${Math.floor(Math.random() * 1e9)}`,
};

/** A value that satisfies the schema (as far as JSON Schema tells; names hint at dates and CPR). */
function sample(schema: Schema, name: string, v: Variant, doc: { components?: { schemas?: Record<string, Schema> } }): unknown {
  if (schema.$ref) return sample(doc.components!.schemas![schema.$ref.split('/').pop()!]!, name, v, doc);
  const alternatives = (schema.anyOf ?? schema.oneOf)?.filter((s) => s.type !== 'null');
  if (alternatives?.length) return sample(v.lastAlternative ? alternatives.at(-1)! : alternatives[0]!, name, v, doc);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((s) => sample(s, name, v, doc)));
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum.find((e) => e !== null);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (v.allProperties || schema.required?.includes(key)) out[key] = sample(prop, key, v, doc);
      }
      return out;
    }
    case 'array': {
      const items = schema.items ?? {};
      if (Array.isArray(items)) return items.map((s, i) => sample(s, `${name}.${i}`, v, doc));
      if (schema.prefixItems) return schema.prefixItems.map((s, i) => sample(s, `${name}.${i}`, v, doc));
      const n = Math.max(schema.minItems ?? 1, 1);
      return Array.from({ length: n }, () => sample(items, name, v, doc));
    }
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'string':
      return sampleString(schema, name);
    default:
      throw new Error(`no sample for ${name}: ${JSON.stringify(schema).slice(0, 200)}`);
  }
}

function sampleString(schema: Schema, name: string): string {
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'email') return 'test@example.dk';
  if (schema.format === 'date-time') return '2026-03-10T10:00:00.000Z';
  if (schema.format === 'date' || /(Date|From|To|On|^date|At)$/.test(name)) return '2026-03-10';
  if (/cpr$/i.test(name)) return fictitiousCpr('2021-03-04', 4242);
  if (schema.pattern) {
    const known = KNOWN_PATTERNS[schema.pattern];
    if (!known) throw new Error(`no sample for the pattern of ${name}: ${schema.pattern}`);
    return known(name);
  }
  if (name === 'slug') return `indgang-${Math.floor(Math.random() * 1e9)}`;
  if (name === 'password') return PASSWORD;
  const min = Math.max(schema.minLength ?? 1, 1);
  return 'Tekst til prøve'.padEnd(min, 'x').slice(0, schema.maxLength ?? 10_000);
}

/** Every object location in a body: [path of keys, the object schema]. */
function objectLocations(schema: Schema, doc: Parameters<typeof sample>[3], at: (string | number)[] = [], v: Variant = VARIANTS[0]!): [(string | number)[], Schema][] {
  if (schema.$ref) return objectLocations(doc.components!.schemas![schema.$ref.split('/').pop()!]!, doc, at, v);
  const alternatives = (schema.anyOf ?? schema.oneOf)?.filter((s) => s.type !== 'null');
  if (alternatives?.length) return objectLocations(v.lastAlternative ? alternatives.at(-1)! : alternatives[0]!, doc, at, v);
  const out: [(string | number)[], Schema][] = [];
  if (schema.properties || schema.type === 'object') {
    out.push([at, schema]);
    for (const [key, prop] of Object.entries(schema.properties ?? {})) out.push(...objectLocations(prop, doc, [...at, key], v));
  }
  if (schema.type === 'array' && schema.items && !Array.isArray(schema.items)) out.push(...objectLocations(schema.items, doc, [...at, 0], v));
  return out;
}

function at(body: unknown, path: (string | number)[]): Record<string, unknown> | undefined {
  let node = body as Record<string | number, unknown> | undefined;
  for (const key of path) node = node?.[key] as Record<string | number, unknown> | undefined;
  return node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}

const bodyValidationError = (res: LightMyRequestResponse) =>
  res.statusCode === 400 && (res.json().error?.details as { where?: string }[] | undefined)?.some((d) => d.where === 'body');

describe('mass assignment: no route accepts fields it should not', () => {
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  let t: Tenant;
  let admin: Client;
  let doc: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { in: string; name: string; schema: Schema }[] }>>; components?: { schemas?: Record<string, Schema> } };
  type Route = { method: string; path: string; schema: Schema; parameters: { in: string; name: string; schema: Schema }[] };
  let routes: Route[];

  before(async () => {
    env = await testDatabase();
    harness = await testApp({ db: env.db, config: { rateLimit: { perMinute: 100_000, loginPerMinute: 100_000 } } });
    t = await createTenant(env.db);
    admin = await login(harness.app, t, 'admin');
    doc = (await harness.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    routes = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (['post', 'put', 'patch'].includes(method) && schema) routes.push({ method: method.toUpperCase(), path, schema, parameters: op.parameters ?? [] });
      }
    }
  });
  after(async () => {
    await harness?.close();
    await env?.close();
  });

  function send(route: Route, body: unknown, pathOverrides: Record<string, string> = {}) {
    const url = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (pathOverrides[name]) return pathOverrides[name];
      const p = route.parameters.find((x) => x.in === 'path' && x.name === name);
      return encodeURIComponent(String(sample(p?.schema ?? { type: 'string' }, name, VARIANTS[0]!, doc)));
    });
    return harness.app.inject({
      method: route.method as 'POST',
      url,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'if-match': '"1"' },
      payload: body as object,
    });
  }

  /** Every object location of every body (both sides of unions), by label. */
  function locationLabels(): Map<string, Schema> {
    const out = new Map<string, Schema>();
    for (const route of routes) {
      for (const variant of [VARIANTS[0]!, VARIANTS[2]!]) {
        for (const [path, schema] of objectLocations(route.schema, doc, [], variant)) out.set(`${route.method} ${route.path} ${['body', ...path.map(String)].join('.')}`, schema);
      }
    }
    return out;
  }

  it('every object in every request body is strict, apart from the deliberate exceptions', (ctx) => {
    const locations = locationLabels();
    const loose = [...locations].filter(([, schema]) => schema.additionalProperties !== false).map(([label]) => label);
    assert.deepEqual(loose.sort(), [...NOT_STRICT].sort());
    assert.ok(routes.length >= 60, `only ${routes.length} routes with a body in the OpenAPI document`);
    ctx.diagnostic(`mass assignment (static): ${routes.length} routes with a JSON body, ${locations.size} object locations, ${NOT_STRICT.size} deliberately not strict`);
  });

  it('every route refuses forbidden keys at the top and in every nested object (400, keys named)', async (ctx) => {
    let cases = 0;
    let named = 0;
    let covered = 0;
    const problems: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (NOT_STRICT.has(`${key} body`)) continue; // the ACS (header)
      // A body that passes validation, so any refusal below is the extra keys' doing. Every
      // variant that passes is used, so both sides of a union get their nested objects tested.
      const tested = new Set<string>();
      let anyValid = false;
      for (const variant of VARIANTS) {
        const valid = { ...(sample(route.schema, 'body', variant, doc) as object), ...COMPLETIONS[key] };
        if (bodyValidationError(await send(route, valid))) continue;
        anyValid = true;
        for (const [path, schema] of objectLocations(route.schema, doc, [], variant)) {
          const label = `${key} ${['body', ...path.map(String)].join('.')}`;
          if (NOT_STRICT.has(label) || tested.has(label)) continue;
          const body = structuredClone(valid);
          const target = at(body, path);
          if (!target) continue; // an optional object this variant left out
          tested.add(label);
          const extras = Object.keys(FORBIDDEN).filter((k) => !(k in (schema.properties ?? {})));
          for (const k of extras) target[k] = FORBIDDEN[k];
          const res = await send(route, body);
          cases += 1;
          if (!bodyValidationError(res)) {
            problems.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
            continue;
          }
          const messages = (res.json().error.details as { message: string }[]).map((d) => d.message).join(' ');
          if (extras.every((k) => messages.includes(`"${k}"`))) named += 1;
        }
      }
      if (anyValid) covered += 1;
      else problems.push(`${key}: no generated body passes validation`);
    }
    assert.deepEqual(problems, []);
    assert.equal(covered, routes.length - 1, 'every route but the ACS got a valid body');
    assert.equal(cases, locationLabels().size - NOT_STRICT.size, 'every strict object location was tried');
    ctx.diagnostic(`mass assignment: ${covered} routes covered, ${cases} bodies with forbidden keys refused with 400 (${named} naming every key), 0 accepted`);
  });

  it("a guide entry's fields take only the kind's field names: ids and versions there are refused, nothing stored", async () => {
    const before = await harness.app.inject({ method: 'GET', url: '/api/guide/entries', headers: { cookie: admin.cookie } });
    const countBefore = before.json().items.length;
    const smuggled = { municipalityId: FORBIDDEN.municipalityId as string, version: '99', createdBy: 'admin' };
    const create = await admin.post('/api/guide/entries', { kind: 'retningslinje', title: 'Smuglet', fields: smuggled });
    assert.ok(create.statusCode >= 400 && create.statusCode < 500, create.body);
    const paths = (create.json().error.details as { path: string }[]).map((d) => d.path).sort();
    assert.deepEqual(paths, ['fields.createdBy', 'fields.municipalityId', 'fields.version']);

    const ok = await admin.post('/api/guide/entries', { kind: 'retningslinje', title: 'Ærlig', body: 'Indhold' });
    assert.equal(ok.statusCode, 201, ok.body);
    const { id, version } = ok.json();
    const versionRes = await admin.post(`/api/guide/entries/${id}/versions`, { title: 'Ærlig 2', changeNote: 'Rettet', fields: smuggled }, { 'if-match': `"${version}"` });
    assert.ok(versionRes.statusCode >= 400 && versionRes.statusCode < 500, versionRes.body);
    const entry = (await admin.get(`/api/guide/entries/${id}`)).json();
    assert.equal(entry.version, version, 'the entry did not change');
    assert.equal(entry.title, 'Ærlig');
    const after = await harness.app.inject({ method: 'GET', url: '/api/guide/entries', headers: { cookie: admin.cookie } });
    assert.equal(after.json().items.length, countBefore + 1, 'only the honest entry was stored');
  });
});
