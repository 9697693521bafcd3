// Coverage of a round per group (rated / total, conflicts, awaiting a joint position): counts
// only, shared by progress, the overviews and the reminders so they agree on what "done" means.
import type { Scope } from '../../access/scope.ts';
import type { Row } from '../../db/types.ts';
import { childRoundStatus, currentRows, type RaterPosition } from '../../domain/screening-conflict.ts';
import { coverage, enrolmentDay, type Coverage } from '../../domain/screening-round.ts';
import * as repo from './repo.ts';

type PositionRow = Row<'screeningPositions'>;
type RatingState = Pick<Row<'screeningRatings'>, 'id' | 'childId' | 'raterUserId' | 'kind' | 'positionId' | 'correctsId'>;

export function raterPositions(rows: readonly RatingState[], positions: ReadonlyMap<string, PositionRow>): RaterPosition[] {
  return rows
    .filter((r) => r.kind === 'individual')
    .map((r) => {
      const p = r.positionId ? positions.get(r.positionId) : undefined;
      return { raterId: r.raterUserId, position: p ? { id: p.id, ordinal: p.ordinal, isConcern: p.isConcern } : null };
    });
}

/** Current rows per child (corrections applied). */
export function currentByChild<T extends RatingState>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of currentRows(rows)) out.set(r.childId, [...(out.get(r.childId) ?? []), r]);
  return out;
}

export async function positionMap(scope: Scope, versionIds: readonly string[]) {
  return new Map((await repo.positionsOf(scope, versionIds)).map((p) => [p.id, p]));
}

/** Coverage of each group in the round, counting the children enrolled on the round's counting day. */
export async function coverageByGroup(scope: Scope, round: Row<'screeningRounds'>, groupIds: readonly string[]): Promise<Map<string, Coverage>> {
  const enrolled = await repo.enrolledByGroup(scope, groupIds, enrolmentDay(round, scope.today));
  const positions = await positionMap(scope, [round.scaleVersionId]);
  const byChild = currentByChild(await repo.ratingStatesInRound(scope, round.id));
  const statusOf = (childId: string) => {
    const rows = byChild.get(childId) ?? [];
    return childRoundStatus(raterPositions(rows, positions), rows.some((r) => r.kind === 'joint'), round.jointRatingRequired);
  };
  return new Map(groupIds.map((id) => [id, coverage(enrolled.filter((e) => e.groupId === id).map((e) => statusOf(e.childId)))]));
}
