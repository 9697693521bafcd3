// Consent use cases (S14). A consent is never overwritten: it is given (on paper, registered by
// a professional with an attestation, or digitally by a custody holder in the portal), co-signed,
// and withdrawn once. Functions taking a Scope run in the caller's transaction (the stafetlog and
// portal modules call them); the ctx/actor functions are the staff HTTP use cases.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../access/actor.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import { custodyHoldersOn, ownConsentAllowed, type ConsentRecipient } from '../../domain/consent.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import { childContext, settingsFor, type ChildContext } from './context.ts';
import { endWhere } from './disclosures.ts';
import { mayGiveDigital, mayManageSettings, mayReadConsents, mayRegisterPaper, mayWithdraw } from './policy.ts';
import { presentConsent } from './presenter.ts';
import * as repo from './repo.ts';
import type * as s from './schema.ts';

export {
  disclose,
  discloseOnce,
  disclosureStates,
  endDisclosure,
  findCover,
  onDisclosuresEnded,
  recipientFactsForUser,
  type DiscloseInput,
  type DiscloseResult,
  type EndedDisclosure,
} from './disclosures.ts';
export { settingsFor } from './context.ts';
export { registerExpiryAudience, type ExpiryAudience, type ExpiringDisclosure } from './expiry.ts';

const ROLE_NAMES: Record<string, string> = {
  fagperson: 'Fagperson',
  leder: 'Leder',
  distriktsfacilitator: 'Distriktsfacilitator',
  myndighedsraadgiver: 'Myndighedsrådgiver',
  teamleder: 'Teamleder',
  myndighedsleder: 'Myndighedsleder',
  forebyggende_raadgiver: 'Forebyggende rådgiver',
  familiebehandler: 'Familiebehandler',
  admin: 'Administrator',
  dpo: 'Databeskyttelsesrådgiver',
};

const childNotFound = () => new AppError('child.not_found', 404);
const consentNotFound = () => new AppError('consent.not_found', 404);
const invalid = (path: string, message: string) => new AppError('consent.invalid', 422, [{ path, message }]);

/**
 * The child's consent context, if the actor may handle its consents: staff through their
 * relations to the child, citizens through custody today. Anything else answers as missing.
 */
async function reachChild(scope: Scope, childId: string, allowed: boolean, what: { resourceType: string; resourceId?: string }, notFound: () => AppError): Promise<ChildContext> {
  const denied = { ...what, childId };
  if (!allowed) scope.deny(denied, new AppError('access.denied', 403));
  const reachable = (await scope.allowedChildIds([childId])).has(childId);
  const context = reachable ? await childContext(scope, childId) : null;
  if (!context) scope.deny(denied, notFound());
  return context;
}

async function view(scope: Scope, context: ChildContext, consentId: string): Promise<s.ConsentView> {
  const row = await repo.findConsent(scope, consentId);
  if (!row) throw consentNotFound();
  const signatures = await repo.signaturesOf(scope, [row.id]);
  return presentConsent(row, signatures, context.custody, context.rules, context.age, scope.now);
}

async function presentAll(scope: Scope, context: ChildContext): Promise<s.ConsentView[]> {
  const rows = await repo.consentsOf(scope, context.childId);
  const signatures = await repo.signaturesOf(
    scope,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentConsent(r, signatures, context.custody, context.rules, context.age, scope.now));
}

/** A child's consents, newest first (every one, also withdrawn and expired: the history is kept). */
export async function listForChild(scope: Scope, childId: string): Promise<s.ConsentView[]> {
  const context = await reachChild(scope, childId, mayReadConsents(scope.actor), { resourceType: 'consent' }, childNotFound);
  scope.audit({ action: 'list', resourceType: 'consent', childId });
  return presentAll(scope, context);
}

/** The consents with the custody holders who can sign and the rules that decide (the child page and the portal). */
export async function consentOverview(scope: Scope, childId: string): Promise<s.ChildConsentsOut> {
  const context = await reachChild(scope, childId, mayReadConsents(scope.actor), { resourceType: 'consent' }, childNotFound);
  scope.audit({ action: 'list', resourceType: 'consent', childId });
  const today = scope.today;
  const currentRows = context.custody.filter((c) => c.validFrom <= today && (c.validTo === null || c.validTo >= today));
  return {
    consents: await presentAll(scope, context),
    custodyHolders: currentRows.map((c) => ({ id: c.custodyHolderId, name: `${c.firstName} ${c.lastName}`, relation: c.relation, hasCustody: c.hasCustody })),
    rules: { jointCustodyRule: context.rules.jointCustodyRule, oneHolderPurposes: [...context.rules.oneHolderPurposes], ownConsentAge: context.rules.ownConsentAge, childAge: context.age },
  };
}

/** Recipients as stored: ids looked up in the municipality (names from the records), duplicates dropped. */
async function resolveRecipients(scope: Scope, input: readonly s.RecipientInput[]): Promise<ConsentRecipient[]> {
  const idsOf = (kind: 'user' | 'institution' | 'team') => input.flatMap((r) => (r.kind === kind ? [r.id] : []));
  const names = {
    user: await repo.namesOf(scope, 'users', idsOf('user')),
    institution: await repo.namesOf(scope, 'institutions', idsOf('institution')),
    team: await repo.namesOf(scope, 'teams', idsOf('team')),
  };
  const out = new Map<string, ConsentRecipient>();
  input.forEach((r, i) => {
    if (r.kind === 'user' || r.kind === 'institution' || r.kind === 'team') {
      const name = names[r.kind].get(r.id);
      if (name === undefined) throw invalid(`recipients.${i}.id`, 'Modtageren findes ikke i kommunen');
      out.set(`${r.kind}:${r.id}`, { kind: r.kind, id: r.id, name });
    } else if (r.kind === 'role') {
      out.set(`role:${r.role}`, { kind: 'role', role: r.role, name: r.name || ROLE_NAMES[r.role] || r.role });
    } else {
      out.set(`municipality:${r.code}`, { kind: 'municipality', code: r.code, name: r.name });
    }
  });
  return [...out.values()];
}

/** The period: from ≤ to, and not over before it is recorded (an expired consent lets nothing cross). */
function checkPeriod(scope: Scope, input: { validFrom: string; validTo: string }) {
  if (input.validTo < input.validFrom) throw invalid('validTo', 'Slutdatoen ligger før startdatoen');
  if (input.validTo < scope.today) throw invalid('validTo', 'Samtykket er allerede udløbet');
}

async function insertConsent(
  scope: Scope,
  context: ChildContext,
  input: s.DigitalConsentCreate & { attestation: string | null; givenByChild: boolean },
  form: 'digital' | 'paper',
  signers: { custodyHolderId: string; method: 'mitid' | 'paper' | 'demo' }[],
) {
  checkPeriod(scope, input);
  if (input.givenByChild && !ownConsentAllowed(context.rules, context.age)) throw new AppError('consent.own_consent_not_allowed', 422, [{ path: 'givenByChild', message: 'Ikke tilladt' }]);
  const recipients = await resolveRecipients(scope, input.recipients);
  const id = randomUUID();
  const actor = scope.actor;
  await repo.insertConsent(scope, {
    id,
    childId: context.childId,
    purpose: input.purpose,
    purposeText: input.purposeText || null,
    informationTypes: [...new Set(input.informationTypes)],
    recipients,
    validFrom: input.validFrom,
    validTo: input.validTo,
    form,
    attestation: input.attestation,
    registeredByKind: actor.kind === 'citizen' ? 'citizen' : 'staff',
    registeredById: actor.userId!,
    registeredByName: actor.displayName ?? '',
    childView: input.childView || null,
    givenByChild: input.givenByChild,
    createdAt: scope.now,
  });
  await repo.insertSignatures(
    scope,
    signers.map((sg) => ({ ...sg, consentId: id })),
  );
  scope.audit({
    action: 'create',
    resourceType: 'consent',
    resourceId: id,
    childId: context.childId,
    details: { form, purpose: input.purpose, signatures: signers.length, givenByChild: input.givenByChild },
  });
  return view(scope, context, id);
}

/** A paper consent: a professional who works with the child registers the signed form and attests to it. */
export async function registerPaper(scope: Scope, childId: string, input: s.PaperConsentCreate): Promise<s.ConsentView> {
  const context = await reachChild(scope, childId, mayRegisterPaper(scope.actor), { resourceType: 'consent' }, childNotFound);
  const holders = new Set(custodyHoldersOn(context.custody, scope.today));
  const signedBy = [...new Set(input.signedBy)];
  const strangers = signedBy.map((id, i) => ({ id, i })).filter(({ id }) => !holders.has(id));
  if (strangers.length) throw new AppError('consent.not_custody_holder', 422, strangers.map(({ i }) => ({ path: `signedBy.${i}`, message: 'Ikke forældremyndighedsindehaver' })));
  return insertConsent(
    scope,
    context,
    { ...input, attestation: input.attestation, givenByChild: input.givenByChild ?? false },
    'paper',
    signedBy.map((custodyHolderId) => ({ custodyHolderId, method: 'paper' as const })),
  );
}

/** A consent given in the portal and signed there by the custody holder who is logged in. */
export async function giveDigital(scope: Scope, childId: string, input: s.DigitalConsentCreate, method: 'mitid' | 'demo'): Promise<s.ConsentView> {
  const context = await reachChild(scope, childId, mayGiveDigital(scope.actor), { resourceType: 'consent' }, childNotFound);
  const me = scope.actor.userId!;
  if (!custodyHoldersOn(context.custody, scope.today).includes(me)) throw new AppError('consent.not_custody_holder', 422);
  return insertConsent(scope, context, { ...input, attestation: null, givenByChild: false }, 'digital', [{ custodyHolderId: me, method }]);
}

/** A consent the actor may act on (row locked: a withdrawal and a signature never interleave). */
async function lockedConsent(scope: Scope, consentId: string, allowed: boolean) {
  const row = await repo.findConsent(scope, consentId, true);
  if (!row) throw consentNotFound();
  const context = await reachChild(scope, row.childId, allowed, { resourceType: 'consent', resourceId: consentId }, consentNotFound);
  return { row, context };
}

/** The other custody holder co-signs (joint custody). Signing twice changes nothing. */
export async function sign(scope: Scope, consentId: string, method: 'mitid' | 'demo'): Promise<s.ConsentView> {
  const { row, context } = await lockedConsent(scope, consentId, mayGiveDigital(scope.actor));
  const me = scope.actor.userId!;
  if (row.withdrawnAt) throw new AppError('consent.already_withdrawn', 409);
  if (row.validTo < scope.today) throw invalid('validTo', 'Samtykket er udløbet');
  if (!custodyHoldersOn(context.custody, scope.today).includes(me)) throw new AppError('consent.not_custody_holder', 422);
  const signed = await repo.signaturesOf(scope, [consentId]);
  if (!signed.some((sg) => sg.custodyHolderId === me)) {
    await repo.insertSignatures(scope, [{ consentId, custodyHolderId: me, method }]);
    scope.audit({ action: 'update', resourceType: 'consent', resourceId: consentId, childId: row.childId, details: { signed: method } });
  }
  return view(scope, context, consentId);
}

/**
 * Withdraw, once, with effect from now: in the same transaction every disclosure relying on the
 * consent ends and so does the access it gave, so the recipient's next request is refused.
 */
export async function withdraw(scope: Scope, consentId: string, reason: string | null): Promise<s.ConsentView> {
  const { row, context } = await lockedConsent(scope, consentId, mayWithdraw(scope.actor));
  const actor = scope.actor;
  const by = { kind: actor.kind === 'citizen' ? ('citizen' as const) : ('staff' as const), id: actor.userId!, name: actor.displayName ?? '' };
  if (row.withdrawnAt || !(await repo.markWithdrawn(scope, consentId, by, reason || null))) throw new AppError('consent.already_withdrawn', 409);
  const ended = await endWhere(scope, { consentIds: [consentId] }, 'consent_withdrawn');
  scope.audit({ action: 'update', resourceType: 'consent', resourceId: consentId, childId: row.childId, details: { withdrawn: true, endedDisclosures: ended.length } });
  return view(scope, context, consentId);
}

// ── staff HTTP use cases ─────────────────────────────────────────────────────────────────

export function childConsents(ctx: AppContext, actor: Actor, childId: string) {
  return withScope(ctx, actor, (scope) => consentOverview(scope, childId));
}

export function createPaperConsent(ctx: AppContext, actor: Actor, childId: string, input: s.PaperConsentCreate) {
  return withScope(ctx, actor, (scope) => registerPaper(scope, childId, input));
}

export function withdrawConsent(ctx: AppContext, actor: Actor, id: string, input: s.WithdrawBody) {
  return withScope(ctx, actor, (scope) => withdraw(scope, id, input.reason ?? null));
}

function requireSettings(scope: Scope) {
  if (!mayManageSettings(scope.actor)) scope.deny({ resourceType: 'consent_settings' }, new AppError('access.denied', 403));
}

export function readSettings(ctx: AppContext, actor: Actor): Promise<s.ConsentSettingsOut> {
  return withScope(ctx, actor, async (scope) => {
    requireSettings(scope);
    return settingsFor(scope);
  });
}

/** The settings at the version the administrator saw (defaults count as version 1). */
export function updateSettings(ctx: AppContext, actor: Actor, version: number, input: s.ConsentSettingsPut): Promise<s.ConsentSettingsOut> {
  return withScope(ctx, actor, async (scope) => {
    requireSettings(scope);
    const values = { ...input, oneHolderPurposes: [...new Set(input.oneHolderPurposes)] };
    const existing = await repo.findSettings(scope);
    if (existing) {
      if (!(await repo.updateSettings(scope, version, values))) throw new AppError('version.mismatch', 412);
    } else {
      if (version !== 1) throw new AppError('version.mismatch', 412);
      try {
        await repo.insertSettings(scope, { ...values, version: 2 });
      } catch (err) {
        // Two administrators saving the defaults at once: the second is stale.
        if ((err as { code?: string }).code === '23505') throw new AppError('version.mismatch', 412);
        throw err;
      }
    }
    scope.audit({ action: 'update', resourceType: 'consent_settings', details: { fields: Object.keys(input) } });
    return settingsFor(scope);
  });
}
