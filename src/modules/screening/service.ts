// Screening use cases (S2, issue 4): a group's list for a round, fast entry of the whole group
// in one transaction, the joint position, progress counts, and a child's history. Access:
// policy.ts for the unit, scope.childAccess() for the children; every child shown or rated
// is audited in the same transaction.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import { accessReasons } from '../../access/relations.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import type { Row } from '../../db/types.ts';
import { addDays } from '../../domain/calendar.ts';
import { childRoundStatus, conflictOf, currentRows, effectivePositionId, mayAgreeJoint } from '../../domain/screening-conflict.ts';
import { ratingProblems, type RatingProblemCode } from '../../domain/screening-rating.ts';
import { addCoverage, coverage, enrolmentDay, ratingWindow, roundPhase } from '../../domain/screening-round.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import * as consent from '../consent/service.ts';
import { uniqueOr409 } from '../shared/versioned.ts';
import { mayManage, mayReadNote, mayViewProgress, relationToGroup, type GroupRelation } from './policy.ts';
import { iso, presentPosition, presentRound } from './presenter.ts';
import { coverageByGroup, currentByChild, positionMap, raterPositions } from './coverage.ts';
import * as repo from './repo.ts';
import type * as s from './schema.ts';

/** Leaders keep seeing a closed round this long, to add late ratings. */
const CLOSED_ROUND_VISIBLE_DAYS = 90;

const PROBLEM_STATUS: Record<RatingProblemCode, number> = {
  'screening.child_not_in_group': 422,
  'screening.position_unknown': 422,
  'screening.duplicate_rating': 409,
  'screening.correction_invalid': 409,
};

/** The round, the group and the actor's relation to it — or 404 (audited) for a group that is not theirs. */
async function roundAndGroup(scope: Scope, roundId: string, groupId: string) {
  scope.require('screening.rate', { resourceType: 'screening_round', resourceId: roundId });
  const round = await repo.findRound(scope, roundId);
  if (!round) throw new AppError('screening.round_not_found', 404);
  const group = await repo.findGroup(scope, groupId);
  const relation = group ? relationToGroup(scope.actor, group) : null;
  if (!group || !relation) return scope.deny({ resourceType: 'group', resourceId: groupId }, new AppError('group.not_found', 404));
  if (!round.institutionTypes.includes(group.institutionType)) throw new AppError('screening.round_not_for_group', 422);
  return { round, group, relation };
}

function windowOrThrow(round: Row<'screeningRounds'>, today: string, relation: GroupRelation) {
  const decision = ratingWindow(round, today, relation);
  if (!decision.allowed) throw new AppError(decision.code, 409);
  return decision.late;
}

export function listRounds(ctx: AppContext, actor: Actor) {
  return withScope(ctx, actor, async (scope) => {
    if (mayManage(actor) && !actor.permissions.has('screening.rate')) {
      return { items: (await repo.listRounds(scope)).map((r) => ({ ...presentRound(r, scope.today), groups: [] })) };
    }
    scope.require('screening.rate', { resourceType: 'screening_round' });
    const groupIds = actor.memberships.filter((m) => m.unitKind === 'group' && m.role === 'fagperson').map((m) => m.unitId);
    const institutionIds = actor.memberships.filter((m) => m.unitKind === 'institution' && (m.role === 'fagperson' || m.role === 'leder')).map((m) => m.unitId);
    const groups = (await repo.groupsWithInstitutions(scope, { groupIds, institutionIds }))
      .map((g) => ({ ...g, relation: relationToGroup(actor, g) }))
      .filter((g): g is typeof g & { relation: GroupRelation } => g.relation !== null);
    const rounds = await repo.listRounds(scope, { institutionTypes: [...new Set(groups.map((g) => g.institutionType))], openOn: scope.today });
    const items = rounds.flatMap((r) => {
      const covered = groups.filter((g) => r.institutionTypes.includes(g.institutionType));
      const phase = roundPhase(r, scope.today);
      const visible = covered.filter(
        (g) => phase === 'open' || (g.relation === 'leader' && addDays(r.closesOn, CLOSED_ROUND_VISIBLE_DAYS) >= scope.today),
      );
      if (visible.length === 0) return [];
      return [
        {
          ...presentRound(r, scope.today),
          groups: visible.map((g) => ({
            id: g.id,
            name: g.name,
            institutionId: g.institutionId,
            institutionName: g.institutionName,
            relation: g.relation,
            mayRate: ratingWindow(r, scope.today, g.relation).allowed,
          })),
        },
      ];
    });
    return { items };
  });
}

/** Every child in the group with my rating, the other raters' positions, the joint position and the conflict flag. */
export function groupSheet(ctx: AppContext, actor: Actor, roundId: string, groupId: string) {
  return withScope(ctx, actor, async (scope) => {
    const { round, group, relation } = await roundAndGroup(scope, roundId, groupId);
    const children = await repo.groupChildren(scope, group.id, enrolmentDay(round, scope.today));
    const positions = await positionMap(scope, [round.scaleVersionId]);
    const rows = await repo.ratingsInRound(scope, round.id, children.map((c) => c.id));
    const current = currentByChild(rows);
    const window = ratingWindow(round, scope.today, relation);
    const items = children.map((c) => {
      const mineAndOthers = (current.get(c.id) ?? []).filter((r) => r.kind === 'individual');
      const joint = (current.get(c.id) ?? []).find((r) => r.kind === 'joint') ?? null;
      const raters = raterPositions(mineAndOthers, positions);
      const mine = mineAndOthers.find((r) => r.raterUserId === actor.userId) ?? null;
      scope.audit({ action: 'list', resourceType: 'screening_rating', childId: c.id, details: { roundId: round.id, groupId: group.id } });
      return {
        id: c.id,
        firstName: c.firstName,
        lastName: c.lastName,
        birthDate: c.birthDate,
        status: childRoundStatus(raters, joint !== null, round.jointRatingRequired),
        conflict: conflictOf(raters),
        effectivePositionId: effectivePositionId(raters, joint?.positionId ?? null),
        /** Two or more raters have given a position: a joint position can be agreed. */
        mayAgreeJoint: mayAgreeJoint(raters),
        mine: mine && {
          id: mine.id,
          positionId: mine.positionId,
          notAssessedReason: mine.notAssessedReason,
          note: mine.note,
          late: mine.late,
          createdAt: iso(mine.createdAt),
        },
        // Other raters' positions, not their notes: the position is the data (see policy.ts).
        others: mineAndOthers
          .filter((r) => r !== mine)
          .map((r) => ({ raterName: r.raterName, positionId: r.positionId, notAssessed: r.positionId === null })),
        joint: joint && { id: joint.id, positionId: joint.positionId!, note: joint.note, agreedBy: joint.raterName, createdAt: iso(joint.createdAt) },
      };
    });
    return {
      round: presentRound(round, scope.today),
      group: { id: group.id, name: group.name, institutionId: group.institutionId, institutionName: group.institutionName },
      relation,
      mayRate: window.allowed,
      late: window.allowed && window.late,
      positions: [...positions.values()].sort((a, b) => a.ordinal - b.ordinal).map(presentPosition),
      coverage: coverage(items.map((i) => i.status)),
      children: items,
    };
  });
}

/** Record denied attempts on children outside the actor's group, then refuse the whole submission. */
function refuse(scope: Scope, problems: ReturnType<typeof ratingProblems>, childIds: readonly string[], where: { roundId: string; groupId: string }): never {
  const first = problems[0]!;
  const error = new AppError(first.code, PROBLEM_STATUS[first.code], problems);
  for (const p of problems.filter((x) => x.code === 'screening.child_not_in_group')) {
    try {
      scope.deny({ resourceType: 'screening_rating', childId: childIds[p.index], details: where }, error);
    } catch {
      // deny records the attempt and throws; one record per foreign child, one error for all.
    }
  }
  throw error;
}

/** Fast entry: the whole group's ratings in one transaction — all saved, or none. */
export function submitRatings(ctx: AppContext, actor: Actor, roundId: string, groupId: string, input: z.infer<typeof s.ratingsSubmit>) {
  return withScope(ctx, actor, async (scope) => {
    const { round, group, relation } = await roundAndGroup(scope, roundId, groupId);
    const late = windowOrThrow(round, scope.today, relation);
    const children = await repo.groupChildren(scope, group.id, enrolmentDay(round, scope.today));
    const inGroup = new Set(children.map((c) => c.id));
    const positions = await positionMap(scope, [round.scaleVersionId]);
    const asked = input.ratings.map((r) => r.childId).filter((id) => inGroup.has(id));
    const mine = (await repo.ratingStatesInRound(scope, round.id, asked)).filter((r) => r.kind === 'individual' && r.raterUserId === actor.userId);
    const current = new Map(currentRows(mine).map((r) => [r.childId, r.id]));
    const problems = ratingProblems(input.ratings, { childrenInGroup: inGroup, positionIds: new Set(positions.keys()), currentByChild: current });
    if (problems.length) refuse(scope, problems, input.ratings.map((r) => r.childId), { roundId: round.id, groupId: group.id });

    const rows = input.ratings.map((r) => ({
      municipalityId: scope.municipalityId,
      id: randomUUID(),
      roundId: round.id,
      scaleVersionId: round.scaleVersionId,
      childId: r.childId,
      groupId: group.id,
      institutionId: group.institutionId,
      raterUserId: actor.userId!,
      kind: 'individual' as const,
      positionId: r.positionId,
      notAssessedReason: r.positionId === null ? r.notAssessedReason! : null,
      note: r.note ?? null,
      correctsId: r.correctsId ?? null,
      late,
      createdAt: scope.now,
    }));
    // A concurrent submission of the same child loses on the unique chain indexes: a 409, never a second current rating.
    await uniqueOr409(() => repo.insertRatings(scope, rows), 'screening.duplicate_rating');
    for (const r of rows) {
      scope.audit({
        action: 'create',
        resourceType: 'screening_rating',
        resourceId: r.id,
        childId: r.childId,
        details: { roundId: round.id, groupId: group.id, kind: r.kind, correctsId: r.correctsId, notAssessed: r.positionId === null, late },
      });
    }
    return { saved: rows.map((r) => ({ id: r.id, childId: r.childId })) };
  });
}

/** The joint position two or more raters agreed for one child; it clears a conflict. */
export function agreeJoint(ctx: AppContext, actor: Actor, roundId: string, groupId: string, input: z.infer<typeof s.jointSubmit>) {
  return withScope(ctx, actor, async (scope) => {
    const { round, group, relation } = await roundAndGroup(scope, roundId, groupId);
    const late = windowOrThrow(round, scope.today, relation);
    const children = await repo.groupChildren(scope, group.id, enrolmentDay(round, scope.today));
    const positions = await positionMap(scope, [round.scaleVersionId]);
    const where = { roundId: round.id, groupId: group.id };
    if (!children.some((c) => c.id === input.childId)) {
      refuse(scope, [{ index: 0, path: 'childId', code: 'screening.child_not_in_group' }], [input.childId], where);
    }
    if (!positions.has(input.positionId)) throw new AppError('screening.position_unknown', 422, [{ path: 'positionId', code: 'screening.position_unknown' }]);
    const current = currentRows(await repo.ratingStatesInRound(scope, round.id, [input.childId]));
    if (!mayAgreeJoint(raterPositions(current, positions))) throw new AppError('screening.joint_needs_raters', 409);
    const joint = current.find((r) => r.kind === 'joint');
    if (input.correctsId ? input.correctsId !== joint?.id : joint) {
      throw input.correctsId ? new AppError('screening.correction_invalid', 409) : new AppError('screening.duplicate_rating', 409);
    }
    const id = randomUUID();
    await uniqueOr409(
      () =>
        repo.insertRatings(scope, [
          {
            municipalityId: scope.municipalityId,
            id,
            roundId: round.id,
            scaleVersionId: round.scaleVersionId,
            childId: input.childId,
            groupId: group.id,
            institutionId: group.institutionId,
            raterUserId: actor.userId!,
            kind: 'joint',
            positionId: input.positionId,
            notAssessedReason: null,
            note: input.note ?? null,
            correctsId: input.correctsId ?? null,
            late,
            createdAt: scope.now,
          },
        ]),
      'screening.duplicate_rating',
    );
    scope.audit({ action: 'create', resourceType: 'screening_rating', resourceId: id, childId: input.childId, details: { ...where, kind: 'joint', correctsId: input.correctsId ?? null, late } });
    return { saved: [{ id, childId: input.childId }] };
  });
}

/** Rated / total per group and institution (counts only: no child is named, so nothing per child is audited). */
export function progress(ctx: AppContext, actor: Actor, roundId: string) {
  return withScope(ctx, actor, async (scope) => {
    const round = await repo.findRound(scope, roundId);
    if (!round) throw new AppError('screening.round_not_found', 404);
    const groups = (await repo.groupsWithInstitutions(scope, { institutionTypes: round.institutionTypes })).filter((g) =>
      mayViewProgress(actor, { id: g.institutionId, districtId: g.districtId }),
    );
    if (groups.length === 0 && !mayManage(actor)) scope.deny({ resourceType: 'screening_progress', resourceId: roundId }, new AppError('access.denied', 403));
    const groupCoverage = await coverageByGroup(scope, round, groups.map((g) => g.id));
    const institutions = [...new Map(groups.map((g) => [g.institutionId, g])).values()].map((i) => {
      const own = groups.filter((g) => g.institutionId === i.institutionId);
      return {
        id: i.institutionId,
        name: i.institutionName,
        districtId: i.districtId,
        coverage: addCoverage(own.map((g) => groupCoverage.get(g.id)!)),
        groups: own.map((g) => ({ id: g.id, name: g.name, coverage: groupCoverage.get(g.id)! })),
      };
    });
    return { round: presentRound(round, scope.today), total: addCoverage(institutions.map((i) => i.coverage)), institutions };
  });
}

/**
 * Screening history crosses to another party when the viewer reaches the child only through a
 * stafetlog (S14): the parents' consent for the stafetlog must name the ratings
 * ('trivselsvurderinger'), and the sharing is recorded as a disclosure — else 403
 * consent.required, audited. Those who work with the child (enrolment, case …) see it as before.
 */
async function requireHistoryCover(scope: Scope, actor: Actor, childId: string): Promise<void> {
  const reasons = await accessReasons(scope.trx, actor, scope.today, childId);
  if (reasons.some((r) => r !== 'relation_stafetlog') || !actor.userId) return;
  const recipient = await consent.recipientFactsForUser(scope, actor.userId);
  await consent.discloseOnce(scope, { childId, kind: 'trivselshistorik', purpose: 'stafetlog', informationTypes: ['trivselsvurderinger'], recipient: { ...recipient, kind: 'user', id: actor.userId } });
}

/** A child's positions across rounds and institutions (the transitions S2 pays attention to). */
export function childHistory(ctx: AppContext, actor: Actor, childId: string) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('children.list', { resourceType: 'screening_rating', childId });
    if (!(await scope.allowedChildIds([childId])).has(childId)) {
      scope.deny({ resourceType: 'screening_rating', childId }, new AppError('child.not_found', 404));
    }
    await requireHistoryCover(scope, actor, childId);
    const rows = await repo.childRatings(scope, childId);
    const rounds = await repo.roundsByIds(scope, [...new Set(rows.map((r) => r.roundId))]);
    const positions = await positionMap(scope, [...new Set(rounds.map((r) => r.scaleVersionId))]);
    const current = currentRows(rows);
    const pos = (id: string | null) => (id && positions.has(id) ? presentPosition(positions.get(id)!) : null);
    scope.audit({ action: 'read', resourceType: 'screening_rating', childId, resourceId: childId });
    const items = [...rounds]
      .sort((a, b) => b.opensOn.localeCompare(a.opensOn))
      .map((round) => {
        const own = current.filter((r) => r.roundId === round.id);
        const individual = own.filter((r) => r.kind === 'individual');
        const joint = own.find((r) => r.kind === 'joint') ?? null;
        const raters = raterPositions(individual, positions);
        const where = joint ?? own.at(-1)!;
        const mayRead = (r: (typeof own)[number]) => mayReadNote(actor, r);
        return {
          round: { id: round.id, name: round.name, opensOn: round.opensOn, closesOn: round.closesOn },
          institutionName: where.institutionName,
          groupName: where.groupName,
          status: childRoundStatus(raters, joint !== null, round.jointRatingRequired),
          effectivePosition: pos(effectivePositionId(raters, joint?.positionId ?? null)),
          conflict: conflictOf(raters).conflict,
          joint: joint && { position: pos(joint.positionId)!, note: mayRead(joint) ? joint.note : null, agreedBy: joint.raterName, createdAt: iso(joint.createdAt) },
          ratings: individual.map((r) => ({
            raterName: r.raterName,
            position: pos(r.positionId),
            notAssessedReason: mayRead(r) ? r.notAssessedReason : null,
            note: mayRead(r) ? r.note : null,
            late: r.late,
            corrected: r.correctsId !== null,
            createdAt: iso(r.createdAt),
          })),
        };
      });
    return { childId, rounds: items };
  });
}
