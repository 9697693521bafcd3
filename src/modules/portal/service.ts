// The parents' portal (S15): a custody holder logs in (MitID through NemLog-in, or the demo
// log-in in demo installations), sees the children they hold custody of today, their
// stafetlogs, consents and who has seen their data. The logs and consents are the stafetlog and
// consent modules' own use cases, called with the citizen actor in one scoped transaction.
import { anonymousActor, citizenActor, type Actor } from '../../access/actor.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import * as authRepo from '../auth/repo.ts';
import { hashToken, parseSessionCookie, startSession, type IssuedSession } from '../auth/service.ts';
import * as consent from '../consent/service.ts';
import * as stafetlog from '../stafetlog/service.ts';
import { accessLogPage } from './access-log.ts';
import { presentChild } from './presenter.ts';
import * as repo from './repo.ts';
import type { CitizenSaml } from './saml.ts';
import type * as s from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The demo log-in page lists at most this many custody holders. */
const DEMO_CITIZENS_LIMIT = 40;

function citizen(actor: Actor | null): Actor {
  if (!actor || actor.kind !== 'citizen' || !actor.userId) throw new AppError('auth.required', 401);
  return actor;
}

async function municipalityExists(ctx: AppContext, id: string): Promise<boolean> {
  if (!UUID.test(id)) return false;
  const m = await ctx.db.kysely.selectFrom('municipalities').select('id').where('id', '=', id).executeTakeFirst();
  return m !== undefined;
}

/** A child the citizen does not hold custody of today answers like one that does not exist. */
async function requireMyChild(scope: Scope, childId: string): Promise<void> {
  if (!(await scope.allowedChildIds([childId])).has(childId)) {
    scope.deny({ resourceType: 'child', resourceId: childId, childId }, new AppError('child.not_found', 404));
  }
}

// ── log-in ─────────────────────────────────────────────────────────────────────────────

export function publicConfig(ctx: AppContext): s.PublicConfig {
  return { samlEnabled: ctx.config.saml !== undefined, demoLogin: ctx.config.demo };
}

type Method = 'saml' | 'demo';
type LoginOutcome = { ok: true; session: IssuedSession; csrfToken: string } | { ok: false; code: ErrorCode };

/**
 * Open a citizen session for the custody holder `lookup` finds, if they hold custody of a child
 * in the municipality today. The refusal is audited without the identity that was tried (a CPR).
 */
async function citizenLogin(
  ctx: AppContext,
  input: { municipalityId: string; method: Method; requestId: string; previousCookie?: string },
  lookup: (scope: Scope) => Promise<{ id: string; firstName: string; lastName: string } | undefined>,
): Promise<LoginOutcome> {
  const holder = await withScope(ctx, anonymousActor(input.municipalityId, input.requestId), async (scope) => {
    const found = await lookup(scope);
    const children = found ? await repo.custodyCount(scope, found.id) : 0;
    if (found && children > 0) return found;
    scope.audit({
      action: 'login_failed',
      resourceType: 'custody_holder',
      resourceId: found?.id ?? null,
      outcome: 'denied',
      details: { method: input.method, reason: found ? 'no_custody' : 'unknown' },
    });
    return null;
  });
  if (!holder) return { ok: false, code: 'portal.no_children' };

  const actor = citizenActor({
    municipalityId: input.municipalityId,
    custodyHolderId: holder.id,
    displayName: `${holder.firstName} ${holder.lastName}`,
    requestId: input.requestId,
  });
  return withScope(ctx, actor, async (scope) => {
    const previous = parseSessionCookie(input.previousCookie);
    if (previous && previous.municipalityId === input.municipalityId) {
      const old = await authRepo.findSessionByTokenHash(scope, hashToken(previous.token));
      if (old) await authRepo.endSession(scope, old.id, 'replaced');
    }
    const session = await startSession(ctx, scope, holder.id, input.method, 'citizen');
    scope.audit({ action: 'login', resourceType: 'custody_holder', resourceId: holder.id, details: { method: input.method } });
    return { ok: true, session, csrfToken: session.csrfToken } as const;
  });
}

function demoOn(ctx: AppContext): void {
  if (!ctx.config.demo) throw new AppError('portal.demo_disabled', 404);
}

export async function demoCitizens(ctx: AppContext, municipalityId: string, requestId: string): Promise<s.DemoCitizen[]> {
  demoOn(ctx);
  if (!(await municipalityExists(ctx, municipalityId))) throw new AppError('municipality.not_found', 404);
  return withScope(ctx, anonymousActor(municipalityId, requestId), async (scope) => {
    const rows = await repo.demoCitizens(scope, DEMO_CITIZENS_LIMIT);
    scope.audit({ action: 'list', resourceType: 'custody_holder', details: { count: rows.length, demo: true } });
    return rows.map((r) => ({ id: r.id, name: `${r.firstName} ${r.lastName}`, children: r.childNames.map((firstName) => ({ firstName })) }));
  });
}

export async function demoLogin(
  ctx: AppContext,
  input: { municipalityId: string; custodyHolderId: string; requestId: string },
  previousCookie: string | undefined,
): Promise<IssuedSession> {
  demoOn(ctx);
  if (!(await municipalityExists(ctx, input.municipalityId))) throw new AppError('municipality.not_found', 404);
  const outcome = await citizenLogin(ctx, { ...input, method: 'demo', previousCookie }, (scope) => repo.findHolder(scope, input.custodyHolderId));
  if (!outcome.ok) throw new AppError(outcome.code, 404);
  return outcome.session;
}

export async function samlStart(ctx: AppContext, saml: CitizenSaml, municipalityId: string): Promise<string> {
  // An unknown municipality answers like one without the portal.
  if (!(await municipalityExists(ctx, municipalityId))) throw new AppError('municipality.not_found', 404);
  return saml.authorizeUrl(municipalityId);
}

export type AcsResult = { ok: true; session: IssuedSession } | { ok: false; code: ErrorCode; reason: string };

/** The IdP's answer: a session for a verified custody holder, or a refusal (audited where the municipality is known). */
export async function samlAcs(
  ctx: AppContext,
  saml: CitizenSaml,
  input: { samlResponse: string; relayState: string | undefined; requestId: string; previousCookie?: string },
): Promise<AcsResult> {
  const verified = await saml.verify(input.samlResponse, input.relayState);
  if (!verified.ok) {
    if (verified.municipalityId && (await municipalityExists(ctx, verified.municipalityId))) {
      await withScope(ctx, anonymousActor(verified.municipalityId, input.requestId), async (scope) => {
        scope.audit({ action: 'login_failed', resourceType: 'custody_holder', outcome: 'denied', details: { method: 'saml', reason: verified.reason } });
      });
    }
    return { ok: false, code: 'portal.login_failed', reason: verified.reason };
  }
  if (!(await municipalityExists(ctx, verified.municipalityId))) return { ok: false, code: 'portal.login_failed', reason: 'no_municipality' };
  const login = { municipalityId: verified.municipalityId, method: 'saml' as const, requestId: input.requestId, previousCookie: input.previousCookie };
  const outcome = await citizenLogin(ctx, login, (scope) =>
    repo.findHolderByCpr(scope, verified.cpr),
  );
  return outcome.ok ? { ok: true, session: outcome.session } : { ok: false, code: outcome.code, reason: 'no_custody' };
}

// ── the citizen's pages ────────────────────────────────────────────────────────────────

export function me(ctx: AppContext, actor: Actor | null, csrfToken: string): Promise<s.PortalMe> {
  const a = citizen(actor);
  return withScope(ctx, a, async (scope) => {
    const m = await repo.municipality(scope);
    const children = await repo.myChildren(scope);
    scope.audit({ action: 'list', resourceType: 'child', details: { count: children.length } });
    return {
      citizen: { id: a.userId!, name: a.displayName ?? '' },
      municipality: { id: scope.municipalityId, name: m?.name ?? '' },
      csrfToken,
      sessionIdleMinutes: ctx.config.sessionIdleMinutes,
      children: children.map(presentChild),
    };
  });
}

export function childDetail(ctx: AppContext, actor: Actor | null, childId: string): Promise<s.PortalChildDetail> {
  return withScope(ctx, citizen(actor), async (scope) => {
    await requireMyChild(scope, childId);
    const child = await repo.findChild(scope, childId);
    if (!child) throw new AppError('child.not_found', 404);
    scope.audit({ action: 'read', resourceType: 'child', resourceId: childId, childId });
    const stafetlogs = await stafetlog.logsForChild(scope, childId);
    const upcoming = await stafetlog.upcomingForChild(scope, childId);
    const consents = await consent.consentOverview(scope, childId);
    return { child: presentChild(child), stafetlogs, consents: consents.consents, custodyHolders: consents.custodyHolders, rules: consents.rules, upcoming };
  });
}

/** Whom a consent can name: the professionals taking part in the child's open logs and its institutions today. */
export function recipientCandidates(ctx: AppContext, actor: Actor | null, childId: string): Promise<{ candidates: s.RecipientCandidate[] }> {
  return withScope(ctx, citizen(actor), async (scope) => {
    await requireMyChild(scope, childId);
    const candidates: s.RecipientCandidate[] = [];
    const seen = new Set<string>();
    for (const summary of await stafetlog.logsForChild(scope, childId)) {
      if (summary.status !== 'open') continue;
      const log = await stafetlog.readLog(scope, summary.id);
      for (const p of log.participants) {
        if (!p.active || seen.has(p.userId)) continue;
        seen.add(p.userId);
        candidates.push({ recipient: { kind: 'user', id: p.userId, name: p.name }, detail: p.profession });
      }
    }
    const institutions = await repo.currentInstitutions(scope, childId);
    scope.audit({ action: 'read', resourceType: 'enrolment', childId, details: { purpose: 'consent_recipients' } });
    for (const i of institutions) candidates.push({ recipient: { kind: 'institution', id: i.id, name: i.name }, detail: i.type });
    return { candidates };
  });
}

export function accessLog(ctx: AppContext, actor: Actor | null, childId: string, page: number): Promise<s.AccessLogPage> {
  return withScope(ctx, citizen(actor), async (scope) => {
    await requireMyChild(scope, childId);
    const settings = await consent.settingsFor(scope);
    const out = await accessLogPage(scope, childId, page, settings.portalShowsStaffNames);
    scope.audit({ action: 'read', resourceType: 'access_log', childId, details: { page } });
    return out;
  });
}

// ── stafetlog and consent, as the custody holder ───────────────────────────────────────

export function readLog(ctx: AppContext, actor: Actor | null, logId: string): Promise<s.LogView> {
  return withScope(ctx, citizen(actor), (scope) => stafetlog.readLog(scope, logId));
}

export function addEntry(ctx: AppContext, actor: Actor | null, logId: string, body: string): Promise<s.LogView> {
  return withScope(ctx, citizen(actor), (scope) => stafetlog.addEntry(scope, logId, { kind: 'parent_words', body }));
}

export function stateLevel(ctx: AppContext, actor: Actor | null, logId: string, input: { level: number; comment?: string }): Promise<s.LogView> {
  return withScope(ctx, citizen(actor), (scope) => stafetlog.stateLevel(scope, logId, input));
}

export function addGoal(ctx: AppContext, actor: Actor | null, logId: string, text: string): Promise<s.LogView> {
  return withScope(ctx, citizen(actor), (scope) => stafetlog.addGoal(scope, logId, { text }));
}

export function downloadDocument(ctx: AppContext, actor: Actor | null, logId: string, documentId: string) {
  return withScope(ctx, citizen(actor), (scope) => stafetlog.downloadDocument(scope, logId, documentId));
}

/** How the custody holder proved who they are in this session: a MitID signature, or the demo's. */
async function signatureMethod(scope: Scope): Promise<'mitid' | 'demo'> {
  const method = scope.actor.sessionId ? await repo.sessionMethod(scope, scope.actor.sessionId) : undefined;
  return method === 'saml' ? 'mitid' : 'demo';
}

export function giveConsent(ctx: AppContext, actor: Actor | null, childId: string, input: s.GiveConsentBody): Promise<s.ConsentView> {
  return withScope(ctx, citizen(actor), async (scope) => consent.giveDigital(scope, childId, input, await signatureMethod(scope)));
}

export function signConsent(ctx: AppContext, actor: Actor | null, consentId: string): Promise<s.ConsentView> {
  return withScope(ctx, citizen(actor), async (scope) => consent.sign(scope, consentId, await signatureMethod(scope)));
}

export function withdrawConsent(ctx: AppContext, actor: Actor | null, consentId: string, reason: string | undefined): Promise<s.ConsentView> {
  return withScope(ctx, citizen(actor), (scope) => consent.withdraw(scope, consentId, reason ?? null));
}
