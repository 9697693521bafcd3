// Security battery, item 2 (fast form): the authorisation matrix. Roles × resources × actions ×
// scope, the expected answer in ONE table below (✓ allowed, · refused), checked against the real
// routes, and checked against the role model (src/domain/roles.ts: ROLE_PERMISSIONS,
// UNIT_CHILD_ROLES): the first test derives every cell from the model and the actors' places
// and fails when the table and the model part ways — so a changed role model needs a reviewed
// change of this table.
//
// Where the actors sit (test/fixtures.ts and authorization-world.ts): fagperson in group A
// (Stue Blå) of the daycare Solsikken; leder of Solsikken; distriktsfacilitator and
// forebyggende_raadgiver of district Nord (Solsikken and the school Nordskolen); the
// myndighedsraadgiver holds the case of child onCase in the case team, whose teamleder reviews
// it (S8); the familiebehandler is in that team; myndighedsleder, admin and dpo sit on the
// municipality; borger is the custody holder of child inA, logged in to the parents' portal.
// Scopes: own group = child inA / group A; own institution = child inB / group B / Solsikken;
// district = the school child / class 3.A / Nordskolen; own case = child onCase; other
// municipality = the same thing in a second municipality; municipality = the municipality's own
// record (staff, import run, guide entry, group B); own child / other child = inA / inB.
// Refused means 401/403/404 (a citizen on a staff route: exactly 403, nobody: exactly 401); for
// the child list, allowed means the child is listed. Another municipality's record must answer
// byte for byte like a record that does not exist (the last test).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ROLE_PERMISSIONS, ROLES, UNIT_CHILD_ROLES, type Permission, type Role } from '../../src/domain/roles.ts';
import { waitForImport } from '../../src/modules/imports/service.ts';
import type { Client } from '../fixtures.ts';
import { fixedClock, testApp, testDatabase } from '../harness.ts';
import { buildWorld, closeLog, missing, targets, type Column, type ScopeName, type Target, type World } from './authorization-world.ts';

const COLUMNS: Record<string, Column> = {
  fag: 'fagperson',
  led: 'leder',
  fac: 'distriktsfacilitator',
  mra: 'myndighedsraadgiver',
  tml: 'teamleder',
  mle: 'myndighedsleder',
  frr: 'forebyggende_raadgiver',
  fam: 'familiebehandler',
  adm: 'admin',
  dpo: 'dpo',
  bor: 'borger',
  ano: 'anonym',
};

// prettier-ignore
const MATRIX = `
resource · action                   scope                 fag led fac mra tml mle frr fam adm dpo bor ano
child page · read                   own group              ✓   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
child page · read                   own institution        ·   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
child page · read                   district               ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
child page · read                   own case               ·   ·   ·   ✓   ✓   ·   ·   ·   ·   ·   ·   ·
child page · read                   other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
child list · lists the child        own group              ✓   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
child list · lists the child        own institution        ·   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
child list · lists the child        district               ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
child list · lists the child        own case               ·   ·   ·   ✓   ✓   ·   ·   ·   ·   ·   ·   ·
child list · lists the child        other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
screening sheet · read              own group              ✓   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
screening sheet · read              own institution        ·   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
screening sheet · read              district               ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
screening sheet · read              other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
screening ratings · save            own group              ✓   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
screening ratings · save            own institution        ·   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
screening ratings · save            district               ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
screening ratings · save            other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
screening overview · read           municipality           ·   ✓   ✓   ·   ·   ·   ·   ·   ✓   ·   ·   ·
screening overview · institution    own institution        ·   ✓   ✓   ·   ·   ·   ·   ·   ✓   ·   ·   ·
screening overview · institution    district               ·   ·   ✓   ·   ·   ·   ·   ·   ✓   ·   ·   ·
screening overview · institution    other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
audit log · read                    municipality           ·   ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·
audit extract · child               municipality           ·   ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·
audit extract · child               other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
staff · list                        municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
staff · read                        municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
staff · read                        other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
organisation · read tree            municipality           ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ·   ·
organisation · create district      municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
organisation · rename group         municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
organisation · rename group         other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
import · list                       municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
import · start (dry run)            municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
import · read run                   municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
import · read run                   other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
guide · read entries                municipality           ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ✓   ·   ·
guide · create entry                municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
guide · change entry                municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
guide · change entry                other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
stafetlog · open                    own group              ✓   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
stafetlog · open                    own institution        ·   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
stafetlog · open                    district               ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
stafetlog · open                    own case               ·   ·   ·   ✓   ✓   ·   ·   ·   ·   ·   ·   ·
stafetlog · open                    other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
stafetlog · read                    own group              ✓   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
stafetlog · read                    own institution        ·   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
stafetlog · read                    district               ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
stafetlog · read                    own case               ·   ·   ·   ✓   ✓   ·   ·   ·   ·   ·   ·   ·
stafetlog · read                    other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
consent · register on paper         own group              ✓   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
consent · register on paper         own institution        ·   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
consent · register on paper         district               ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
consent · register on paper         own case               ·   ·   ·   ✓   ✓   ·   ·   ·   ·   ·   ·   ·
consent · register on paper         other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
consent · list                      own group              ✓   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
consent · list                      own institution        ·   ✓   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
consent · list                      district               ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
consent · list                      own case               ·   ·   ·   ✓   ✓   ·   ·   ·   ·   ·   ·   ·
consent · list                      other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
consent settings · read             municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
consent settings · change           municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·   ·   ·
retention settings · read           municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ✓   ·   ·
retention · preview                 municipality           ·   ·   ·   ·   ·   ·   ·   ·   ✓   ✓   ·   ·
portal · me                         municipality           ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·
portal · child                      own child              ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·
portal · child                      other child            ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
portal · child                      other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
portal · stafetlog                  own child              ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ✓   ·
portal · stafetlog                  other child            ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
portal · stafetlog                  other municipality     ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·   ·
`;

interface Cell {
  action: string;
  scope: ScopeName;
  column: Column;
  allowed: boolean;
}

function parseMatrix(text: string): Cell[] {
  const lines = text.trim().split('\n');
  const header = lines[0]!.split(/\s{2,}/).pop()!.trim().split(/\s+/);
  return lines.slice(1).flatMap((line) => {
    const m = /^(.+?)\s{2,}(.+?)\s{2,}([✓·](?:\s+[✓·])*)$/.exec(line.trim());
    if (!m) throw new Error(`unreadable matrix line: ${line}`);
    const marks = m[3]!.split(/\s+/);
    assert.equal(marks.length, header.length, line);
    return marks.map((mark, i) => ({ action: m[1]!, scope: m[2] as ScopeName, column: COLUMNS[header[i]!]!, allowed: mark === '✓' }));
  });
}

// ── the role model's view: what each cell must be, from roles.ts and where the actors sit ──
type Reach = 'municipality' | 'child' | 'group' | 'overview' | 'custody' | 'citizen';
interface Place {
  group?: string;
  institution?: string;
  district?: string;
}
const PLACED: Record<Role, Place> = {
  fagperson: { group: 'group A' },
  leder: { institution: 'Solsikken' },
  distriktsfacilitator: { district: 'Nord' },
  myndighedsraadgiver: {},
  teamleder: {},
  myndighedsleder: {},
  forebyggende_raadgiver: { district: 'Nord' },
  familiebehandler: {},
  admin: {},
  dpo: {},
};
/** The fixture's case is the myndighedsrådgiver's; the team's teamleder reviews it (S8, relations.ts). */
const CASE_REACH: readonly Role[] = ['myndighedsraadgiver', 'teamleder'];
const SCOPE_FACTS: Record<ScopeName, Place & { case?: boolean; foreign?: boolean; custody?: boolean }> = {
  'own group': { group: 'group A', institution: 'Solsikken', district: 'Nord' },
  'own institution': { group: 'group B', institution: 'Solsikken', district: 'Nord' },
  district: { group: 'class 3.A', institution: 'Nordskolen', district: 'Nord' },
  'own case': { case: true },
  'other municipality': { foreign: true },
  municipality: {},
  'own child': { custody: true },
  'other child': {},
};

function derive(column: Column, needs: Permission | 'citizen', reach: Reach, scope: ScopeName): boolean {
  const f = SCOPE_FACTS[scope];
  if (f.foreign) return false;
  if (needs === 'citizen') return column === 'borger' && (reach !== 'custody' || !!f.custody);
  if (column === 'borger' || column === 'anonym' || !ROLE_PERMISSIONS[column].includes(needs)) return false;
  const p = PLACED[column];
  // A unit role reaches the children (and groups) of its group, or of every group of its institution.
  const viaUnit = UNIT_CHILD_ROLES.includes(column) && (p.group ? p.group === f.group : !!p.institution && p.institution === f.institution);
  switch (reach) {
    case 'municipality':
      return true;
    case 'group':
      return viaUnit;
    case 'child':
      return viaUnit || (!!f.case && CASE_REACH.includes(column));
    case 'overview':
      return ROLE_PERMISSIONS[column].includes('screening.manage') || (!!p.district && p.district === f.district) || (!!p.institution && p.institution === f.institution);
    default:
      return false;
  }
}

// ── the actions: what each row sends ──
interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  url: string;
  body?: object;
  headers?: Record<string, string>;
}
interface Action {
  needs: Permission | 'citizen';
  reach: Reach;
  request(x: Target, w: World, foreign: boolean): Req | Promise<Req>;
  /** Default: any 2xx. */
  isAllowed?(res: LightMyRequestResponse, x: Target): boolean;
  /** Undo (close the log) or settle (wait for the import) what an allowed write started, so the next actor meets the same world. */
  afterAllowed?(res: LightMyRequestResponse, client: Client): Promise<void>;
}

let seq = 0;
const get = (url: string): Req => ({ method: 'GET', url });
const ACTIONS: Record<string, Action> = {
  'child page · read': { needs: 'children.list', reach: 'child', request: (x) => get(`/api/children/${x.child}`) },
  'child list · lists the child': {
    needs: 'children.list',
    reach: 'child',
    request: () => get('/api/children?pageSize=100'),
    isAllowed: (res, x) => res.statusCode === 200 && res.json().items.some((c: { id: string }) => c.id === x.child),
  },
  'screening sheet · read': { needs: 'screening.rate', reach: 'group', request: (x, w) => get(`/api/screening/rounds/${w.roundT}/groups/${x.group}`) },
  'screening ratings · save': {
    needs: 'screening.rate',
    reach: 'group',
    request: (x, w) => ({ method: 'POST', url: `/api/screening/rounds/${w.roundT}/groups/${x.group}/ratings`, body: { ratings: [{ childId: x.groupChild, positionId: w.positionT }] } }),
  },
  'screening overview · read': { needs: 'screening.progress', reach: 'municipality', request: () => get('/api/screening/overview') },
  'screening overview · institution': { needs: 'screening.progress', reach: 'overview', request: (x) => get(`/api/screening/overview/institutions/${x.institution}`) },
  'audit log · read': { needs: 'audit.read', reach: 'municipality', request: () => get('/api/audit/events') },
  'audit extract · child': { needs: 'audit.read', reach: 'municipality', request: (x) => get(`/api/audit/children/${x.child}/extract`) },
  'staff · list': { needs: 'staff.manage', reach: 'municipality', request: () => get('/api/staff') },
  'staff · read': { needs: 'staff.manage', reach: 'municipality', request: (x) => get(`/api/staff/${x.user}`) },
  'organisation · read tree': { needs: 'org.read', reach: 'municipality', request: () => get('/api/org/tree') },
  'organisation · create district': { needs: 'org.manage', reach: 'municipality', request: () => ({ method: 'POST', url: '/api/org/districts', body: { name: `Distrikt ${++seq}` } }) },
  'organisation · rename group': {
    needs: 'org.manage',
    reach: 'municipality',
    request: async (x, w, foreign) => {
      const tree = (await w.clients.admin.get('/api/org/tree')).json();
      const groups = [...tree.districts.flatMap((d: { institutions: unknown[] }) => d.institutions), ...tree.unassigned].flatMap((i: { groups: { id: string; version: number }[] }) => i.groups);
      const version = foreign ? 1 : groups.find((g) => g.id === x.orgGroup)!.version;
      return { method: 'PATCH', url: `/api/org/groups/${x.orgGroup}`, body: { name: `Stue ${++seq}` }, headers: { 'if-match': `"${version}"` } };
    },
  },
  'import · list': { needs: 'import.run', reach: 'municipality', request: () => get('/api/imports') },
  'import · start (dry run)': {
    needs: 'import.run',
    reach: 'municipality',
    request: (_x, w) => ({ method: 'POST', url: '/api/imports', body: { kind: 'institutions', fileName: 'matrix.csv', csv: w.importCsv, dryRun: true } }),
    afterAllowed: (res) => waitForImport(res.json().id),
  },
  'import · read run': { needs: 'import.run', reach: 'municipality', request: (x) => get(`/api/imports/${x.run}`) },
  'guide · read entries': { needs: 'org.read', reach: 'municipality', request: () => get('/api/guide/entries') },
  'guide · create entry': { needs: 'guide.edit', reach: 'municipality', request: () => ({ method: 'POST', url: '/api/guide/entries', body: { kind: 'retningslinje', title: `Indgang ${++seq}` } }) },
  'guide · change entry': {
    needs: 'guide.edit',
    reach: 'municipality',
    request: async (x, w, foreign) => {
      const version = foreign ? 1 : (await w.clients.admin.get(`/api/guide/entries/${x.entry}`)).json().version;
      return { method: 'PATCH', url: `/api/guide/entries/${x.entry}`, body: { isPublic: seq++ % 2 === 0 }, headers: { 'if-match': `"${version}"` } };
    },
  },
  'stafetlog · open': {
    needs: 'stafetlog.work',
    reach: 'child',
    request: (x) => ({ method: 'POST', url: `/api/children/${x.child}/stafetlogs`, body: { concern: 'Barnet virker trist.', level: 1 } }),
    afterAllowed: (res, client) => closeLog(client, res.json().id, res.json().version),
  },
  'stafetlog · read': { needs: 'stafetlog.work', reach: 'child', request: (x) => get(`/api/stafetlogs/${x.log}`) },
  'consent · register on paper': {
    needs: 'consent.register',
    reach: 'child',
    request: (x) => ({
      method: 'POST',
      url: `/api/children/${x.child}/consents`,
      body: {
        purpose: 'stafetlog',
        informationTypes: ['stafetlog'],
        recipients: [{ kind: 'role', role: 'fagperson' }],
        validFrom: '2026-03-01',
        validTo: '2026-06-30',
        attestation: 'Underskrevet erklæring modtaget og scannet.',
        signedBy: [x.holder],
      },
    }),
  },
  'consent · list': { needs: 'consent.register', reach: 'child', request: (x) => get(`/api/children/${x.child}/consents`) },
  'consent settings · read': { needs: 'consent.manage', reach: 'municipality', request: () => get('/api/admin/consent-settings') },
  'consent settings · change': {
    needs: 'consent.manage',
    reach: 'municipality',
    request: async (_x, w) => {
      const { version, ...settings } = (await w.clients.admin.get('/api/admin/consent-settings')).json();
      return { method: 'PUT', url: '/api/admin/consent-settings', body: settings, headers: { 'if-match': `"${version}"` } };
    },
  },
  'retention settings · read': { needs: 'retention.manage', reach: 'municipality', request: () => get('/api/retention/settings') },
  'retention · preview': { needs: 'retention.manage', reach: 'municipality', request: () => get('/api/retention/preview') },
  'portal · me': { needs: 'citizen', reach: 'citizen', request: () => get('/api/portal/me') },
  'portal · child': { needs: 'citizen', reach: 'custody', request: (x) => get(`/api/portal/children/${x.child}`) },
  'portal · stafetlog': { needs: 'citizen', reach: 'custody', request: (x) => get(`/api/portal/stafetlogs/${x.log}`) },
};

describe('authorisation matrix', () => {
  const cells = parseMatrix(MATRIX);
  const clock = fixedClock(new Date('2026-03-10T10:00:00Z'));
  let env: Awaited<ReturnType<typeof testDatabase>>;
  let harness: Awaited<ReturnType<typeof testApp>>;
  let w: World;

  before(async () => {
    env = await testDatabase();
    harness = await testApp({ db: env.db, clock, config: { demo: true, rateLimit: { perMinute: 1_000_000, loginPerMinute: 100_000 } } });
    w = await buildWorld(harness.app, env.db, clock);
  });
  after(async () => {
    await harness?.close();
    await env?.close();
  });

  function send(client: Client, req: Req) {
    const headers: Record<string, string> = { ...(client.cookie ? { cookie: client.cookie } : {}), ...(req.method !== 'GET' && client.csrf ? { 'x-csrf-token': client.csrf } : {}), ...req.headers };
    return harness.app.inject({ method: req.method, url: req.url, headers, ...(req.body ? { payload: req.body } : {}) });
  }

  it('the table covers every role and agrees with the role model (roles.ts)', (ctx) => {
    const columns = new Set(cells.map((c) => c.column));
    for (const role of ROLES) assert.ok(columns.has(role), `role ${role} has no column`);
    const disagree = cells
      .filter((c) => {
        const a = ACTIONS[c.action];
        assert.ok(a, `no action "${c.action}"`);
        return derive(c.column, a.needs, a.reach, c.scope) !== c.allowed;
      })
      .map((c) => `${c.action} · ${c.scope} · ${c.column}: table ${c.allowed ? '✓' : '·'}`);
    assert.deepEqual(disagree, []);
    ctx.diagnostic(`authorization matrix: ${new Set(cells.map((c) => c.action)).size} actions, ${new Set(cells.map((c) => `${c.action}|${c.scope}`)).size} rows, ${columns.size} columns, every cell derived from roles.ts`);
  });

  it('every cell answers as the table says, through the real routes', async (ctx) => {
    const x = targets(w);
    const wrong: string[] = [];
    let allowed = 0;
    for (const cell of cells) {
      const action = ACTIONS[cell.action]!;
      const client = w.clients[cell.column];
      const res = await send(client, await action.request(x[cell.scope], w, cell.scope === 'other municipality'));
      const ok = action.isAllowed ? action.isAllowed(res, x[cell.scope]) : res.statusCode >= 200 && res.statusCode < 300;
      const refused = [401, 403, 404].includes(res.statusCode) || (res.statusCode === 200 && !ok);
      const where = `${cell.action} · ${cell.scope} · ${cell.column}: ${res.statusCode} ${res.body.slice(0, 160)}`;
      if (cell.allowed ? !ok : !refused) wrong.push(`expected ${cell.allowed ? 'allowed' : 'refused'} — ${where}`);
      else if (cell.column === 'borger' && action.needs !== 'citizen' && (res.statusCode !== 403 || res.json().error.code !== 'access.denied')) {
        wrong.push(`a citizen on a staff route must get 403 access.denied — ${where}`);
      } else if (cell.column === 'anonym' && res.statusCode !== 401) wrong.push(`nobody must get 401 — ${where}`);
      if (cell.allowed && ok) {
        allowed += 1;
        await action.afterAllowed?.(res, client);
      }
    }
    assert.deepEqual(wrong, []);
    ctx.diagnostic(`authorization matrix: ${cells.length} cases, ${allowed} allowed, ${cells.length - allowed} denied`);
  });

  it("another municipality's record answers byte for byte like a missing one, for every actor", async (ctx) => {
    const x = targets(w)['other municipality'];
    const gone = missing(x);
    const headerNames = (r: LightMyRequestResponse) => Object.keys(r.headers).filter((h) => !['date', 'content-length', 'x-ratelimit-remaining', 'x-ratelimit-reset'].includes(h)).sort();
    let pairs = 0;
    const differ: string[] = [];
    for (const cell of cells.filter((c) => c.scope === 'other municipality' && c.action !== 'child list · lists the child')) {
      const action = ACTIONS[cell.action]!;
      const client = w.clients[cell.column];
      const foreign = await send(client, await action.request(x, w, true));
      const absent = await send(client, await action.request(gone, w, true));
      pairs += 1;
      if (foreign.statusCode !== absent.statusCode || foreign.body !== absent.body || headerNames(foreign).join() !== headerNames(absent).join()) {
        differ.push(`${cell.action} · ${cell.column}: ${foreign.statusCode} ${foreign.body} ≠ ${absent.statusCode} ${absent.body}`);
      }
    }
    assert.deepEqual(differ, []);
    ctx.diagnostic(`other municipality = missing: ${pairs} pairs compared, ${pairs - differ.length} identical`);
  });
});
