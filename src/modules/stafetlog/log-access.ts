// The one way into a log for every stafetlog use case: find it (row-level security hides other
// municipalities), ask set-based whether the actor reaches the child now, and work out their
// part (policy.ts). A log the actor may not see answers exactly like a missing one (404), and
// the refused attempt is audited (scope.deny survives the rolled-back transaction).
import type { Scope } from '../../access/scope.ts';
import { AppError } from '../../errors.ts';
import { mayAnswerRelay, mayAppend, myPart, type Append, type Me } from './policy.ts';
import { DEFAULT_CONCERN_LABELS, participation, presentLog } from './presenter.ts';
import * as repo from './repo.ts';
import type { LogView } from './schema.ts';

export const RESOURCE = 'stafetlog';
export const notFound = () => new AppError('stafetlog.not_found', 404);

export interface Loaded {
  log: repo.LogRow;
  participants: repo.ParticipantRow[];
  me: Me;
}

/** Staff need stafetlog.work; citizens reach their own children; nobody else reaches a log. */
export function requireWorker(scope: Scope, what: { resourceId?: string; childId?: string } = {}): void {
  const actor = scope.actor;
  if (actor.kind === 'staff') scope.require('stafetlog.work', { resourceType: RESOURCE, resourceId: what.resourceId ?? null, childId: what.childId ?? null });
  else if (actor.kind !== 'citizen') scope.deny({ resourceType: RESOURCE, resourceId: what.resourceId ?? null }, notFound());
}

/** Whether the actor reaches the child now; if not, the audited 404 given. */
export async function requireChild(scope: Scope, childId: string, error: AppError, resourceId: string | null = null): Promise<void> {
  const allowed = await scope.allowedChildIds([childId]);
  if (!allowed.has(childId)) scope.deny({ resourceType: RESOURCE, resourceId, childId }, error);
}

/**
 * A log the actor may read. With `lock`, the row is locked for the rest of the transaction,
 * so concurrent writes to the same log's head run one after the other.
 */
export async function readable(scope: Scope, logId: string, opts: { lock?: boolean } = {}): Promise<Loaded> {
  requireWorker(scope, { resourceId: logId });
  const log = await repo.findLog(scope, logId, { forUpdate: opts.lock });
  if (!log) throw notFound();
  await requireChild(scope, log.childId, notFound(), logId);
  const participants = await repo.participantsOf(scope, [log.id]);
  const me = myPart(scope.actor, { status: log.status, holderUserId: log.holderUserId, participants: participants.map(participation) });
  return { log, participants, me };
}

/** A log the actor may append to (entries, levels, goals …). */
export async function appendable(scope: Scope, logId: string, what: Append): Promise<Loaded> {
  const loaded = await readable(scope, logId);
  if (loaded.log.status !== 'open') throw new AppError('stafetlog.closed', 409);
  if (!mayAppend(loaded.me, what)) scope.deny({ resourceType: RESOURCE, resourceId: logId, childId: loaded.log.childId }, new AppError('access.denied', 403));
  return loaded;
}

/**
 * The holder's writes on the log head (participants, relay, close, concern): If-Match on the
 * log version, which this bumps. Two writes at the same version: the second gets 412.
 */
export async function asHolder(scope: Scope, logId: string, expectedVersion: number | null): Promise<Loaded> {
  const loaded = await readable(scope, logId, { lock: true });
  if (loaded.log.status !== 'open') throw new AppError('stafetlog.closed', 409);
  if (!loaded.me.isHolder) scope.deny({ resourceType: RESOURCE, resourceId: logId, childId: loaded.log.childId }, new AppError('stafetlog.holder_only', 403));
  if (expectedVersion !== null) {
    if (loaded.log.version !== expectedVersion || !(await repo.updateLog(scope, logId, expectedVersion, {}))) throw new AppError('version.mismatch', 412);
    loaded.log = { ...loaded.log, version: loaded.log.version + 1 };
  }
  return loaded;
}

export async function labelsOf(scope: Scope): Promise<string[]> {
  return (await repo.concernLabels(scope))?.labels ?? [...DEFAULT_CONCERN_LABELS];
}

/** The whole log as the actor sees it (read again, so it shows what this transaction wrote). */
export async function view(scope: Scope, logId: string): Promise<LogView> {
  const log = await repo.findLog(scope, logId);
  if (!log) throw notFound();
  const [child, holder, labels, participants, levels, goals, actions, evaluations, entries, documents, relays, transfers] = await Promise.all([
    repo.findChild(scope, log.childId),
    repo.findUser(scope, log.holderUserId),
    labelsOf(scope),
    repo.participantsOf(scope, [log.id]),
    repo.levelsOf(scope, [log.id]),
    repo.goalsOf(scope, [log.id]),
    repo.actionsOf(scope, [log.id]),
    repo.evaluationsOf(scope, [log.id]),
    repo.entriesOf(scope, log.id),
    repo.documentsOf(scope, log.id),
    repo.relaysOf(scope, log.id),
    repo.transfersOf(scope, log.id),
  ]);
  if (!child) throw notFound();
  const me = myPart(scope.actor, { status: log.status, holderUserId: log.holderUserId, participants: participants.map(participation) });
  const led = scope.actor.kind === 'staff' && scope.actor.userId && relays.some((r) => r.status === 'pending') ? await repo.ledInstitutions(scope, scope.actor.userId) : [];
  const answerable = new Set(relays.filter((r) => mayAnswerRelay(scope.actor, r, led)).map((r) => r.id));
  return presentLog({
    log,
    child,
    holderName: holder?.displayName ?? '',
    holderDeactivated: !!holder?.deactivatedAt,
    labels,
    participants,
    levels,
    goals,
    actions,
    evaluations,
    entries,
    documents,
    relays,
    transfers,
    me,
    answerable,
    today: scope.today,
  });
}

/** Who is writing, as stored on appended rows. */
export function author(scope: Scope): { kind: 'staff' | 'citizen'; id: string; name: string } {
  const a = scope.actor;
  if ((a.kind !== 'staff' && a.kind !== 'citizen') || !a.userId) throw new AppError('auth.required', 401);
  return { kind: a.kind, id: a.userId, name: a.displayName ?? '' };
}
