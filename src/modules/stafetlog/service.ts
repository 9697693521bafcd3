// Stafetlog use cases (S4): read, open, and the appends everyone in the log makes (their own
// level, words, goals). Every function takes the caller's Scope (one transaction per request),
// works for staff and for custody holders (the portal calls the same functions), and audits
// with the child id. Items (actions, evaluations, documents) are in items-service.ts,
// participants and closing in participants-service.ts, the relay in relay-service.ts.
import { randomUUID } from 'node:crypto';
import type { Scope } from '../../access/scope.ts';
import { AppError } from '../../errors.ts';
import { uniqueOr409 } from '../shared/versioned.ts';
import { appendable, author, labelsOf, readable, requireChild, requireWorker, RESOURCE, view } from './log-access.ts';
import { mayWriteEntryKind } from './policy.ts';
import { presentSummary } from './presenter.ts';
import * as repo from './repo.ts';
import type { EntryInput, GoalCreateInput, LevelInput, LogSummary, LogView, OpenLogInput, UpcomingItem } from './schema.ts';

export { addAction, addDocument, addEvaluation, downloadDocument, holdEvaluation, patchAction, patchGoal } from './items-service.ts';
export { addParticipant, closeLog, removeParticipant, takeOver, transfer, updateConcern } from './participants-service.ts';
export { acceptRelay, cancelRelay, declineRelay, relay } from './relay-service.ts';

const childNotFound = () => new AppError('child.not_found', 404);

// ── reading ────────────────────────────────────────────────────────────────────────────
export async function readLog(scope: Scope, logId: string): Promise<LogView> {
  const { log } = await readable(scope, logId);
  scope.audit({ action: 'read', resourceType: RESOURCE, resourceId: log.id, childId: log.childId });
  return view(scope, log.id);
}

/** Every log of the child (open and closed), newest first. */
export async function logsForChild(scope: Scope, childId: string): Promise<LogSummary[]> {
  requireWorker(scope, { childId });
  await requireChild(scope, childId, childNotFound());
  const logs = await repo.logsOfChild(scope, childId);
  scope.audit({ action: 'list', resourceType: RESOURCE, childId, details: { logs: logs.length } });
  if (logs.length === 0) return [];
  const ids = logs.map((l) => l.id);
  const [levels, goals, actions, evaluations] = await Promise.all([repo.levelsOf(scope, ids), repo.goalsOf(scope, ids), repo.actionsOf(scope, ids), repo.evaluationsOf(scope, ids)]);
  const holders = new Map<string, string>();
  for (const id of new Set(logs.map((l) => l.holderUserId))) holders.set(id, (await repo.findUser(scope, id))?.displayName ?? '');
  const of = <T extends { logId: string }>(rows: readonly T[], logId: string) => rows.filter((r) => r.logId === logId);
  return logs.map((l) =>
    presentSummary(l, holders.get(l.holderUserId) ?? '', of(levels, l.id), of(goals, l.id), of(actions, l.id), of(evaluations, l.id)),
  );
}

/** Open actions and unheld evaluations of the child's open log, by date (for the portal's "kommende"). */
export async function upcomingForChild(scope: Scope, childId: string): Promise<UpcomingItem[]> {
  requireWorker(scope, { childId });
  await requireChild(scope, childId, childNotFound());
  const log = await repo.openLogOfChild(scope, childId);
  if (!log) return [];
  const [actions, evaluations] = await Promise.all([repo.actionsOf(scope, [log.id]), repo.evaluationsOf(scope, [log.id])]);
  const items: UpcomingItem[] = [
    ...actions.filter((a) => a.status === 'open').map((a) => ({ kind: 'action' as const, date: a.dueDate, text: a.text, logId: log.id })),
    ...evaluations.filter((v) => v.heldAt === null).map((v) => ({ kind: 'evaluation' as const, date: v.dueDate, text: 'Evaluering', logId: log.id })),
  ];
  return items.sort((a, b) => a.date.localeCompare(b.date));
}

/** The child page's panel: the open log (if any), whether the viewer may open one, the closed ones. */
export async function childLog(scope: Scope, childId: string) {
  requireWorker(scope, { childId });
  await requireChild(scope, childId, childNotFound());
  const logs = await repo.logsOfChild(scope, childId);
  const open = logs.find((l) => l.status === 'open');
  scope.audit({ action: open ? 'read' : 'list', resourceType: RESOURCE, resourceId: open?.id ?? null, childId });
  return {
    log: open ? await view(scope, open.id) : null,
    canOpen: !open && scope.actor.kind === 'staff',
    concernLabels: await labelsOf(scope),
    closed: logs.filter((l) => l.status === 'closed').map((l) => ({ id: l.id, openedAt: l.openedAt.toISOString(), closedAt: l.closedAt?.toISOString() ?? null })),
  };
}

// ── opening ────────────────────────────────────────────────────────────────────────────
/**
 * A professional who reaches the child opens the log and becomes stafetholder: a participant
 * with a child relation of kind 'stafetlog' and no disclosure (nothing crossed to anyone).
 * One open log per child (the log is shared, not duplicated): 409 stafetlog.already_open.
 */
export async function openLog(scope: Scope, childId: string, input: OpenLogInput): Promise<LogView> {
  if (scope.actor.kind !== 'staff') throw new AppError('access.denied', 403);
  requireWorker(scope, { childId });
  await requireChild(scope, childId, childNotFound());
  if (await repo.openLogOfChild(scope, childId)) throw new AppError('stafetlog.already_open', 409);
  const me = author(scope);
  const id = randomUUID();
  await uniqueOr409(
    () => repo.insertLog(scope, { municipalityId: scope.municipalityId, id, childId, concern: input.concern, holderUserId: me.id, openedBy: me.id, openedAt: scope.now }),
    'stafetlog.already_open',
  );
  const relationId = randomUUID();
  await repo.insertRelation(scope, {
    municipalityId: scope.municipalityId,
    id: relationId,
    childId,
    subjectKind: 'user',
    subjectId: me.id,
    kind: 'stafetlog',
    sourceId: id,
    validFrom: scope.today,
    validTo: null,
  });
  await repo.insertParticipant(scope, {
    municipalityId: scope.municipalityId,
    id: randomUUID(),
    logId: id,
    userId: me.id,
    part: 'stafetholder',
    childRelationId: relationId,
    disclosureId: null,
    addedBy: me.id,
    joinedAt: scope.now,
  });
  await repo.insertLevel(scope, {
    municipalityId: scope.municipalityId,
    id: randomUUID(),
    logId: id,
    authorKind: 'staff',
    authorId: me.id,
    authorName: me.name,
    level: input.level,
    comment: input.levelComment ?? null,
    statedAt: scope.now,
  });
  scope.audit({ action: 'create', resourceType: RESOURCE, resourceId: id, childId, details: { level: input.level } });
  return view(scope, id);
}

// ── appends everyone in the log makes ──────────────────────────────────────────────────
/** The author's own level of concern; earlier levels are kept, so a changed view stays visible. */
export async function stateLevel(scope: Scope, logId: string, input: LevelInput): Promise<LogView> {
  const { log } = await appendable(scope, logId, 'level');
  const who = author(scope);
  await repo.insertLevel(scope, {
    municipalityId: scope.municipalityId,
    id: randomUUID(),
    logId,
    authorKind: who.kind,
    authorId: who.id,
    authorName: who.name,
    level: input.level,
    comment: input.comment ?? null,
    statedAt: scope.now,
  });
  scope.audit({ action: 'create', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { item: 'level', level: input.level } });
  return view(scope, logId);
}

/** Append-only text: a correction is a new entry pointing at the one it corrects. */
export async function addEntry(scope: Scope, logId: string, input: EntryInput): Promise<LogView> {
  const { log } = await appendable(scope, logId, 'entry');
  if (!mayWriteEntryKind(scope.actor, input.kind)) scope.deny({ resourceType: RESOURCE, resourceId: logId, childId: log.childId }, new AppError('access.denied', 403));
  if (input.correctsId && !(await repo.findEntry(scope, logId, input.correctsId))) throw new AppError('stafetlog.item_not_found', 404);
  const who = author(scope);
  const id = randomUUID();
  await repo.insertEntry(scope, {
    municipalityId: scope.municipalityId,
    id,
    logId,
    kind: input.kind,
    authorKind: who.kind,
    authorId: who.id,
    authorName: who.name,
    body: input.body,
    correctsId: input.correctsId ?? null,
    createdAt: scope.now,
  });
  scope.audit({ action: 'create', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { item: 'entry', id, kind: input.kind } });
  return view(scope, logId);
}

export async function addGoal(scope: Scope, logId: string, input: GoalCreateInput): Promise<LogView> {
  const { log } = await appendable(scope, logId, 'goal');
  const who = author(scope);
  const id = randomUUID();
  await repo.insertGoal(scope, {
    municipalityId: scope.municipalityId,
    id,
    logId,
    text: input.text,
    proposedByKind: who.kind,
    proposedById: who.id,
    proposedByName: who.name,
    createdAt: scope.now,
  });
  scope.audit({ action: 'create', resourceType: RESOURCE, resourceId: logId, childId: log.childId, details: { item: 'goal', id } });
  return view(scope, logId);
}
