// Who takes part in a log (S4, S14): the stafetholder adds a professional only when a consent
// covers them (or a legal basis applies) — the consent module decides, records the disclosure
// and grants the access; removing a participant or closing the log ends that access at once.
// A move to another municipality is an explicit transfer record with its own disclosure. When
// the holder has gone, an active participant takes the log over (takeOver).
import { randomUUID } from 'node:crypto';
import type { Scope } from '../../access/scope.ts';
import { AppError } from '../../errors.ts';
import { deliver } from '../notices/service.ts';
import * as consent from '../consent/service.ts';
import { asHolder, author, readable, RESOURCE, view } from './log-access.ts';
import { takeOverRefusal } from './policy.ts';
import { participation } from './presenter.ts';
import * as repo from './repo.ts';
import type { LogView, ParticipantAddInput, TransferInput } from './schema.ts';

/** What a participant in a stafetlog receives: the log itself. */
export const STAFETLOG_INFORMATION = ['stafetlog'];

export async function updateConcern(scope: Scope, logId: string, version: number, input: { concern: string }): Promise<LogView> {
  const { log } = await asHolder(scope, logId, version);
  await repo.setLog(scope, logId, { concern: input.concern });
  scope.audit({ action: 'update', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { fields: ['concern'] } });
  return view(scope, logId);
}

/**
 * The holder adds a professional (If-Match on the log). No covering consent and no legal basis
 * that applies → 403 consent.required from the consent module: audited there, and nothing is
 * written (the whole transaction rolls back; the denial is kept).
 */
export async function addParticipant(scope: Scope, logId: string, version: number, input: ParticipantAddInput): Promise<LogView> {
  const { log, participants } = await asHolder(scope, logId, version);
  const existing = participants.find((p) => p.userId === input.userId && p.leftAt === null);
  if (existing && participation(existing).active) throw new AppError('stafetlog.participant_exists', 409);
  const recipient = await consent.recipientFactsForUser(scope, input.userId);
  const disclosure = await consent.disclose(scope, {
    childId: log.childId,
    kind: 'stafetlog_participant',
    purpose: 'stafetlog',
    informationTypes: STAFETLOG_INFORMATION,
    recipient: { ...recipient, kind: 'user', id: input.userId },
    legalBasis: input.legalBasis,
    grantAccessAs: 'stafetlog',
    sourceId: logId,
  });
  // A participation whose disclosure ended (consent withdrawn) is closed before the new one starts.
  if (existing) await repo.updateParticipant(scope, existing.id, { leftAt: scope.now, leftReason: participation(existing).leftReason ?? 'consent_withdrawn' });
  const id = randomUUID();
  await repo.insertParticipant(scope, {
    municipalityId: scope.municipalityId,
    id,
    logId,
    userId: input.userId,
    part: 'deltager',
    childRelationId: disclosure.childRelationId,
    disclosureId: disclosure.disclosureId,
    addedBy: author(scope).id,
    joinedAt: scope.now,
  });
  await deliver(scope, [{ userId: input.userId, kind: 'stafetlog.participant_added', params: { by: author(scope).name }, link: `/stafetlog/${logId}`, dedupeKey: `stafetlog-participant:${id}` }]);
  scope.audit({
    action: 'update',
    resourceType: RESOURCE,
    resourceId: logId,
    childId: log.childId,
    details: { participantAdded: id, userId: input.userId, consentId: disclosure.consentId, legalBasis: disclosure.legalBasis },
  });
  return view(scope, logId);
}

/** End a participation and the access it gave: through its disclosure, or our own relation (the opener's). */
export async function endParticipation(scope: Scope, p: repo.ParticipantRow, reason: 'removed' | 'closed' | 'left'): Promise<void> {
  await repo.updateParticipant(scope, p.id, { leftAt: scope.now, leftReason: reason });
  if (p.disclosureId && p.disclosureEndedAt === null) await consent.endDisclosure(scope, p.disclosureId, reason === 'closed' ? 'closed' : 'removed');
  else if (!p.disclosureId && p.childRelationId) await repo.endRelation(scope, p.childRelationId, `stafetlog_${reason}`);
}

export async function removeParticipant(scope: Scope, logId: string, participantId: string, version: number): Promise<LogView> {
  const { log, participants } = await asHolder(scope, logId, version);
  const p = participants.find((x) => x.id === participantId);
  if (!p || !participation(p).active) throw new AppError('stafetlog.participant_not_found', 404);
  if (p.userId === log.holderUserId) {
    throw new AppError('request.invalid', 422, [{ path: 'participantId', message: 'Stafetholderen kan ikke fjernes. Giv stafetten videre, eller luk stafetloggen.' }]);
  }
  await endParticipation(scope, p, 'removed');
  scope.audit({ action: 'update', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { participantRemoved: participantId, userId: p.userId } });
  return view(scope, logId);
}

/** Close: the log stays as history; every participant's access through it ends now, pending relays are cancelled. */
export async function closeLog(scope: Scope, logId: string, version: number, input: { reason: string }): Promise<LogView> {
  const { log, participants } = await asHolder(scope, logId, version);
  await repo.setLog(scope, logId, { status: 'closed', closedAt: scope.now, closedReason: input.reason });
  for (const p of participants) if (participation(p).active) await endParticipation(scope, p, 'closed');
  await cancelPendingRelays(scope, logId, 'closed');
  scope.audit({ action: 'update', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { closed: true } });
  return view(scope, logId);
}

/** Cancel the log's pending relays; the access a relay gave its receiver ends with it. */
async function cancelPendingRelays(scope: Scope, logId: string, reason: 'removed' | 'closed'): Promise<string[]> {
  const pending = await repo.pendingRelaysOf(scope, logId);
  for (const r of pending) {
    await repo.answerRelay(scope, r.id, { status: 'cancelled', answerNote: null });
    const d = await repo.relayDisclosure(scope, r.id);
    if (d && d.endedAt === null) await consent.endDisclosure(scope, d.id, reason);
  }
  return pending.map((r) => r.id);
}

/**
 * Take over a log whose stafetholder has gone — their participation ended (removed, consent
 * withdrawn or expired) or their user is deactivated — so nobody could hand it on. Any active
 * participant may (If-Match on the log): their own participation becomes the stafetholder's; no
 * new access crosses, so no disclosure is made. A relay the gone holder left pending is
 * cancelled: the new holder decides who gets the log next. While the holder still takes part:
 * 409 stafetlog.holder_active (they hand the log on themselves).
 */
export async function takeOver(scope: Scope, logId: string, version: number): Promise<LogView> {
  const { log, participants } = await readable(scope, logId, { lock: true });
  const holder = await repo.findUser(scope, log.holderUserId);
  const facts = { status: log.status, holderUserId: log.holderUserId, participants: participants.map(participation) };
  const refusal = takeOverRefusal(scope.actor, facts, !!holder?.deactivatedAt);
  if (refusal === 'closed') throw new AppError('stafetlog.closed', 409);
  if (refusal === 'not_participant') scope.deny({ resourceType: RESOURCE, resourceId: logId, childId: log.childId }, new AppError('access.denied', 403));
  // A stale page first: of two participants taking over at once, the second sees who won.
  if (log.version !== version) throw new AppError('version.mismatch', 412);
  if (refusal === 'holder_active') throw new AppError('stafetlog.holder_active', 409);
  const me = author(scope);
  for (const p of participants) {
    if (!participation(p).active) continue;
    if (p.userId === me.id) await repo.updateParticipant(scope, p.id, { part: 'stafetholder' });
    // A deactivated holder's participation is still open: it is a deltager's from now on.
    else if (p.part === 'stafetholder') await repo.updateParticipant(scope, p.id, { part: 'deltager' });
  }
  if (!(await repo.updateLog(scope, logId, version, { holderUserId: me.id, holderInstitutionId: null }))) throw new AppError('version.mismatch', 412);
  const cancelled = await cancelPendingRelays(scope, logId, 'removed');
  const gone = participants.filter((p) => p.userId === log.holderUserId).map(participation).at(-1);
  scope.audit({
    action: 'update',
    resourceType: RESOURCE,
    resourceId: logId,
    childId: log.childId,
    details: { takenOver: true, previousHolder: log.holderUserId, previousHolderGone: holder?.deactivatedAt ? 'deactivated' : (gone?.leftReason ?? null), relaysCancelled: cancelled },
  });
  return view(scope, logId);
}

/**
 * A move to another municipality (S4 relay across municipalities): an explicit record of what
 * is sent where and on which basis. Nothing is shared across municipalities; the receiving one
 * gets its own copy outside Tidlig's rows.
 */
export async function transfer(scope: Scope, logId: string, input: TransferInput): Promise<{ id: string }> {
  const { log } = await asHolder(scope, logId, null);
  const id = randomUUID();
  const disclosure = await consent.disclose(scope, {
    childId: log.childId,
    kind: 'flytning',
    purpose: 'overgang',
    informationTypes: STAFETLOG_INFORMATION,
    recipient: { kind: 'municipality', userId: null, name: input.toMunicipalityName, roles: [], institutionIds: [], teamIds: [], municipalityCode: input.toMunicipalityCode },
    legalBasis: input.legalBasis,
    sourceId: id,
  });
  await repo.insertTransfer(scope, {
    municipalityId: scope.municipalityId,
    id,
    childId: log.childId,
    logId,
    toMunicipalityCode: input.toMunicipalityCode,
    toMunicipalityName: input.toMunicipalityName,
    consentId: disclosure.consentId,
    legalBasis: disclosure.legalBasis,
    summary: input.summary,
    createdBy: author(scope).id,
    createdAt: scope.now,
  });
  scope.audit({ action: 'export', resourceType: 'child_transfer', resourceId: id, childId: log.childId, details: { logId, toMunicipalityCode: input.toMunicipalityCode, disclosureId: disclosure.disclosureId } });
  return { id };
}

// When a consent is withdrawn or expires, the consent module ends the disclosures resting on
// it; the participations (and a pending relay) that rested on them end with them.
consent.onDisclosuresEnded(async (scope, ended) => {
  const lapsed = ended.filter((d) => d.reason === 'consent_withdrawn' || d.reason === 'consent_expired');
  if (lapsed.length === 0) return;
  for (const d of lapsed) {
    await repo.leaveByDisclosure(scope, d.id, d.reason as 'consent_withdrawn' | 'consent_expired');
    if (d.kind === 'stafetlog_relay' && d.sourceId) await repo.answerRelay(scope, d.sourceId, { status: 'cancelled', answerNote: null });
  }
});

// A consent that a participation rests on is about to run out: the log's stafetholder is the
// one to ask the parents for a new one (a participation's disclosure has the log as source).
consent.registerExpiryAudience(['stafetlog_participant'], async (scope, items) => {
  const holders = new Map((await repo.holdersOfOpenLogs(scope, [...new Set(items.flatMap((i) => (i.sourceId ? [i.sourceId] : [])))])).map((l) => [l.id, l.holderUserId]));
  return items.map((i) => {
    const holder = i.sourceId ? holders.get(i.sourceId) : undefined;
    return holder ? { disclosureId: i.disclosureId, userId: holder, link: `/stafetlog/${i.sourceId}` } : { disclosureId: i.disclosureId, userId: i.disclosedBy, link: null };
  });
});
