// Children, custody holders and enrolments. Every list query takes the scope's access filter.
import { sql } from 'kysely';
import type { Scope } from '../../access/scope.ts';

export async function placementsOf(scope: Scope, childIds: readonly string[], onlyCurrent: boolean) {
  if (childIds.length === 0) return [];
  let q = scope.trx
    .selectFrom('enrolments as e')
    .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'e.municipalityId').onRef('i.id', '=', 'e.institutionId'))
    .leftJoin('groups as g', (j) => j.onRef('g.municipalityId', '=', 'e.municipalityId').onRef('g.id', '=', 'e.groupId'))
    .select([
      'e.id as enrolmentId',
      'e.childId',
      'e.institutionId',
      'i.name as institutionName',
      'i.type as institutionType',
      'e.groupId',
      'g.name as groupName',
      'e.validFrom',
      'e.validTo',
    ])
    .where('e.childId', 'in', childIds);
  if (onlyCurrent) {
    q = q.where('e.validFrom', '<=', scope.today).where((eb) => eb.or([eb('e.validTo', 'is', null), eb('e.validTo', '>=', scope.today)]));
  }
  return q.orderBy('e.validFrom', 'desc').execute();
}

export function accessibleChildren(scope: Scope, filter: { groupId?: string; institutionId?: string; nameLike?: string; cprPrefix?: string }) {
  let q = scope.trx.selectFrom('children as c').where('c.id', 'in', scope.childAccess());
  if (filter.groupId || filter.institutionId) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('enrolments as f')
          .select(sql`1`.as('one'))
          .whereRef('f.childId', '=', 'c.id')
          .where('f.validFrom', '<=', scope.today)
          .where((eb2) => eb2.or([eb2('f.validTo', 'is', null), eb2('f.validTo', '>=', scope.today)]))
          .$if(Boolean(filter.groupId), (qb) => qb.where('f.groupId', '=', filter.groupId!))
          .$if(Boolean(filter.institutionId), (qb) => qb.where('f.institutionId', '=', filter.institutionId!)),
      ),
    );
  }
  if (filter.nameLike) {
    const like = filter.nameLike;
    q = q.where(sql<boolean>`lower(c.first_name || ' ' || c.last_name) LIKE ${like}`);
  }
  if (filter.cprPrefix) q = q.where('c.cpr', 'like', `${filter.cprPrefix}%`);
  return q;
}

export function findChild(scope: Scope, id: string) {
  return scope.trx.selectFrom('children').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findChildByCpr(scope: Scope, cpr: string) {
  return scope.trx.selectFrom('children').selectAll().where('cpr', '=', cpr).executeTakeFirst();
}

export function custodyOf(scope: Scope, childId: string) {
  return scope.trx
    .selectFrom('childCustody as cc')
    .innerJoin('custodyHolders as h', (j) => j.onRef('h.municipalityId', '=', 'cc.municipalityId').onRef('h.id', '=', 'cc.custodyHolderId'))
    .select(['h.id', 'h.firstName', 'h.lastName', 'h.cpr', 'h.phone', 'h.email', 'cc.relation', 'cc.hasCustody', 'cc.validFrom', 'cc.validTo'])
    .where('cc.childId', '=', childId)
    .orderBy('cc.validFrom', 'desc')
    .execute();
}

export function findInstitution(scope: Scope, id: string) {
  return scope.trx.selectFrom('institutions').select(['id', 'type', 'name']).where('id', '=', id).executeTakeFirst();
}

export function findGroup(scope: Scope, id: string) {
  return scope.trx.selectFrom('groups').select(['id', 'institutionId']).where('id', '=', id).executeTakeFirst();
}

export function openEnrolmentsWithType(scope: Scope, childId: string) {
  return scope.trx
    .selectFrom('enrolments as e')
    .innerJoin('institutions as i', 'i.id', 'e.institutionId')
    .select(['e.id', 'e.validFrom', 'e.validTo', 'i.type'])
    .where('e.childId', '=', childId)
    .execute();
}
