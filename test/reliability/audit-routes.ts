// Which routes read or write a child's data, and the audit rows each must leave: one
// scenario per route, run in this order against the reliability world (later scenarios use
// what earlier ones made). Every route of the OpenAPI document is either here or in
// NO_CHILD_DATA with the reason; audit-coverage.test.ts fails on a route in neither.
// Expected rows read "action resourceType child" — the child by its fixture name, or '-'.
import { fictitiousCpr } from '../../src/domain/cpr.ts';
import type { Client } from '../fixtures.ts';
import type { World } from './world.ts';

export interface State {
  w: World;
  c: World['clients'] & { laerer: Client; far: Client };
  /** Ids made by earlier scenarios. */
  v: Record<string, string>;
  version(table: string, id: string): Promise<number>;
}

export interface Scenario {
  route: string;
  who: keyof State['c'] | 'anonymous';
  /** Steps that prepare the request (not part of what is checked). */
  prep?(s: State): Promise<void>;
  url(s: State): string;
  body?(s: State): unknown;
  /** The record whose version goes in If-Match: [table, id]. */
  ifMatch?(s: State): [string, string];
  status: number;
  audit: string[];
  /** Keep ids from the answer for later scenarios. */
  keep?(body: unknown, s: State): void;
  /** The request starts background work (an import run): wait for it before reading the trail. */
  background?: boolean;
}

const TODAY = '2026-03-10';
const newChildCpr = fictitiousCpr('2022-04-05', 4321);
const consentBody = (s: State, recipients: unknown[]) => ({
  purpose: 'stafetlog',
  informationTypes: ['stafetlog'],
  recipients,
  validFrom: '2026-03-01',
  validTo: '2026-06-30',
});
const log = (s: State) => `/api/stafetlogs/${s.w.ids.logA}`;
const logB = (s: State) => `/api/stafetlogs/${s.w.ids.logB}`;
const j = (b: unknown) => b as { id: string } & Record<string, unknown>;

export const SCENARIOS: Scenario[] = [
  // ── people ──
  { route: 'GET /api/children', who: 'paedagogA', url: (s) => `/api/children?groupId=${s.w.t.groupA}`, status: 200, audit: ['list child inA'] },
  { route: 'POST /api/children/search', who: 'paedagogA', url: () => '/api/children/search', body: () => ({ q: 'Barn1' }), status: 200, audit: ['search child -', 'list child inA'] },
  { route: 'GET /api/children/{id}', who: 'paedagogA', url: (s) => `/api/children/${s.w.t.children.inA}`, status: 200, audit: ['read child inA'] },
  { route: 'POST /api/children/{id}/reveal-cpr', who: 'paedagogA', url: (s) => `/api/children/${s.w.t.children.inA}/reveal-cpr`, body: () => ({ purpose: 'Underretning til kommunen' }), status: 200, audit: ['reveal_cpr child inA'] },
  {
    route: 'POST /api/children',
    who: 'admin',
    url: () => '/api/children',
    body: () => ({ cpr: newChildCpr, firstName: 'Ny', lastName: 'Testesen', birthDate: '2022-04-05' }),
    status: 201,
    audit: ['create child new'],
    keep: (b, s) => (s.v.newChild = j(b).id),
  },
  { route: 'POST /api/children/lookup', who: 'admin', url: () => '/api/children/lookup', body: () => ({ cpr: newChildCpr }), status: 200, audit: ['search child -', 'read child new'] },
  {
    route: 'POST /api/children/{id}/enrolments',
    who: 'admin',
    url: (s) => `/api/children/${s.v.newChild}/enrolments`,
    body: (s) => ({ institutionId: s.w.t.institutionId, groupId: s.w.t.groupB, validFrom: '2026-03-01' }),
    status: 201,
    audit: ['create enrolment new'],
    keep: (b, s) => (s.v.newEnrolment = j(b).id),
  },
  {
    route: 'POST /api/children/{id}/enrolments/{enrolmentId}/end',
    who: 'admin',
    url: (s) => `/api/children/${s.v.newChild}/enrolments/${s.v.newEnrolment}/end`,
    body: () => ({ validTo: TODAY }),
    status: 200,
    audit: ['update enrolment new'],
  },
  // ── the audit trail itself ──
  { route: 'GET /api/audit/events', who: 'dpo', url: (s) => `/api/audit/events?childId=${s.w.t.children.inA}&limit=5`, status: 200, audit: ['read audit_log inA'] },
  { route: 'GET /api/audit/children/{id}/extract', who: 'dpo', url: (s) => `/api/audit/children/${s.w.t.children.inA}/extract`, status: 200, audit: ['export audit_extract inA'] },
  { route: 'POST /api/audit/child-lookup', who: 'dpo', url: () => '/api/audit/child-lookup', body: () => ({ cpr: newChildCpr }), status: 200, audit: ['search child -'] },
  // ── import (runs in the background) ──
  {
    route: 'POST /api/imports',
    who: 'admin',
    url: () => '/api/imports',
    body: (s) => ({ kind: 'enrolments', csv: `cpr;institution;gruppe;fra\n${newChildCpr};Børnehuset Solsikken;Stue Grøn;2026-03-11\n`, dryRun: false, fileName: `tilmelding-${s.w.t.code}.csv` }),
    status: 202,
    audit: ['import import_run -', 'create enrolment new'],
    background: true,
  },
  // ── screening ──
  { route: 'GET /api/screening/rounds/{id}/groups/{groupId}', who: 'paedagogA', url: (s) => `/api/screening/rounds/${s.w.ids.roundId}/groups/${s.w.t.groupA}`, status: 200, audit: ['list screening_rating inA'] },
  {
    route: 'POST /api/screening/rounds/{id}/groups/{groupId}/ratings',
    who: 'leder',
    url: (s) => `/api/screening/rounds/${s.w.ids.roundId}/groups/${s.w.t.groupA}/ratings`,
    body: (s) => ({ ratings: [{ childId: s.w.t.children.inA, positionId: s.w.ids.positionIds[2] }] }),
    status: 201,
    audit: ['create screening_rating inA'],
  },
  {
    route: 'POST /api/screening/rounds/{id}/groups/{groupId}/joint',
    who: 'leder',
    url: (s) => `/api/screening/rounds/${s.w.ids.roundId}/groups/${s.w.t.groupA}/joint`,
    body: (s) => ({ childId: s.w.t.children.inA, positionId: s.w.ids.positionIds[2] }),
    status: 201,
    audit: ['create screening_rating inA'],
  },
  { route: 'GET /api/screening/children/{id}', who: 'paedagogA', url: (s) => `/api/screening/children/${s.w.t.children.inA}`, status: 200, audit: ['read screening_rating inA'] },
  // No earlier round: the leader's lists are empty, so no child is named and nothing is audited.
  { route: 'GET /api/screening/overview/institutions/{id}', who: 'leder', url: (s) => `/api/screening/overview/institutions/${s.w.t.institutionId}`, status: 200, audit: [] },
  // ── consent ──
  { route: 'GET /api/children/{childId}/consents', who: 'paedagogA', url: (s) => `/api/children/${s.w.t.children.inA}/consents`, status: 200, audit: ['list consent inA'] },
  {
    route: 'POST /api/children/{childId}/consents',
    who: 'paedagogA',
    url: (s) => `/api/children/${s.w.t.children.inA}/consents`,
    body: (s) => ({ ...consentBody(s, [{ kind: 'user', id: s.w.t.users.leder }]), attestation: 'Underskrevet på mødet.', signedBy: [s.w.family.mor, s.w.family.far] }),
    status: 201,
    audit: ['create consent inA'],
    keep: (b, s) => (s.v.paperConsent = j(b).id),
  },
  { route: 'POST /api/consents/{id}/withdraw', who: 'paedagogA', url: (s) => `/api/consents/${s.v.paperConsent}/withdraw`, body: () => ({ reason: 'Forældrene ombestemte sig' }), status: 200, audit: ['update consent inA'] },
  // ── stafetlog ──
  { route: 'GET /api/stafetlogs/mine', who: 'paedagogA', url: () => '/api/stafetlogs/mine', status: 200, audit: ['list stafetlog inA', 'list stafetlog inB'] },
  { route: 'GET /api/children/{childId}/stafetlog', who: 'paedagogA', url: (s) => `/api/children/${s.w.t.children.inA}/stafetlog`, status: 200, audit: ['read stafetlog inA'] },
  {
    route: 'POST /api/children/{childId}/stafetlogs',
    who: 'laerer',
    url: (s) => `/api/children/${s.w.t.children.atSchool}/stafetlogs`,
    body: () => ({ concern: 'Fravær', level: 1 }),
    status: 201,
    audit: ['create stafetlog atSchool'],
  },
  { route: 'GET /api/stafetlogs/{id}', who: 'paedagogA', url: log, status: 200, audit: ['read stafetlog inA'] },
  { route: 'PATCH /api/stafetlogs/{id}', who: 'paedagogA', url: log, body: () => ({ concern: 'Trækker sig fra legen; spiser lidt.' }), ifMatch: (s) => ['stafetlogs', s.w.ids.logA], status: 200, audit: ['update stafetlog inA'] },
  {
    route: 'POST /api/stafetlogs/{id}/participants',
    who: 'paedagogA',
    url: (s) => `${log(s)}/participants`,
    body: (s) => ({ userId: s.w.t.users.laerer }),
    ifMatch: (s) => ['stafetlogs', s.w.ids.logA],
    status: 201,
    audit: ['update stafetlog inA', 'create disclosure inA'],
    keep: (b, s) => (s.v.laererParticipant = (j(b).participants as unknown as { id: string; userId: string }[]).find((p) => p.userId === s.w.t.users.laerer)!.id),
  },
  {
    route: 'DELETE /api/stafetlogs/{id}/participants/{participantId}',
    who: 'paedagogA',
    url: (s) => `${log(s)}/participants/${s.v.laererParticipant}`,
    ifMatch: (s) => ['stafetlogs', s.w.ids.logA],
    status: 200,
    audit: ['update stafetlog inA', 'update disclosure inA'],
  },
  { route: 'POST /api/stafetlogs/{id}/levels', who: 'paedagogB', url: (s) => `${log(s)}/levels`, body: () => ({ level: 1 }), status: 201, audit: ['create stafetlog inA'] },
  { route: 'POST /api/stafetlogs/{id}/goals', who: 'paedagogA', url: (s) => `${log(s)}/goals`, body: () => ({ text: 'Spiser frokost' }), status: 201, audit: ['create stafetlog inA'] },
  { route: 'PATCH /api/stafetlogs/{id}/goals/{goalId}', who: 'paedagogA', url: (s) => `${log(s)}/goals/${s.w.ids.goalId}`, body: () => ({ status: 'achieved' }), ifMatch: (s) => ['stafetlog_goals', s.w.ids.goalId], status: 200, audit: ['update stafetlog inA'] },
  {
    route: 'POST /api/stafetlogs/{id}/actions',
    who: 'paedagogA',
    url: (s) => `${log(s)}/actions`,
    body: () => ({ text: 'Ring til forældrene', owner: { kind: 'family' }, dueDate: '2026-03-24' }),
    status: 201,
    audit: ['create stafetlog inA'],
  },
  { route: 'PATCH /api/stafetlogs/{id}/actions/{actionId}', who: 'paedagogA', url: (s) => `${log(s)}/actions/${s.w.ids.actionId}`, body: () => ({ status: 'done' }), ifMatch: (s) => ['stafetlog_actions', s.w.ids.actionId], status: 200, audit: ['update stafetlog inA'] },
  { route: 'POST /api/stafetlogs/{id}/evaluations', who: 'paedagogA', url: (s) => `${log(s)}/evaluations`, body: () => ({ dueDate: '2026-05-01' }), status: 201, audit: ['create stafetlog inA'] },
  {
    route: 'POST /api/stafetlogs/{id}/evaluations/{evaluationId}/hold',
    who: 'paedagogA',
    url: (s) => `${log(s)}/evaluations/${s.w.ids.evaluationId}/hold`,
    body: () => ({ summary: 'Det går bedre.' }),
    ifMatch: (s) => ['stafetlog_evaluations', s.w.ids.evaluationId],
    status: 200,
    audit: ['update stafetlog inA'],
  },
  { route: 'POST /api/stafetlogs/{id}/entries', who: 'paedagogB', url: (s) => `${log(s)}/entries`, body: () => ({ kind: 'child_words', body: 'Jeg kan godt lide at tegne.' }), status: 201, audit: ['create stafetlog inA'] },
  {
    route: 'POST /api/stafetlogs/{id}/documents',
    who: 'paedagogA',
    url: (s) => `${log(s)}/documents`,
    body: () => ({ fileName: 'aftale.txt', mediaType: 'text/plain', contentBase64: Buffer.from('Aftale').toString('base64') }),
    status: 201,
    audit: ['create stafetlog_document inA'],
  },
  { route: 'GET /api/stafetlogs/{id}/documents/{documentId}', who: 'paedagogB', url: (s) => `${log(s)}/documents/${s.w.ids.documentId}`, status: 200, audit: ['read stafetlog_document inA'] },
  { route: 'POST /api/stafetlog-relays/{relayId}/decline', who: 'paedagogA', url: (s) => `/api/stafetlog-relays/${s.w.ids.relayId}/decline`, body: () => ({ note: 'Jeg har ikke plads.' }), status: 204, audit: ['update stafetlog inB', 'update disclosure inB'] },
  {
    route: 'POST /api/stafetlogs/{id}/relays',
    who: 'paedagogB',
    url: (s) => `${logB(s)}/relays`,
    body: (s) => ({ toUserId: s.w.t.users.paedagogA }),
    ifMatch: (s) => ['stafetlogs', s.w.ids.logB],
    status: 201,
    audit: ['update stafetlog inB', 'create disclosure inB'],
    keep: (b, s) => (s.v.relay2 = (j(b).relays as unknown as { id: string; status: string }[]).find((r) => r.status === 'pending')!.id),
  },
  { route: 'POST /api/stafetlog-relays/{relayId}/cancel', who: 'paedagogB', url: (s) => `/api/stafetlog-relays/${s.v.relay2}/cancel`, status: 200, audit: ['update stafetlog inB', 'update disclosure inB'] },
  {
    route: 'POST /api/stafetlog-relays/{relayId}/accept',
    who: 'paedagogA',
    prep: async (s) => {
      const version = await s.version('stafetlogs', s.w.ids.logB);
      const res = await s.c.paedagogB.post(`${logB(s)}/relays`, { toUserId: s.w.t.users.paedagogA }, { 'if-match': `"${version}"` });
      s.v.relay3 = (res.json().relays as { id: string; status: string }[]).find((r) => r.status === 'pending')!.id;
    },
    url: (s) => `/api/stafetlog-relays/${s.v.relay3}/accept`,
    body: () => ({}),
    status: 200,
    audit: ['update stafetlog inB'],
  },
  {
    route: 'POST /api/stafetlogs/{id}/transfers',
    who: 'paedagogA',
    prep: async (s) => {
      const res = await s.c.leder.post(`/api/children/${s.w.t.children.inB}/consents`, {
        ...consentBody(s, [{ kind: 'municipality', code: '999', name: 'Fjernkommune' }]),
        purpose: 'overgang',
        attestation: 'Underskrevet ved flytningen.',
        signedBy: [s.w.family.anden],
      });
      if (res.statusCode !== 201) throw new Error(`consent for the move: ${res.body}`);
    },
    url: (s) => `${logB(s)}/transfers`,
    body: () => ({ toMunicipalityCode: '999', toMunicipalityName: 'Fjernkommune', summary: 'Familien flytter.' }),
    status: 201,
    audit: ['export child_transfer inB', 'create disclosure inB'],
  },
  { route: 'POST /api/stafetlogs/{id}/close', who: 'paedagogA', url: (s) => `${logB(s)}/close`, body: () => ({ reason: 'Familien er flyttet.' }), ifMatch: (s) => ['stafetlogs', s.w.ids.logB], status: 200, audit: ['update stafetlog inB', 'update disclosure inB'] },
  // ── the parents' portal (mor; far signs) ──
  // One row for the list of the parent's own children, without child ids (docs/known-issues.md).
  { route: 'GET /api/portal/me', who: 'citizen', url: () => '/api/portal/me', status: 200, audit: ['list child -'] },
  { route: 'GET /api/portal/children/{childId}', who: 'citizen', url: (s) => `/api/portal/children/${s.w.t.children.inA}`, status: 200, audit: ['read child inA', 'list consent inA', 'list stafetlog inA'] },
  { route: 'GET /api/portal/children/{childId}/recipients', who: 'citizen', url: (s) => `/api/portal/children/${s.w.t.children.inA}/recipients`, status: 200, audit: ['list stafetlog inA', 'read enrolment inA', 'read stafetlog inA'] },
  { route: 'GET /api/portal/children/{childId}/access-log', who: 'citizen', url: (s) => `/api/portal/children/${s.w.t.children.inA}/access-log`, status: 200, audit: ['read access_log inA'] },
  {
    route: 'POST /api/portal/children/{childId}/consents',
    who: 'citizen',
    url: (s) => `/api/portal/children/${s.w.t.children.inA}/consents`,
    body: (s) => consentBody(s, [{ kind: 'institution', id: s.w.t.schoolId }]),
    status: 201,
    audit: ['create consent inA'],
    keep: (b, s) => (s.v.digitalConsent = j(b).id),
  },
  { route: 'POST /api/portal/consents/{id}/sign', who: 'far', url: (s) => `/api/portal/consents/${s.v.digitalConsent}/sign`, status: 200, audit: ['update consent inA'] },
  { route: 'POST /api/portal/consents/{id}/withdraw', who: 'citizen', url: (s) => `/api/portal/consents/${s.v.digitalConsent}/withdraw`, body: () => ({}), status: 200, audit: ['update consent inA'] },
  { route: 'GET /api/portal/stafetlogs/{id}', who: 'citizen', url: (s) => `/api/portal/stafetlogs/${s.w.ids.logA}`, status: 200, audit: ['read stafetlog inA'] },
  { route: 'POST /api/portal/stafetlogs/{id}/entries', who: 'citizen', url: (s) => `/api/portal/stafetlogs/${s.w.ids.logA}/entries`, body: () => ({ body: 'Hun sover dårligt.' }), status: 201, audit: ['create stafetlog inA'] },
  { route: 'POST /api/portal/stafetlogs/{id}/levels', who: 'citizen', url: (s) => `/api/portal/stafetlogs/${s.w.ids.logA}/levels`, body: () => ({ level: 2 }), status: 201, audit: ['create stafetlog inA'] },
  { route: 'POST /api/portal/stafetlogs/{id}/goals', who: 'citizen', url: (s) => `/api/portal/stafetlogs/${s.w.ids.logA}/goals`, body: () => ({ text: 'Sover hele natten' }), status: 201, audit: ['create stafetlog inA'] },
  { route: 'GET /api/portal/stafetlogs/{id}/documents/{documentId}', who: 'citizen', url: (s) => `/api/portal/stafetlogs/${s.w.ids.logA}/documents/${s.w.ids.documentId}`, status: 200, audit: ['read stafetlog_document inA'] },
  // ── taking over when the stafetholder is gone (the administrator deactivated pædagog A) ──
  {
    route: 'POST /api/stafetlogs/{id}/take-over',
    who: 'paedagogB',
    prep: async (s) => {
      const version = await s.version('users', s.w.t.users.paedagogA);
      const res = await s.c.admin.patch(`/api/staff/${s.w.t.users.paedagogA}`, { deactivated: true }, { 'if-match': `"${version}"` });
      if (res.statusCode !== 200) throw new Error(`deactivate: ${res.body}`);
    },
    url: (s) => `${log(s)}/take-over`, ifMatch: (s) => ['stafetlogs', s.w.ids.logA], status: 200, audit: ['update stafetlog inA'] },
  // ── public (demo mode only) ──
  { route: 'GET /api/public/portal/demo-citizens', who: 'anonymous', url: (s) => `/api/public/portal/demo-citizens?municipalityId=${s.w.t.municipalityId}`, status: 200, audit: ['list custody_holder -'] },
  {
    route: 'POST /api/public/portal/demo-login',
    who: 'anonymous',
    url: () => '/api/public/portal/demo-login',
    body: (s) => ({ municipalityId: s.w.t.municipalityId, custodyHolderId: s.w.family.anden }),
    status: 200,
    audit: ['login custody_holder -', 'list child -'],
  },
];

/** Routes that never read or write a child's personal data, with why. */
export const NO_CHILD_DATA: Record<string, string> = {
  'GET /api/health': 'operations',
  'GET /api/public/municipalities': 'the registry of municipalities',
  'POST /api/auth/login': "staff log-in: the user's own data",
  'POST /api/auth/logout': 'session',
  'GET /api/auth/me': "the user's own data",
  'GET /api/auth/oidc/{municipalityId}/start': 'staff single sign-on',
  'GET /api/auth/oidc/callback': 'staff single sign-on',
  'GET /api/org/tree': 'organisation, child counts only',
  'POST /api/org/districts': 'organisation',
  'PATCH /api/org/districts/{id}': 'organisation',
  'POST /api/org/institutions': 'organisation',
  'PATCH /api/org/institutions/{id}': 'organisation',
  'POST /api/org/groups': 'organisation',
  'PATCH /api/org/groups/{id}': 'organisation',
  'POST /api/org/teams': 'organisation',
  'PATCH /api/org/teams/{id}': 'organisation',
  'GET /api/staff': 'staff',
  'POST /api/staff': 'staff',
  'GET /api/staff/{id}': 'staff',
  'PATCH /api/staff/{id}': 'staff',
  'POST /api/staff/{id}/memberships': 'staff',
  'POST /api/staff/{id}/memberships/{membershipId}/end': 'staff',
  'POST /api/staff/{id}/unblock': 'staff',
  'POST /api/audit/verify': 'hash chain check: counts only',
  'GET /api/imports': 'import runs: counts and file names (CPR-like parts masked)',
  'GET /api/imports/templates/{kind}': 'fictitious example rows',
  'GET /api/imports/{id}': 'the run report: row numbers and messages, no CPR or names',
  'GET /api/screening/overview': 'counts with small cells suppressed, no child named',
  'GET /api/screening/scales': 'scales',
  'POST /api/screening/scales': 'scales',
  'POST /api/screening/scales/{id}/versions': 'scales',
  'POST /api/screening/rounds': 'round planning',
  'GET /api/screening/rounds': 'rounds and groups',
  'PATCH /api/screening/rounds/{id}': 'round planning',
  'GET /api/screening/rounds/{id}': 'round planning',
  'GET /api/screening/setup/rounds': 'round planning',
  'GET /api/screening/rounds/{id}/progress': 'counts per group',
  'GET /api/notices': 'notices name no child (kind, counts, dates)',
  'POST /api/notices/{id}/read': 'notices',
  'POST /api/notices/read-all': 'notices',
  'GET /api/guide/entries': 'the collaboration guide',
  'POST /api/guide/entries': 'the collaboration guide',
  'GET /api/guide/entries/{id}': 'the collaboration guide',
  'PATCH /api/guide/entries/{id}': 'the collaboration guide',
  'GET /api/guide/slugs/{slug}': 'the collaboration guide',
  'POST /api/guide/entries/{id}/versions': 'the collaboration guide',
  'GET /api/guide/entries/{id}/versions': 'the collaboration guide',
  'GET /api/guide/entries/{id}/versions/{number}': 'the collaboration guide',
  'POST /api/guide/entries/{id}/versions/{number}/restore': 'the collaboration guide',
  'GET /api/guide/next-steps': 'the next-step registry',
  'GET /api/guide/handleguides': 'handleguides',
  'POST /api/guide/handleguides': 'handleguides',
  'GET /api/guide/handleguides/{id}': 'handleguides',
  'GET /api/guide/handleguide/positions/{positionId}': 'the guide for a position; a child id only fills links, no child data is read',
  'POST /api/guide/handleguides/{id}/versions': 'handleguides',
  'GET /api/guide/handleguides/{id}/versions': 'handleguides',
  'GET /api/guide/handleguides/{id}/versions/{number}': 'handleguides',
  'POST /api/guide/handleguides/{id}/versions/{number}/restore': 'handleguides',
  'GET /api/public/guide/{code}/entries': 'the public guide',
  'GET /api/public/guide/{code}/entries/{slug}': 'the public guide',
  'GET /api/admin/consent-settings': "the municipality's rules",
  'PUT /api/admin/consent-settings': "the municipality's rules",
  'GET /api/stafetlogs/directory': 'staff directory',
  'GET /api/admin/stafetlog-settings': "the municipality's labels",
  'PUT /api/admin/stafetlog-settings': "the municipality's labels",
  'GET /api/retention/settings': "the municipality's retention periods and run counts",
  'PUT /api/retention/settings': "the municipality's retention periods (audited with before and after)",
  'GET /api/retention/preview': 'counts only (the run, rolled back)',
  'POST /api/retention/runs': 'deletes and anonymises; audited as one row per kind with counts, no child (src/modules/retention)',
  'GET /api/public/portal/config': 'log-in options',
  'GET /api/portal/saml/metadata': 'SAML metadata',
  'GET /api/portal/saml/{municipalityId}/start': 'MitID log-in',
  'POST /api/portal/saml/acs': 'MitID log-in (tested in saml.test.ts)',
};
