// Who may do what in a stafetlog (S4, S15). Pure: (actor, facts) → allowed. Whether the actor
// reaches the child at all is asked first, set-based (scope.allowedChildIds); this file decides
// the part within the log:
//   - the stafetholder: everything, and alone: participants, relay, close, transfer, concern text;
//     when the holder no longer takes part, any active participant may take the log over;
//   - an active participant (deltager): appends and edits of goals, actions, evaluations;
//   - any other professional who reaches the child (stafetlog.work): reads — no hidden notes;
//   - a custody holder (citizen): reads everything, and adds their own words, level and goals.
import type { Actor } from '../../access/actor.ts';
import { addDays } from '../../domain/calendar.ts';

type PolicyActor = Pick<Actor, 'kind' | 'userId'>;

export interface ParticipationFacts {
  userId: string;
  part: 'stafetholder' | 'deltager';
  /** Not left, and the disclosure it rests on (if any) has not ended. */
  active: boolean;
}

export interface LogFacts {
  status: 'open' | 'closed';
  holderUserId: string;
  participants: readonly ParticipationFacts[];
}

export interface Me {
  part: 'stafetholder' | 'deltager' | 'custody_holder' | null;
  isHolder: boolean;
  canWrite: boolean;
}

/** The actor's part in a log they may read. */
export function myPart(actor: PolicyActor, log: LogFacts): Me {
  const open = log.status === 'open';
  if (actor.kind === 'citizen') return { part: 'custody_holder', isHolder: false, canWrite: open };
  const mine = actor.kind === 'staff' ? log.participants.find((p) => p.active && p.userId === actor.userId) : undefined;
  if (!mine) return { part: null, isHolder: false, canWrite: false };
  const isHolder = mine.userId === log.holderUserId;
  return { part: isHolder ? 'stafetholder' : mine.part, isHolder, canWrite: open };
}

/**
 * The stafetholder still takes part: an active participation of theirs (not removed, the consent
 * behind it neither withdrawn nor expired), and their user is not deactivated.
 */
export function holderActive(log: LogFacts, holderDeactivated = false): boolean {
  return !holderDeactivated && log.participants.some((p) => p.active && p.userId === log.holderUserId);
}

/**
 * Take over a log whose holder has gone: any active participant (staff) of an open log, and
 * only while the holder no longer takes part. Why not: 'closed', 'not_participant', 'holder_active'.
 */
export function takeOverRefusal(actor: PolicyActor, log: LogFacts, holderDeactivated = false): 'closed' | 'not_participant' | 'holder_active' | null {
  if (log.status !== 'open') return 'closed';
  if (actor.kind !== 'staff' || !log.participants.some((p) => p.active && p.userId === actor.userId)) return 'not_participant';
  return holderActive(log, holderDeactivated) ? 'holder_active' : null;
}

export type Append = 'entry' | 'level' | 'goal' | 'action' | 'evaluation' | 'document' | 'edit_item';

/** Appends: every participant; custody holders their own words, level and goals. */
export function mayAppend(me: Me, what: Append): boolean {
  if (!me.canWrite) return false;
  if (me.part === 'custody_holder') return what === 'entry' || what === 'level' || what === 'goal';
  return me.part !== null;
}

/** Entry kinds: a citizen writes the parents' own words only; professionals also record the child's words. */
export function mayWriteEntryKind(actor: PolicyActor, kind: 'note' | 'child_words' | 'parent_words'): boolean {
  return actor.kind === 'citizen' ? kind === 'parent_words' : actor.kind === 'staff';
}

/** The receiver of a pending relay: the named professional, or a leder of the named institution. */
export function mayAnswerRelay(
  actor: PolicyActor,
  relay: { status: string; toUserId: string | null; toInstitutionId: string | null },
  ledInstitutionIds: readonly string[],
): boolean {
  if (actor.kind !== 'staff' || !actor.userId || relay.status !== 'pending') return false;
  if (relay.toUserId) return relay.toUserId === actor.userId;
  return relay.toInstitutionId !== null && ledInstitutionIds.includes(relay.toInstitutionId);
}

/** Open and past its due date (Copenhagen day). */
export function isOverdue(item: { dueDate: string; done: boolean }, today: string): boolean {
  return !item.done && item.dueDate < today;
}

/** Reminders (S4: "reminders for due actions and evaluations"): from 2 days before the date. */
export const REMIND_DAYS_BEFORE = 2;

/** Which reminder an open item gets today: none yet, 'due' (within 2 days), or 'overdue'. */
export function reminderFor(dueDate: string, today: string): 'due' | 'overdue' | null {
  if (dueDate < today) return 'overdue';
  return dueDate <= addDays(today, REMIND_DAYS_BEFORE) ? 'due' : null;
}
