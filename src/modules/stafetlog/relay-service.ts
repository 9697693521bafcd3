// The relay (S4: at a transition — dagpleje → børnehave → skole — the stafetholder hands the log
// to the next professional or institution; the receiver accepts; the sender gets a receipt;
// consent must cover the receiver). "No more handing over a case — we share it": the sender
// stays in the log as deltager.
import { randomUUID } from 'node:crypto';
import type { Scope } from '../../access/scope.ts';
import type { ConsentPurpose, RecipientFacts } from '../../domain/consent.ts';
import { AppError } from '../../errors.ts';
import * as consent from '../consent/service.ts';
import { deliver, type NewNotice } from '../notices/service.ts';
import { asHolder, author, notFound, readable, RESOURCE, view } from './log-access.ts';
import { endParticipation, STAFETLOG_INFORMATION } from './participants-service.ts';
import { mayAnswerRelay } from './policy.ts';
import { participation } from './presenter.ts';
import * as repo from './repo.ts';
import type { LogView, RelayInput } from './schema.ts';

const relayNotFound = () => new AppError('stafetlog.relay_not_found', 404);

/** A relay is covered by a consent for the stafetlog itself, or for the transition (overgang). */
async function relayPurpose(scope: Scope, childId: string, recipient: RecipientFacts): Promise<ConsentPurpose> {
  for (const purpose of ['stafetlog', 'overgang'] as const) {
    if (await consent.findCover(scope, { childId, purpose, informationTypes: STAFETLOG_INFORMATION, recipient })) return purpose;
  }
  return 'stafetlog'; // no cover: disclose refuses (or a legal basis applies)
}

/** The holder hands the log on (If-Match on the log). One pending relay at a time. */
export async function relay(scope: Scope, logId: string, version: number, input: RelayInput): Promise<LogView> {
  const { log } = await asHolder(scope, logId, version);
  if ((await repo.pendingRelaysOf(scope, logId)).length) throw new AppError('stafetlog.relay_pending', 409);
  const me = author(scope);
  const id = randomUUID();
  let recipient: RecipientFacts & { kind: 'user' | 'institution'; id: string };
  let announce: string[];
  if (input.toUserId) {
    if (input.toUserId === me.id) throw new AppError('request.invalid', 422, [{ path: 'toUserId', message: 'Du er allerede stafetholder' }]);
    recipient = { ...(await consent.recipientFactsForUser(scope, input.toUserId)), kind: 'user', id: input.toUserId };
    announce = [input.toUserId];
  } else {
    const institution = await repo.findInstitution(scope, input.toInstitutionId!);
    if (!institution || institution.archivedAt) throw new AppError('institution.not_found', 404);
    recipient = { kind: 'institution', id: institution.id, userId: null, name: institution.name, roles: [], institutionIds: [institution.id], teamIds: [] };
    announce = await repo.institutionLeaders(scope, institution.id);
  }
  // A named receiver may read the log while deciding; an institution's leder gets access on accepting.
  const disclosure = await consent.disclose(scope, {
    childId: log.childId,
    kind: 'stafetlog_relay',
    purpose: await relayPurpose(scope, log.childId, recipient),
    informationTypes: STAFETLOG_INFORMATION,
    recipient,
    legalBasis: input.legalBasis,
    grantAccessAs: recipient.kind === 'user' ? 'stafetlog' : undefined,
    sourceId: id,
  });
  await repo.insertRelay(scope, {
    municipalityId: scope.municipalityId,
    id,
    logId,
    fromUserId: me.id,
    toUserId: input.toUserId ?? null,
    toInstitutionId: input.toInstitutionId ?? null,
    message: input.message ?? null,
    consentId: disclosure.consentId,
    legalBasis: disclosure.legalBasis,
    createdAt: scope.now,
  });
  await deliver(
    scope,
    announce.map((userId) => ({ userId, kind: 'stafetlog.relay_received', params: { from: me.name }, link: '/stafetlog', dedupeKey: `stafetlog-relay:${id}` })),
  );
  scope.audit({ action: 'update', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { relay: id, to: recipient.kind, consentId: disclosure.consentId, legalBasis: disclosure.legalBasis } });
  return view(scope, logId);
}

/** The pending relay the actor may answer (receiver, or a leder of the receiving institution). */
async function answerable(scope: Scope, relayId: string) {
  if (scope.actor.kind !== 'staff' || !scope.actor.userId) throw relayNotFound();
  scope.require('stafetlog.work', { resourceType: 'stafetlog_relay', resourceId: relayId });
  const r = await repo.findRelay(scope, relayId);
  const led = await repo.ledInstitutions(scope, scope.actor.userId);
  if (!r || !mayAnswerRelay(scope.actor, r, led)) scope.deny({ resourceType: 'stafetlog_relay', resourceId: relayId }, relayNotFound());
  const log = await repo.findLog(scope, r.logId, { forUpdate: true });
  if (!log) throw relayNotFound();
  if (log.status !== 'open') throw new AppError('stafetlog.closed', 409);
  return { r, log };
}

function receipt(r: repo.RelayRow, kind: 'stafetlog.relay_accepted' | 'stafetlog.relay_declined', receiver: string): NewNotice {
  return { userId: r.fromUserId, kind, params: { receiver }, link: `/stafetlog/${r.logId}`, dedupeKey: `stafetlog-relay-answer:${r.id}` };
}

/**
 * Accept: the receiver becomes stafetholder, a participant with the relay's disclosure (for a
 * relay to an institution: the accepting leder's own disclosure, checked against consent now);
 * the sender stays as deltager and gets a receipt.
 */
export async function acceptRelay(scope: Scope, relayId: string, input: { note?: string | null }): Promise<LogView> {
  const { r, log } = await answerable(scope, relayId);
  const me = author(scope);
  const relayDisclosure = await repo.relayDisclosure(scope, relayId);
  let basis: { disclosureId: string; childRelationId: string | null };
  if (r.toUserId) {
    // The consent it rested on was withdrawn or has expired since: nothing may cross any more.
    if (!relayDisclosure || relayDisclosure.endedAt) scope.deny({ resourceType: 'stafetlog_relay', resourceId: relayId, childId: log.childId }, new AppError('consent.required', 403));
    basis = { disclosureId: relayDisclosure.id, childRelationId: relayDisclosure.childRelationId };
  } else {
    const facts = await consent.recipientFactsForUser(scope, me.id);
    const d = await consent.disclose(scope, {
      childId: log.childId,
      kind: 'stafetlog_participant',
      purpose: await relayPurpose(scope, log.childId, facts),
      informationTypes: STAFETLOG_INFORMATION,
      recipient: { ...facts, kind: 'user', id: me.id },
      legalBasis: r.legalBasis ?? undefined,
      grantAccessAs: 'stafetlog',
      sourceId: log.id,
    });
    basis = { disclosureId: d.disclosureId, childRelationId: d.childRelationId };
  }
  if (!(await repo.answerRelay(scope, relayId, { status: 'accepted', answerNote: input.note ?? null }))) throw relayNotFound();
  const participants = await repo.participantsOf(scope, [log.id]);
  for (const p of participants) {
    if (!participation(p).active) continue;
    // My earlier participation (as deltager) gives way to the one the relay gives.
    if (p.userId === me.id) await endParticipation(scope, p, 'left');
    else if (p.part === 'stafetholder') await repo.updateParticipant(scope, p.id, { part: 'deltager' });
  }
  await repo.insertParticipant(scope, {
    municipalityId: scope.municipalityId,
    id: randomUUID(),
    logId: log.id,
    userId: me.id,
    part: 'stafetholder',
    childRelationId: basis.childRelationId,
    disclosureId: basis.disclosureId,
    addedBy: r.fromUserId,
    joinedAt: scope.now,
  });
  if (!(await repo.updateLog(scope, log.id, log.version, { holderUserId: me.id, holderInstitutionId: r.toInstitutionId }))) throw new AppError('version.mismatch', 412);
  await deliver(scope, [receipt(r, 'stafetlog.relay_accepted', me.name)]);
  scope.audit({ action: 'update', resourceType: RESOURCE, resourceId: log.id, childId: log.childId, details: { relayAccepted: relayId, from: r.fromUserId } });
  return view(scope, log.id);
}

/** Decline, with a reason for the sender; access the relay gave the receiver ends now. */
export async function declineRelay(scope: Scope, relayId: string, input: { note: string }): Promise<void> {
  const { r, log } = await answerable(scope, relayId);
  if (!(await repo.answerRelay(scope, relayId, { status: 'declined', answerNote: input.note }))) throw relayNotFound();
  const d = await repo.relayDisclosure(scope, relayId);
  if (d && d.endedAt === null) await consent.endDisclosure(scope, d.id, 'removed');
  await deliver(scope, [receipt(r, 'stafetlog.relay_declined', author(scope).name)]);
  scope.audit({ action: 'update', resourceType: RESOURCE, resourceId: log.id, childId: log.childId, details: { relayDeclined: relayId } });
}

/** The sender takes a pending relay back. */
export async function cancelRelay(scope: Scope, relayId: string): Promise<LogView> {
  if (scope.actor.kind !== 'staff' || !scope.actor.userId) throw relayNotFound();
  const r = await repo.findRelay(scope, relayId);
  if (!r || r.fromUserId !== scope.actor.userId || r.status !== 'pending') scope.deny({ resourceType: 'stafetlog_relay', resourceId: relayId }, relayNotFound());
  const log = await repo.findLog(scope, r.logId);
  if (!log) throw notFound();
  if (!(await repo.answerRelay(scope, relayId, { status: 'cancelled', answerNote: null }))) throw relayNotFound();
  const d = await repo.relayDisclosure(scope, relayId);
  if (d && d.endedAt === null) await consent.endDisclosure(scope, d.id, 'removed');
  scope.audit({ action: 'update', resourceType: RESOURCE, resourceId: log.id, childId: log.childId, details: { relayCancelled: relayId } });
  await readable(scope, log.id);
  return view(scope, log.id);
}
