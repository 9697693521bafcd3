// Several raters → joint position (S2; issue 4, TOPI practice): two or more professionals rate
// a child separately and then agree a joint position. When their ratings differ by two steps
// or more, or some see concern and others do not, the child is flagged as a conflict that
// asks for a joint talk before the round closes. An agreed joint position clears the flag.
import type { ChildRoundStatus } from './screening-round.ts';
import { stepDistance } from './screening-scale.ts';

/** A rater's current rating: a position, or null when marked not assessed. */
export interface RaterPosition {
  raterId: string;
  position: { id: string; ordinal: number; isConcern: boolean } | null;
}

export const CONFLICT_STEPS = 2;

export type ConflictReason = 'distance' | 'concern_mix';

export interface Conflict {
  conflict: boolean;
  reasons: ConflictReason[];
  /** Largest step distance between any two raters' positions (0 with fewer than two). */
  maxDistance: number;
}

/** Whether the raters' positions disagree enough to need a joint talk. Not-assessed marks are ignored. */
export function conflictOf(ratings: readonly RaterPosition[]): Conflict {
  const positions = ratings.flatMap((r) => (r.position ? [r.position] : []));
  if (positions.length < 2) return { conflict: false, reasons: [], maxDistance: 0 };
  const ordinals = positions.map((p) => p.ordinal);
  const maxDistance = stepDistance({ ordinal: Math.min(...ordinals) }, { ordinal: Math.max(...ordinals) });
  const reasons: ConflictReason[] = [];
  if (maxDistance >= CONFLICT_STEPS) reasons.push('distance');
  const concern = new Set(positions.map((p) => p.isConcern));
  if (concern.size > 1) reasons.push('concern_mix');
  return { conflict: reasons.length > 0, reasons, maxDistance };
}

/** The raters who have given a position (not-assessed marks do not count towards a joint position). */
export function ratersWithPosition(ratings: readonly RaterPosition[]): number {
  return new Set(ratings.filter((r) => r.position).map((r) => r.raterId)).size;
}

/** A joint position can only be agreed between at least two raters who each gave a position. */
export function mayAgreeJoint(ratings: readonly RaterPosition[]): boolean {
  return ratersWithPosition(ratings) >= 2;
}

/**
 * The child's state in the round:
 *  - agreed: a joint position is recorded (it settles any conflict);
 *  - missing: nobody has rated the child yet;
 *  - not_assessed: every rater marked the child not assessed;
 *  - conflict: raters disagree (two steps or concern vs no concern) — a joint talk is needed;
 *  - awaiting_joint: the round requires a joint position and it is not yet agreed;
 *  - rated: otherwise.
 */
export function childRoundStatus(individual: readonly RaterPosition[], hasJoint: boolean, jointRequired: boolean): ChildRoundStatus {
  if (hasJoint) return 'agreed';
  if (individual.length === 0) return 'missing';
  if (individual.every((r) => r.position === null)) return 'not_assessed';
  if (conflictOf(individual).conflict) return 'conflict';
  if (jointRequired) return 'awaiting_joint';
  return 'rated';
}

/**
 * The position that stands for the child in the round (overviews, the child's history):
 * the joint one when agreed; otherwise the raters' position when they all gave the same one;
 * otherwise none yet.
 */
export function effectivePositionId(individual: readonly RaterPosition[], jointPositionId: string | null): string | null {
  if (jointPositionId) return jointPositionId;
  const ids = new Set(individual.flatMap((r) => (r.position ? [r.position.id] : [])));
  return ids.size === 1 ? [...ids][0]! : null;
}

/**
 * Ratings are append-only: a correction is a new row pointing at the row it corrects. The
 * current rows are those no other row corrects (the database keeps each chain linear).
 */
export function currentRows<T extends { id: string; correctsId: string | null }>(rows: readonly T[]): T[] {
  const corrected = new Set(rows.flatMap((r) => (r.correctsId ? [r.correctsId] : [])));
  return rows.filter((r) => !corrected.has(r.id));
}
