// Queries for the screening overviews. Kysely only; no rules. Counts read enrolments and
// ratings without the child filter (no child is named); the leader's lists take scope.childAccess().
import type { Scope } from '../../access/scope.ts';

/** Groups of the units the actor may see: the whole municipality, or some districts and institutions. */
export function groupsInReach(scope: Scope, reach: { all: true } | { districtIds: readonly string[]; institutionIds: readonly string[] }) {
  let q = scope.trx
    .selectFrom('groups as g')
    .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'g.municipalityId').onRef('i.id', '=', 'g.institutionId'))
    .leftJoin('districts as d', (j) => j.onRef('d.municipalityId', '=', 'i.municipalityId').onRef('d.id', '=', 'i.districtId'))
    .select(['g.id', 'g.name', 'g.institutionId', 'i.name as institutionName', 'i.type as institutionType', 'i.districtId', 'd.name as districtName'])
    .where('g.archivedAt', 'is', null)
    .where('i.archivedAt', 'is', null);
  if (!('all' in reach)) {
    const { districtIds, institutionIds } = reach;
    if (districtIds.length + institutionIds.length === 0) return Promise.resolve([]);
    q = q.where((eb) => eb.or([...(districtIds.length ? [eb('i.districtId', 'in', districtIds)] : []), ...(institutionIds.length ? [eb('i.id', 'in', institutionIds)] : [])]));
  }
  return q.orderBy('d.name').orderBy('i.name').orderBy('g.name').orderBy('g.id').execute();
}

export function findInstitution(scope: Scope, id: string) {
  return scope.trx.selectFrom('institutions').select(['id', 'name', 'type', 'districtId']).where('id', '=', id).where('archivedAt', 'is', null).executeTakeFirst();
}

/** Every round that has opened by the day, newest first (the picker and the previous round). */
export function roundsOpenedBy(scope: Scope, day: string) {
  return scope.trx.selectFrom('screeningRounds').selectAll().where('opensOn', '<=', day).orderBy('opensOn', 'desc').orderBy('name').limit(200).execute();
}

/** Current rating rows (all kinds) in the round of the children enrolled in these groups on the day: one query, joined on the enrolment. */
export function ratingStatesOfEnrolled(scope: Scope, roundId: string, groupIds: readonly string[], day: string) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return ratingStatesOfEnrolledQuery(scope, roundId, groupIds, day).execute();
}

export function ratingStatesOfEnrolledQuery(scope: Scope, roundId: string, groupIds: readonly string[], day: string) {
  return scope.trx
    .selectFrom('screeningRatings as r')
    .select(['r.id', 'r.childId', 'r.raterUserId', 'r.kind', 'r.positionId', 'r.correctsId'])
    .where('r.roundId', '=', roundId)
    .where('r.childId', 'in', (eb) =>
      eb
        .selectFrom('enrolments as e')
        .select('e.childId')
        .where('e.groupId', 'in', groupIds)
        .where('e.validFrom', '<=', day)
        .where((w) => w.or([w('e.validTo', 'is', null), w('e.validTo', '>=', day)])),
    );
}

/** The children of these groups on the day whom the actor may see now, with names (the leader's lists). */
export function visibleChildrenInGroups(scope: Scope, groupIds: readonly string[], day: string) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return scope.trx
    .selectFrom('enrolments as e')
    .innerJoin('children as c', (j) => j.onRef('c.municipalityId', '=', 'e.municipalityId').onRef('c.id', '=', 'e.childId'))
    .select(['c.id', 'c.firstName', 'c.lastName', 'e.groupId'])
    .distinct()
    .where('e.groupId', 'in', groupIds)
    .where('e.validFrom', '<=', day)
    .where((eb) => eb.or([eb('e.validTo', 'is', null), eb('e.validTo', '>=', day)]))
    .where('c.id', 'in', scope.childAccess())
    .$narrowType<{ groupId: string }>()
    .orderBy('c.lastName')
    .orderBy('c.firstName')
    .orderBy('c.id')
    .execute();
}

/** These children's rating rows in rounds that closed before the day, with where each was given (for "the previous round"). */
export function ratingsClosedBefore(scope: Scope, childIds: readonly string[], day: string) {
  if (childIds.length === 0) return Promise.resolve([]);
  return scope.trx
    .selectFrom('screeningRatings as r')
    .innerJoin('screeningRounds as ro', (j) => j.onRef('ro.municipalityId', '=', 'r.municipalityId').onRef('ro.id', '=', 'r.roundId'))
    .innerJoin('groups as g', (j) => j.onRef('g.municipalityId', '=', 'r.municipalityId').onRef('g.id', '=', 'r.groupId'))
    .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'r.municipalityId').onRef('i.id', '=', 'r.institutionId'))
    .select(['r.id', 'r.childId', 'r.raterUserId', 'r.kind', 'r.positionId', 'r.correctsId', 'r.roundId', 'r.groupId', 'r.institutionId', 'r.createdAt'])
    .select(['ro.name as roundName', 'ro.opensOn', 'ro.closesOn', 'ro.scaleVersionId', 'g.name as groupName', 'i.name as institutionName', 'i.type as institutionType'])
    .where('r.childId', 'in', childIds)
    .where('ro.closesOn', '<', day)
    .orderBy('r.createdAt')
    .execute();
}
