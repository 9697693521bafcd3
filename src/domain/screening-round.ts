// Screening rounds (S2): seeds 002 (Egedal: "med faste intervaller en trivselsvurdering af alle
// børn"), 004 (trivselsundersøgelser af alle børn to-tre gange om året). A round covers some
// institution types and has an open/close window of Copenhagen calendar days (both inclusive).
// Professionals rate inside the window; after it closes only the leader may add a late rating.
import { overlaps } from './enrolment.ts';

export interface RoundWindow {
  opensOn: string;
  closesOn: string;
}

export type RoundPhase = 'planned' | 'open' | 'closed';

/** Where the round stands on a Copenhagen day ('YYYY-MM-DD'). */
export function roundPhase(round: RoundWindow, day: string): RoundPhase {
  if (day < round.opensOn) return 'planned';
  if (day > round.closesOn) return 'closed';
  return 'open';
}

/** How the actor relates to the group being rated. */
export type RaterRelation = 'professional' | 'leader';

export type RatingWindowDecision =
  | { allowed: true; late: boolean }
  | { allowed: false; code: 'screening.round_not_open' | 'screening.round_closed' };

/**
 * May someone with this relation to the group rate on this day? Inside the window: yes.
 * Before it opens: nobody. After it closes: only the leader, and the rating is marked late.
 */
export function ratingWindow(round: RoundWindow, day: string, relation: RaterRelation): RatingWindowDecision {
  const phase = roundPhase(round, day);
  if (phase === 'open') return { allowed: true, late: false };
  if (phase === 'planned') return { allowed: false, code: 'screening.round_not_open' };
  return relation === 'leader' ? { allowed: true, late: true } : { allowed: false, code: 'screening.round_closed' };
}

export interface RoundPlan extends RoundWindow {
  id?: string;
  institutionTypes: readonly string[];
}

/**
 * Rounds that would run at the same time for the same institution type: a group would then
 * see two lists at once. Returns the ids of the existing rounds the candidate collides with.
 */
export function overlappingRounds(existing: readonly (RoundPlan & { id: string })[], candidate: RoundPlan): string[] {
  return existing
    .filter((r) => r.id !== candidate.id)
    .filter((r) => r.institutionTypes.some((t) => candidate.institutionTypes.includes(t)))
    .filter((r) => overlaps({ validFrom: r.opensOn, validTo: r.closesOn }, { validFrom: candidate.opensOn, validTo: candidate.closesOn }))
    .map((r) => r.id);
}

/** A child's state in a round, from screening-conflict.ts childRoundStatus. */
export type ChildRoundStatus = 'missing' | 'not_assessed' | 'rated' | 'awaiting_joint' | 'conflict' | 'agreed';

/** Statuses that complete the child for the round (a conflict asks for a joint talk first). */
export const DONE_STATUSES: readonly ChildRoundStatus[] = ['not_assessed', 'rated', 'agreed'];

export interface Coverage {
  total: number;
  done: number;
  rated: number;
  notAssessed: number;
  missing: number;
  conflicts: number;
  awaitingJoint: number;
  /** done / total, 1 for an empty group (nothing left to rate). */
  ratio: number;
  complete: boolean;
}

/** Coverage of a group (or institution, district): every enrolled child must be rated or marked not assessed. */
export function coverage(statuses: readonly ChildRoundStatus[]): Coverage {
  const count = (s: ChildRoundStatus) => statuses.filter((x) => x === s).length;
  const total = statuses.length;
  const done = statuses.filter((s) => DONE_STATUSES.includes(s)).length;
  return {
    total,
    done,
    rated: count('rated') + count('agreed'),
    notAssessed: count('not_assessed'),
    missing: count('missing'),
    conflicts: count('conflict'),
    awaitingJoint: count('awaiting_joint'),
    ratio: total === 0 ? 1 : done / total,
    complete: done === total,
  };
}

/** Sum coverages of groups into an institution's, and institutions' into a district's. */
export function addCoverage(parts: readonly Coverage[]): Coverage {
  const sum = (k: 'total' | 'done' | 'rated' | 'notAssessed' | 'missing' | 'conflicts' | 'awaitingJoint') => parts.reduce((a, p) => a + p[k], 0);
  const total = sum('total');
  const done = sum('done');
  return {
    total,
    done,
    rated: sum('rated'),
    notAssessed: sum('notAssessed'),
    missing: sum('missing'),
    conflicts: sum('conflicts'),
    awaitingJoint: sum('awaitingJoint'),
    ratio: total === 0 ? 1 : done / total,
    complete: done === total,
  };
}

/**
 * The day whose enrolments make up a group's list: today while the round runs, the closing
 * day once it has closed (a late rating completes the list as it stood at the close).
 */
export function enrolmentDay(round: RoundWindow, today: string): string {
  return today > round.closesOn ? round.closesOn : today;
}
