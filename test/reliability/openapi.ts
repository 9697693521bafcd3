// The routes as the OpenAPI document (GET /api/docs/json) describes them, and fast-check
// arbitraries made from their JSON schemas: values of the declared shape ("valid-shaped":
// they may still break a rule the schema cannot say, such as a date range) and broken ones
// (wrong types, out of range, missing or extra fields, hostile strings).
import fc from 'fast-check';
import { fictitiousCpr } from '../../src/domain/cpr.ts';
import type { App } from '../../src/http/types.ts';
import { PASSWORD } from '../fixtures.ts';

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema | JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

export interface Param {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** As in the document: /api/stafetlogs/{id}. */
  path: string;
  key: string;
  summary: string;
  params: Param[];
  query: Param[];
  body?: JsonSchema;
}

/** Every operation of the built app, read from its own OpenAPI document. */
export async function operations(app: App): Promise<Operation[]> {
  const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
  if (res.statusCode !== 200) throw new Error(`GET /api/docs/json answered ${res.statusCode}`);
  const doc = res.json() as { paths: Record<string, Record<string, { summary?: string; parameters?: (Param & { in: string })[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>> };
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const parameters = op.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        key: `${method.toUpperCase()} ${path}`,
        summary: op.summary ?? '',
        params: parameters.filter((p) => p.in === 'path'),
        query: parameters.filter((p) => p.in === 'query'),
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

// ── where ids come from ───────────────────────────────────────────────────────────────────

/** Ids that exist, per table, so generated requests reach real records (refreshed as the run writes). */
export interface Pools {
  byTable: Map<string, string[]>;
  all: string[];
  /** Ids a generated change must not name in its path (the fuzzer's own users, units and enrolments). */
  protectedIds: Set<string>;
  municipalityCodes: string[];
  slugs: string[];
}

/** A path segment or field name → the table its ids live in. */
const TABLE_OF: Record<string, string> = {
  districts: 'districts', districtId: 'districts',
  institutions: 'institutions', institutionId: 'institutions', toInstitutionId: 'institutions',
  groups: 'groups', groupId: 'groups',
  teams: 'teams', teamId: 'teams',
  staff: 'users', userId: 'users', toUserId: 'users',
  memberships: 'memberships', membershipId: 'memberships',
  children: 'children', childId: 'children',
  enrolments: 'enrolments', enrolmentId: 'enrolments',
  imports: 'import_runs',
  rounds: 'screening_rounds', roundId: 'screening_rounds',
  scales: 'screening_scales', scaleId: 'screening_scales',
  positions: 'screening_positions', positionId: 'screening_positions',
  notices: 'notices',
  entries: 'guide_entries', entryIds: 'guide_entries',
  handleguides: 'guide_handleguides',
  consents: 'consents',
  stafetlogs: 'stafetlogs',
  participants: 'stafetlog_participants', participantId: 'stafetlog_participants',
  goals: 'stafetlog_goals', goalId: 'stafetlog_goals',
  actions: 'stafetlog_actions', actionId: 'stafetlog_actions',
  evaluations: 'stafetlog_evaluations', evaluationId: 'stafetlog_evaluations',
  documents: 'stafetlog_documents', documentId: 'stafetlog_documents',
  'stafetlog-relays': 'stafetlog_relays', relayId: 'stafetlog_relays',
  signedBy: 'custody_holders', custodyHolderId: 'custody_holders',
  municipalityId: 'municipalities', oidc: 'municipalities', saml: 'municipalities',
};

/** The table a path parameter's ids live in: named by the segment before it, else by its name. */
export function tableForParam(path: string, name: string): string | undefined {
  const segments = path.split('/');
  const at = segments.indexOf(`{${name}}`);
  const before = at > 0 ? segments[at - 1]! : '';
  return TABLE_OF[before] ?? TABLE_OF[name];
}

const uuidArb = (pools: Pools, table: string | undefined, forChange: boolean): fc.Arbitrary<string> => {
  const known = (table ? pools.byTable.get(table) : undefined) ?? [];
  const usable = forChange ? known.filter((id) => !pools.protectedIds.has(id)) : known;
  const options: fc.WeightedArbitrary<string>[] = [{ arbitrary: fc.uuid(), weight: 1 }];
  if (usable.length) options.push({ arbitrary: fc.constantFrom(...usable), weight: 6 });
  const anyKnown = forChange ? pools.all.filter((id) => !pools.protectedIds.has(id)) : pools.all;
  if (anyKnown.length) options.push({ arbitrary: fc.constantFrom(...anyKnown), weight: 1 });
  return fc.oneof(...options);
};

// ── strings ───────────────────────────────────────────────────────────────────────────────

/** Strings that have broken web apps before: NUL and control characters, lone surrogates, SQL, paths, huge. */
const HOSTILE = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff x',
  '\u202e\u0000',
  '\t\r\n',
  "' OR 1=1 --",
  '"; DROP TABLE children; --',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  '\\',
  '0101901234',
  '010190-1234',
  'NaN',
  '-1',
  '1e309',
  '2026-02-30',
  '0000-00-00',
  '9999-12-31',
  '+275760-09-13',
  '😀'.repeat(50),
  'x'.repeat(10_001),
];

/** Fictitious CPR numbers (valid form), some of children that exist in the fixtures' range. */
const cprArb = fc
  .tuple(fc.date({ min: new Date('2008-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 9999 }))
  .map(([d, n]) => fictitiousCpr(d.toISOString().slice(0, 10), n));

const DATE_NAME = /(On|From|To|Date|^from|^to|^at)$/;
const dateArb = fc.oneof(
  fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-03-10', '2026-02-29', '2024-02-29', '2026-13-01', '2026-00-10', '1900-01-01', '2100-01-01'),
);

function textArb(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 80, 80));
  const arbs: fc.Arbitrary<string>[] = [
    fc.string({ minLength: Math.max(min, 1), maxLength: max }),
    fc.string({ minLength: Math.max(min, 1), maxLength: max, unit: 'grapheme' }),
    // any code point: control characters, NUL, lone surrogates inside otherwise valid text
    fc.string({ minLength: min, maxLength: max, unit: 'binary' }),
  ];
  if (s.maxLength !== undefined && s.maxLength <= 10_000) arbs.push(fc.constant('å'.repeat(s.maxLength)));
  return fc.oneof(...arbs);
}

// ── arbitraries from a schema ─────────────────────────────────────────────────────────────

export interface GenContext {
  pools: Pools;
  /** The request changes something: keep the fuzzer's own records out of its paths. */
  forChange: boolean;
}

const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** A value of the declared shape. */
export function validArb(s: JsonSchema, name: string, g: GenContext, depth = 0): fc.Arbitrary<unknown> {
  const alts = s.oneOf ?? s.anyOf;
  const base = ((): fc.Arbitrary<unknown> => {
    if (alts?.length) return fc.oneof(...alts.map((a) => validArb(a, name, g, depth + 1)));
    if (s.allOf?.length) return validArb(Object.assign({}, ...s.allOf), name, g, depth + 1);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    switch (typeOf(s)) {
      case 'string':
        if (s.format === 'uuid') return uuidArb(g.pools, TABLE_OF[name], false);
        if (name === 'slug') return g.pools.slugs.length ? fc.oneof(fc.constantFrom(...g.pools.slugs), fc.stringMatching(/^[a-z0-9]{2,12}$/)) : fc.stringMatching(/^[a-z0-9]{2,12}$/);
        if (name === 'cpr') return fc.oneof(cprArb, textArb(s));
        if (name === 'password') return fc.oneof(fc.constant(PASSWORD), textArb(s));
        if (name === 'username' && !s.pattern) return fc.oneof(fc.constantFrom('laerer', 'teamleder', 'admin'), textArb(s));
        if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
        if (DATE_NAME.test(name)) return dateArb;
        return textArb(s);
      case 'integer': {
        const lo = Math.max(s.minimum ?? -1000, -2_147_483_648) + (s.exclusiveMinimum === true ? 1 : 0);
        const hi = Math.min(s.maximum ?? 1000, 2_147_483_647) - (s.exclusiveMaximum === true ? 1 : 0);
        return fc.integer({ min: lo, max: Math.max(lo, hi) });
      }
      case 'number':
        return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const item = Array.isArray(s.items) ? s.items[0] : s.items;
        const min = s.minItems ?? 0;
        return fc.array(item ? validArb(item, name, g, depth + 1) : fc.jsonValue(), { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? 4, 4)) });
      }
      case 'object':
        return objectArb(s, g, depth);
      default:
        return depth > 3 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return s.nullable ? fc.oneof({ arbitrary: base, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 }) : base;
}

function objectArb(s: JsonSchema, g: GenContext, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries(props)) model[k] = validArb(v, k, g, depth + 1);
  const rec = fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
  if (s.additionalProperties && typeof s.additionalProperties === 'object' && Object.keys(props).length === 0) {
    return fc.dictionary(fc.string({ maxLength: 12 }), validArb(s.additionalProperties, '', g, depth + 1) as fc.Arbitrary<unknown>, { maxKeys: 4 });
  }
  return rec as fc.Arbitrary<Record<string, unknown>>;
}

/** Fields no client may set: a body carrying them must be refused, never obeyed. */
const FORBIDDEN_FIELDS = ['municipalityId', 'id', 'version', 'createdBy', 'createdAt', 'role', 'roles', 'isAdmin', '__proto__', 'constructor', 'seq', 'hash'];

/** A value that breaks the declared shape somewhere. */
export function brokenArb(s: JsonSchema, name: string, g: GenContext, depth = 0): fc.Arbitrary<unknown> {
  const junk = fc.constantFrom<unknown>(null, 0, -1, 1.5, 2 ** 53 + 2, true, [], {}, ...HOSTILE);
  const t = typeOf(s);
  const specific: fc.Arbitrary<unknown>[] = [junk];
  if (t === 'string') {
    specific.push(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 40 }));
    if (s.maxLength !== undefined && s.maxLength < 100_000) specific.push(fc.constant('x'.repeat(s.maxLength + 1)));
    if (s.format === 'uuid') specific.push(fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-00000000000g', `${'1'.repeat(8)}-1111-1111-1111-111111111111x`));
  } else if (t === 'integer' || t === 'number') {
    specific.push(fc.constantFrom((s.minimum ?? 0) - 1, (s.maximum ?? 1000) + 1, 0.5, '1', 'ten', Number.MAX_VALUE));
  } else if (t === 'array') {
    const item = Array.isArray(s.items) ? s.items[0] : s.items;
    if (item) specific.push(fc.array(brokenArb(item, name, g, depth + 1), { minLength: 1, maxLength: 3 }));
    if (s.maxItems !== undefined && item) specific.push(fc.array(validArb(item, name, g, depth + 1), { minLength: Math.min(s.maxItems + 1, 300), maxLength: Math.min(s.maxItems + 1, 300) }));
  } else if (t === 'object' && depth < 4) {
    const props = Object.keys(s.properties ?? {});
    const valid = objectArb(s, g, depth);
    if (props.length) {
      specific.push(
        fc.tuple(valid, fc.constantFrom(...props)).chain(([v, k]) => brokenArb(s.properties![k]!, k, g, depth + 1).map((b) => ({ ...v, [k]: b }))),
        fc.tuple(valid, fc.constantFrom(...FORBIDDEN_FIELDS), fc.oneof(fc.uuid(), fc.integer(), fc.constant('admin'))).map(([v, k, x]) => ({ ...v, [k]: x })),
      );
    }
    const required = s.required ?? [];
    if (required.length) {
      specific.push(
        fc.tuple(valid, fc.constantFrom(...required)).map(([v, k]) => {
          const copy = { ...v };
          delete copy[k];
          return copy;
        }),
      );
    }
  }
  return fc.oneof({ arbitrary: junk, weight: 1 }, { arbitrary: fc.oneof(...specific), weight: 4 });
}

/** A path parameter: a real id (of this municipality or another), a random one, or garbage. */
export function paramArb(op: Operation, p: Param, g: GenContext, broken: boolean): fc.Arbitrary<string> {
  const s = p.schema;
  const garbage = fc.constantFrom('not-a-uuid', '..', '%00', '%2e%2e%2f', ' ', 'null', '-1', '0', '99999999999999999999', 'x'.repeat(3000), 'æøå', '%F0%9F%98%80', "1'--");
  if (broken) return fc.oneof({ arbitrary: garbage, weight: 3 }, { arbitrary: fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent), weight: 1 });
  if (s.format === 'uuid') return uuidArb(g.pools, tableForParam(op.path, p.name), g.forChange);
  if (s.enum?.length) return fc.constantFrom(...s.enum.map(String));
  if (p.name === 'slug') return g.pools.slugs.length ? fc.constantFrom(...g.pools.slugs) : fc.constant('underretning');
  if (p.name === 'code') return fc.constantFrom(...g.pools.municipalityCodes, '000', '999');
  if (typeOf(s) === 'integer' || typeOf(s) === 'number') return fc.integer({ min: 1, max: 4 }).map(String);
  return validArb(s, p.name, g).map((v) => encodeURIComponent(String(v)));
}

/** A query string value: as the schema says, or broken; always sent as text. */
export function queryArb(p: Param, g: GenContext, broken: boolean): fc.Arbitrary<string> {
  return (broken ? brokenArb(p.schema, p.name, g) : validArb(p.schema, p.name, g)).map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)));
}
