// Where a child's data crosses from one party to another (S14, ADR 0005): a covering consent,
// else a legal basis that applies, else refused and audited. Every crossing is a disclosure
// row; access it gives is a child relation pointing at it, valid to the consent's last day, and
// ended at once when the disclosure ends. These run inside the caller's transaction.
import { randomUUID } from 'node:crypto';
import type { Scope } from '../../access/scope.ts';
import type { DisclosureKind } from '../../db/types.ts';
import { covers, isLegalBasis, legalBasisApplies, type ConsentPurpose, type RecipientFacts } from '../../domain/consent.ts';
import { isRole, type Role } from '../../domain/roles.ts';
import { AppError } from '../../errors.ts';
import { childContext } from './context.ts';
import { recipientsOf, stateOf } from './presenter.ts';
import * as repo from './repo.ts';

export interface DiscloseInput {
  childId: string;
  kind: DisclosureKind;
  purpose: ConsentPurpose;
  informationTypes: string[];
  recipient: RecipientFacts & { kind?: 'user' | 'institution' | 'municipality'; id?: string };
  legalBasis?: string;
  sourceId?: string;
  /** child_relations.kind to grant the receiving user (e.g. 'stafetlog'); no access is granted when absent. */
  grantAccessAs?: string;
}

export interface DiscloseResult {
  disclosureId: string;
  consentId: string | null;
  legalBasis: string | null;
  childRelationId: string | null;
}

export type EndReason = 'consent_withdrawn' | 'consent_expired' | 'removed' | 'closed';
export interface EndedDisclosure {
  id: string;
  childId: string;
  consentId: string | null;
  kind: DisclosureKind;
  sourceId: string | null;
  reason: EndReason;
}

type EndedListener = (scope: Scope, ended: readonly EndedDisclosure[]) => Promise<void>;
const endedListeners: EndedListener[] = [];

/**
 * Another module follows disclosures it made (the stafetlog marks a participant as left when
 * consent is withdrawn or expires). Called in the same transaction that ends them.
 */
export function onDisclosuresEnded(listener: EndedListener): void {
  if (!endedListeners.includes(listener)) endedListeners.push(listener);
}

/** The receiving professional as the consent rules see them: roles and units held today. */
export async function recipientFactsForUser(scope: Scope, userId: string): Promise<RecipientFacts> {
  const user = await repo.findUser(scope, userId);
  if (!user || user.deactivatedAt) throw new AppError('user.not_found', 404);
  const memberships = await repo.membershipsToday(scope, userId);
  const roles = new Set<Role>();
  const institutionIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const m of memberships) {
    if (isRole(m.role)) roles.add(m.role);
    if (m.unitKind === 'institution') institutionIds.add(m.unitId);
    // A pædagog in a group works in the group's institution: a consent naming the institution covers her.
    if (m.unitKind === 'group' && m.groupInstitutionId) institutionIds.add(m.groupInstitutionId);
    if (m.unitKind === 'team') teamIds.add(m.unitId);
  }
  return { userId, name: user.displayName, roles: [...roles], institutionIds: [...institutionIds], teamIds: [...teamIds] };
}

/** The consent that lets this cross now (the one lasting longest), or null. */
export async function findCover(
  scope: Scope,
  q: { childId: string; purpose: string; informationTypes: string[]; recipient: RecipientFacts },
): Promise<{ consentId: string; validTo: string } | null> {
  const context = await childContext(scope, q.childId);
  if (!context) return null;
  const consents = await repo.consentsOf(scope, q.childId, { purpose: q.purpose, usableOn: scope.today });
  const signatures = await repo.signaturesOf(
    scope,
    consents.map((c) => c.id),
  );
  let best: { consentId: string; validTo: string } | null = null;
  for (const c of consents) {
    const state = stateOf(c, signatures, context.custody, context.rules, context.age, scope.now);
    const facts = { purpose: c.purpose, informationTypes: c.informationTypes, recipients: recipientsOf(c), validFrom: c.validFrom, validTo: c.validTo, givenByChild: c.givenByChild, withdrawnAt: c.withdrawnAt };
    if (!covers(facts, state, q, scope.today)) continue;
    if (!best || c.validTo > best.validTo) best = { consentId: c.id, validTo: c.validTo };
  }
  return best;
}

function recipientUserId(r: DiscloseInput['recipient']): string | null {
  if (r.kind && r.kind !== 'user') return null;
  return r.userId ?? r.id ?? null;
}

export async function disclose(scope: Scope, input: DiscloseInput): Promise<DiscloseResult> {
  const cover = await findCover(scope, input);
  let consentId: string | null = null;
  let legalBasis: string | null = null;
  let validTo: string | null = null;
  if (cover) {
    ({ consentId, validTo } = cover);
  } else if (input.legalBasis && isLegalBasis(input.legalBasis) && legalBasisApplies(input.legalBasis, input.recipient)) {
    legalBasis = input.legalBasis;
  } else {
    const reason = input.legalBasis ? 'legal_basis_not_applicable' : 'no_consent';
    const what = { resourceType: 'disclosure', childId: input.childId, details: { reason, kind: input.kind, purpose: input.purpose, informationTypes: input.informationTypes } };
    if (input.legalBasis) scope.deny(what, new AppError('consent.legal_basis_invalid', 403, { legalBasis: input.legalBasis }));
    scope.deny(what, new AppError('consent.required', 403, { purpose: input.purpose, informationTypes: input.informationTypes }));
  }

  const disclosureId = randomUUID();
  const userId = recipientUserId(input.recipient);
  let childRelationId: string | null = null;
  if (input.grantAccessAs && userId) {
    childRelationId = randomUUID();
    await repo.insertRelation(scope, {
      id: childRelationId,
      childId: input.childId,
      subjectKind: 'user',
      subjectId: userId,
      kind: input.grantAccessAs,
      sourceId: disclosureId,
      validFrom: scope.today,
      // Expiry is enforced by time: the relation lapses with the consent's last day.
      validTo,
    });
  }
  const recipientKind = input.recipient.kind ?? (userId ? 'user' : 'municipality');
  await repo.insertDisclosure(scope, {
    id: disclosureId,
    childId: input.childId,
    kind: input.kind,
    recipientKind,
    recipientId: input.recipient.id ?? input.recipient.userId ?? null,
    recipientName: input.recipient.name,
    consentId,
    legalBasis,
    sourceId: input.sourceId ?? null,
    childRelationId,
    disclosedBy: scope.actor.userId ?? '00000000-0000-0000-0000-000000000000',
    disclosedAt: scope.now,
  });
  scope.audit({
    action: 'create',
    resourceType: 'disclosure',
    resourceId: disclosureId,
    childId: input.childId,
    details: { kind: input.kind, recipientKind, consentId, legalBasis, granted: childRelationId !== null },
  });
  return { disclosureId, consentId, legalBasis, childRelationId };
}

/**
 * A disclosure that repeats on every read (screening history shown to a stafetlog participant):
 * recorded once per recipient, child, kind and the consent it rests on, while that stands.
 */
export async function discloseOnce(scope: Scope, input: DiscloseInput): Promise<DiscloseResult> {
  const cover = await findCover(scope, input);
  const userId = recipientUserId(input.recipient);
  if (cover && userId) {
    const existing = await repo.openDisclosure(scope, { childId: input.childId, kind: input.kind, recipientId: userId, consentId: cover.consentId });
    if (existing) return { disclosureId: existing.id, consentId: cover.consentId, legalBasis: null, childRelationId: existing.childRelationId };
  }
  return disclose(scope, input);
}

/** End disclosures and their relations now, tell the followers, audit each. */
export async function endWhere(scope: Scope, where: { ids?: readonly string[]; consentIds?: readonly string[] }, reason: EndReason): Promise<EndedDisclosure[]> {
  const rows = await repo.endDisclosures(scope, where, reason);
  const ended = rows.map((r) => ({ id: r.id, childId: r.childId, consentId: r.consentId, kind: r.kind, sourceId: r.sourceId, reason }));
  for (const d of ended) scope.audit({ action: 'update', resourceType: 'disclosure', resourceId: d.id, childId: d.childId, details: { ended: reason } });
  if (ended.length) for (const listener of endedListeners) await listener(scope, ended);
  return ended;
}

/** A participant removed or a log closed: the access the disclosure gave ends now. */
export async function endDisclosure(scope: Scope, disclosureId: string, reason: 'removed' | 'closed'): Promise<void> {
  const found = await repo.findDisclosure(scope, disclosureId);
  if (!found) throw new Error(`disclosure ${disclosureId} not found`);
  await endWhere(scope, { ids: [disclosureId] }, reason);
}

/** Where a set of disclosures stands (to show what a participation rests on and whether it ended). */
export async function disclosureStates(scope: Scope, ids: readonly string[]) {
  const rows = await repo.disclosuresByIds(scope, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, { consentId: r.consentId, legalBasis: r.legalBasis, endedAt: r.endedAt, endedReason: r.endedReason }]));
}
