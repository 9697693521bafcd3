// The portal's own queries: custody holders and their children (log-in, "my children"), the
// child's institutions (consent recipients) and the municipality's name. Receives a scoped
// transaction. Stafetlogs and consents are read through their modules' services.
import { sql } from 'kysely';
import { custodyChildQuery } from '../../access/relations.ts';
import type { Scope } from '../../access/scope.ts';

export function findHolderByCpr(scope: Scope, cpr: string) {
  return scope.trx.selectFrom('custodyHolders').select(['id', 'firstName', 'lastName']).where('cpr', '=', cpr).executeTakeFirst();
}

export function findHolder(scope: Scope, id: string) {
  return scope.trx.selectFrom('custodyHolders').select(['id', 'firstName', 'lastName']).where('id', '=', id).executeTakeFirst();
}

/** How many children the holder has custody of today (0: no portal for them here). */
export async function custodyCount(scope: Scope, holderId: string): Promise<number> {
  const row = await scope.trx
    .selectFrom('childCustody as cc')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('cc.custodyHolderId', '=', holderId)
    .where('cc.hasCustody', '=', true)
    .where('cc.validFrom', '<=', scope.today)
    .where((eb) => eb.or([eb('cc.validTo', 'is', null), eb('cc.validTo', '>=', scope.today)]))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The citizen actor's children today (custody decides, as everywhere: relations.ts). */
export function myChildren(scope: Scope) {
  return scope.trx
    .selectFrom('children as c')
    .select(['c.id', 'c.firstName', 'c.lastName', 'c.birthDate'])
    .where('c.id', 'in', custodyChildQuery(scope.trx, scope.actor, scope.today))
    .orderBy('c.birthDate')
    .orderBy('c.firstName')
    .execute();
}

export function findChild(scope: Scope, id: string) {
  return scope.trx.selectFrom('children').select(['id', 'firstName', 'lastName', 'birthDate']).where('id', '=', id).executeTakeFirst();
}

/** Demo log-in: custody holders with a child today, and those children's first names. */
export function demoCitizens(scope: Scope, limit: number) {
  return scope.trx
    .selectFrom('custodyHolders as h')
    .innerJoin('childCustody as cc', (j) => j.onRef('cc.municipalityId', '=', 'h.municipalityId').onRef('cc.custodyHolderId', '=', 'h.id'))
    .innerJoin('children as c', (j) => j.onRef('c.municipalityId', '=', 'cc.municipalityId').onRef('c.id', '=', 'cc.childId'))
    .select(['h.id', 'h.firstName', 'h.lastName', sql<string[]>`array_agg(c.first_name ORDER BY c.birth_date, c.first_name)`.as('childNames')])
    .where('cc.hasCustody', '=', true)
    .where('cc.validFrom', '<=', scope.today)
    .where((eb) => eb.or([eb('cc.validTo', 'is', null), eb('cc.validTo', '>=', scope.today)]))
    .groupBy(['h.id', 'h.firstName', 'h.lastName'])
    // Parents of a child with an open stafetlog first: that is what a demo of the portal shows.
    .orderBy(sql`bool_or(EXISTS (SELECT 1 FROM stafetlogs s WHERE s.municipality_id = c.municipality_id AND s.child_id = c.id AND s.status = 'open')) DESC`)
    .orderBy('h.lastName')
    .orderBy('h.firstName')
    .orderBy('h.id')
    .limit(limit)
    .execute();
}

/** The child's institutions today (a consent can name them as recipients). */
export function currentInstitutions(scope: Scope, childId: string) {
  return scope.trx
    .selectFrom('enrolments as e')
    .innerJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'e.municipalityId').onRef('i.id', '=', 'e.institutionId'))
    .select(['i.id', 'i.name', 'i.type'])
    .distinct()
    .where('e.childId', '=', childId)
    .where('e.validFrom', '<=', scope.today)
    .where((eb) => eb.or([eb('e.validTo', 'is', null), eb('e.validTo', '>=', scope.today)]))
    .orderBy('i.name')
    .execute();
}

export function professions(scope: Scope, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return scope.trx.selectFrom('users').select(['id', 'profession']).where('id', 'in', userIds).execute();
}

export function municipality(scope: Scope) {
  return scope.trx.selectFrom('municipalities').select(['id', 'name']).where('id', '=', scope.municipalityId).executeTakeFirst();
}

/** How the session was opened ('saml' or 'demo' for citizens): decides the signature method of a consent. */
export async function sessionMethod(scope: Scope, sessionId: string) {
  const row = await scope.trx.selectFrom('sessions').select('authMethod').where('id', '=', sessionId).executeTakeFirst();
  return row?.authMethod;
}
