// Relations that give access to a child (S14: access follows the professional's relation to
// the child, never the whole municipality by default):
//  1. a current enrolment in a group or institution where the actor holds a unit role now;
//  2. a current child_relation to the actor (case, course, stafetlog, …) or to a team the
//     actor is a current member of. Later modules add relations only through child_relations.
import { randomUUID } from 'node:crypto';
import { CompiledQuery, type Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { UNIT_CHILD_ROLES } from '../domain/roles.ts';
import type { Actor } from './actor.ts';

export function childAccessQuery(trx: Transaction<DB>, actor: Actor, today: string) {
  // Citizens and anonymous callers reach children through the portal's own relations (later).
  const userId = actor.kind === 'staff' && actor.userId ? actor.userId : '00000000-0000-0000-0000-000000000000';
  // One branch per unit kind, each a plain equality join: the planner starts from the
  // actor's few memberships and walks the enrolment index (no OR across the join).
  const viaUnit = (unitKind: 'group' | 'institution', column: 'e.groupId' | 'e.institutionId') =>
    trx
      .selectFrom('memberships as m')
      .innerJoin('enrolments as e', (join) => join.onRef('e.municipalityId', '=', 'm.municipalityId').onRef(column, '=', 'm.unitId'))
      .select('e.childId')
      .where('m.userId', '=', userId)
      .where('m.unitKind', '=', unitKind)
      .where('m.role', 'in', UNIT_CHILD_ROLES)
      .where('m.validFrom', '<=', today)
      .where((eb) => eb.or([eb('m.validTo', 'is', null), eb('m.validTo', '>=', today)]))
      .where('e.validFrom', '<=', today)
      .where((eb) => eb.or([eb('e.validTo', 'is', null), eb('e.validTo', '>=', today)]));

  const viaRelation = trx
    .selectFrom('childRelations as r')
    .select('r.childId')
    .where('r.validFrom', '<=', today)
    .where((eb) => eb.or([eb('r.validTo', 'is', null), eb('r.validTo', '>=', today)]))
    .where('r.endedAt', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('r.subjectKind', '=', 'user'), eb('r.subjectId', '=', userId)]),
        eb.and([
          eb('r.subjectKind', '=', 'team'),
          eb(
            'r.subjectId',
            'in',
            eb
              .selectFrom('memberships as tm')
              .select('tm.unitId')
              .where('tm.userId', '=', userId)
              .where('tm.unitKind', '=', 'team')
              .where('tm.validFrom', '<=', today)
              .where((eb2) => eb2.or([eb2('tm.validTo', 'is', null), eb2('tm.validTo', '>=', today)])),
          ),
        ]),
      ]),
    );

  // S8 (close professional leadership): a team leader reviews the cases of the case workers
  // in the team she leads, so she reaches the children on their current cases.
  const viaLedTeam = trx
    .selectFrom('memberships as lm')
    .innerJoin('memberships as wm', (join) =>
      join.onRef('wm.municipalityId', '=', 'lm.municipalityId').onRef('wm.unitId', '=', 'lm.unitId').on('wm.unitKind', '=', 'team'),
    )
    .innerJoin('childRelations as cr', (join) =>
      join.onRef('cr.municipalityId', '=', 'wm.municipalityId').onRef('cr.subjectId', '=', 'wm.userId').on('cr.subjectKind', '=', 'user').on('cr.kind', '=', 'case'),
    )
    .select('cr.childId')
    .where('lm.userId', '=', userId)
    .where('lm.role', '=', 'teamleder')
    .where('lm.unitKind', '=', 'team')
    .where('lm.validFrom', '<=', today)
    .where((eb) => eb.or([eb('lm.validTo', 'is', null), eb('lm.validTo', '>=', today)]))
    .where('wm.validFrom', '<=', today)
    .where((eb) => eb.or([eb('wm.validTo', 'is', null), eb('wm.validTo', '>=', today)]))
    .where('cr.validFrom', '<=', today)
    .where((eb) => eb.or([eb('cr.validTo', 'is', null), eb('cr.validTo', '>=', today)]))
    .where('cr.endedAt', 'is', null);

  return viaUnit('group', 'e.groupId').union(viaUnit('institution', 'e.institutionId')).union(viaRelation).union(viaLedTeam);
}

/**
 * A citizen (custody holder, logged in through the portal) reaches the children they hold
 * custody of today (S15: the family is an actor). Nothing else: no unit, no relation.
 */
export function custodyChildQuery(trx: Transaction<DB>, actor: Actor, today: string) {
  const holderId = actor.kind === 'citizen' && actor.userId ? actor.userId : '00000000-0000-0000-0000-000000000000';
  return trx
    .selectFrom('childCustody as cc')
    .select('cc.childId')
    .where('cc.custodyHolderId', '=', holderId)
    .where('cc.hasCustody', '=', true)
    .where('cc.validFrom', '<=', today)
    .where((eb) => eb.or([eb('cc.validTo', 'is', null), eb('cc.validTo', '>=', today)]));
}

export async function allowedChildIds(
  trx: Transaction<DB>,
  actor: Actor,
  today: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || (actor.kind !== 'staff' && actor.kind !== 'citizen')) return new Set();
  if (actor.kind === 'staff') {
    const rows = await trx.executeQuery<{ childId: string }>(staffAllowedQuery(trx, actor.userId ?? NO_USER, today, unique));
    return new Set(rows.rows.map((r) => r.childId));
  }
  const access = custodyChildQuery(trx, actor, today);
  const rows = await trx.selectFrom(access.as('a')).select('a.childId').where('a.childId', 'in', unique).execute();
  return new Set(rows.map((r) => r.childId));
}

// The staff access check runs on nearly every request, and building and compiling its
// four-branch union was the largest CPU item of an audited read in bench/child-page.ts. Its SQL
// depends only on its values (user, day, child ids), so it is compiled once with stand-ins
// and reused with the real values put in their places.
const NO_USER = '00000000-0000-0000-0000-000000000000';
const USER_STAND_IN = randomUUID();
const DAY_STAND_IN = `day:${randomUUID()}`;
const IDS_STAND_IN = [randomUUID()];
let staffAllowedTemplate: CompiledQuery | undefined;

function staffAllowedQuery(trx: Transaction<DB>, userId: string, today: string, ids: readonly string[]): CompiledQuery {
  staffAllowedTemplate ??= trx
    .selectFrom(childAccessQuery(trx, { kind: 'staff', userId: USER_STAND_IN } as Actor, DAY_STAND_IN).as('a'))
    .select('a.childId')
    .where((eb) => eb('a.childId', '=', eb.fn.any(eb.val(IDS_STAND_IN))))
    .compile();
  const values = staffAllowedTemplate.parameters.map((p) => (p === USER_STAND_IN ? userId : p === DAY_STAND_IN ? today : p === IDS_STAND_IN ? ids : p));
  return CompiledQuery.raw(staffAllowedTemplate.sql, values);
}

// Kept for SQL snapshot tests of the hot query.
export function childAccessSql(trx: Transaction<DB>, actor: Actor, today: string) {
  return childAccessQuery(trx, actor, today).compile();
}

/** Why the actor may see this child now (shown on the child page: access is explained, not assumed). */
export async function accessReasons(trx: Transaction<DB>, actor: Actor, today: string, childId: string): Promise<string[]> {
  if (actor.kind !== 'staff' || !actor.userId) return [];
  const unitRoles = actor.memberships.filter((m) => (UNIT_CHILD_ROLES as readonly string[]).includes(m.role));
  const reasons = new Set<string>();
  if (unitRoles.length) {
    const enrolments = await trx
      .selectFrom('enrolments')
      .select(['institutionId', 'groupId'])
      .where('childId', '=', childId)
      .where('validFrom', '<=', today)
      .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', today)]))
      .execute();
    for (const e of enrolments) {
      for (const m of unitRoles) {
        if (m.unitKind === 'group' && m.unitId === e.groupId) reasons.add('enrolment_group');
        if (m.unitKind === 'institution' && m.unitId === e.institutionId) reasons.add('enrolment_institution');
      }
    }
  }
  const teamIds = actor.memberships.filter((m) => m.unitKind === 'team').map((m) => m.unitId);
  const relations = await trx
    .selectFrom('childRelations')
    .select(['kind'])
    .where('childId', '=', childId)
    .where('validFrom', '<=', today)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', today)]))
    .where('endedAt', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('subjectKind', '=', 'user'), eb('subjectId', '=', actor.userId!)]),
        ...(teamIds.length ? [eb.and([eb('subjectKind', '=', 'team'), eb('subjectId', 'in', teamIds)])] : []),
      ]),
    )
    .execute();
  for (const r of relations) reasons.add(`relation_${r.kind}`);
  const ledTeams = actor.memberships.filter((m) => m.role === 'teamleder' && m.unitKind === 'team').map((m) => m.unitId);
  if (ledTeams.length) {
    const viaTeam = await trx
      .selectFrom('childRelations as cr')
      .innerJoin('memberships as wm', (join) => join.onRef('wm.municipalityId', '=', 'cr.municipalityId').onRef('wm.userId', '=', 'cr.subjectId'))
      .select('cr.id')
      .where('cr.childId', '=', childId)
      .where('cr.kind', '=', 'case')
      .where('cr.subjectKind', '=', 'user')
      .where('wm.unitKind', '=', 'team')
      .where('wm.unitId', 'in', ledTeams)
      .where('cr.validFrom', '<=', today)
      .where((eb) => eb.or([eb('cr.validTo', 'is', null), eb('cr.validTo', '>=', today)]))
      .where('cr.endedAt', 'is', null)
      .where('wm.validFrom', '<=', today)
      .where((eb) => eb.or([eb('wm.validTo', 'is', null), eb('wm.validTo', '>=', today)]))
      .executeTakeFirst();
    if (viaTeam) reasons.add('team_lead_case');
  }
  return [...reasons];
}
