// Queries across a user's logs ("mine"), the staff directory and the reminders job. Kysely
// only; row-level security keeps them inside the municipality.
import { sql } from 'kysely';
import type { Scope } from '../../access/scope.ts';
import { relayQuery } from './repo.ts';

// ── "my stafetlogs" ────────────────────────────────────────────────────────────────────
/** Open logs where the user is an active participant (left, or disclosure ended: not mine any more). */
export function myOpenLogs(scope: Scope, userId: string) {
  return scope.trx
    .selectFrom('stafetlogParticipants as p')
    .innerJoin('stafetlogs as l', (j) => j.onRef('l.municipalityId', '=', 'p.municipalityId').onRef('l.id', '=', 'p.logId'))
    .innerJoin('children as c', (j) => j.onRef('c.municipalityId', '=', 'l.municipalityId').onRef('c.id', '=', 'l.childId'))
    .innerJoin('users as h', (j) => j.onRef('h.municipalityId', '=', 'l.municipalityId').onRef('h.id', '=', 'l.holderUserId'))
    .leftJoin('disclosures as d', (j) => j.onRef('d.municipalityId', '=', 'p.municipalityId').onRef('d.id', '=', 'p.disclosureId'))
    .select(['l.id', 'l.childId', 'c.firstName', 'c.lastName', 'p.part', 'l.holderUserId', 'h.displayName as holderName', 'l.openedAt'])
    .where('p.userId', '=', userId)
    .where('p.leftAt', 'is', null)
    .where('d.endedAt', 'is', null)
    .where('l.status', '=', 'open')
    .orderBy('l.openedAt', 'desc')
    .limit(500)
    .execute();
}

export function pendingRelaysFor(scope: Scope, userId: string, institutionIds: readonly string[]) {
  return relayQuery(scope)
    .innerJoin('stafetlogs as l', (j) => j.onRef('l.municipalityId', '=', 'r.municipalityId').onRef('l.id', '=', 'r.logId'))
    .innerJoin('children as c', (j) => j.onRef('c.municipalityId', '=', 'l.municipalityId').onRef('c.id', '=', 'l.childId'))
    .select(['l.childId', 'c.firstName', 'c.lastName'])
    .where('r.status', '=', 'pending')
    .where((eb) => eb.or([eb('r.toUserId', '=', userId), ...(institutionIds.length ? [eb('r.toInstitutionId', 'in', institutionIds)] : [])]))
    .orderBy('r.createdAt')
    .limit(200)
    .execute();
}

export function relaysSentBy(scope: Scope, userId: string, since: Date) {
  return relayQuery(scope)
    .innerJoin('stafetlogs as l', (j) => j.onRef('l.municipalityId', '=', 'r.municipalityId').onRef('l.id', '=', 'r.logId'))
    .innerJoin('children as c', (j) => j.onRef('c.municipalityId', '=', 'l.municipalityId').onRef('c.id', '=', 'l.childId'))
    .select(['l.childId', 'c.firstName', 'c.lastName'])
    .where('r.fromUserId', '=', userId)
    .where('r.status', '!=', 'cancelled')
    .where('r.createdAt', '>=', since)
    .orderBy('r.createdAt', 'desc')
    .limit(50)
    .execute();
}

/** Staff to add or relay to: active users whose name or username matches (case-insensitive). */
export async function directory(scope: Scope, q: string) {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const users = await scope.trx
    .selectFrom('users')
    .select(['id', 'displayName', 'profession'])
    .where('deactivatedAt', 'is', null)
    .where((eb) => eb.or([eb('displayName', 'ilike', pattern), eb('username', 'ilike', pattern)]))
    .orderBy('displayName')
    .orderBy('id')
    .limit(25)
    .execute();
  if (users.length === 0) return { users, units: [] };
  const units = await scope.trx
    .selectFrom('memberships as m')
    .leftJoin('institutions as i', (j) => j.onRef('i.municipalityId', '=', 'm.municipalityId').onRef('i.id', '=', 'm.unitId'))
    .leftJoin('groups as g', (j) => j.onRef('g.municipalityId', '=', 'm.municipalityId').onRef('g.id', '=', 'm.unitId'))
    .leftJoin('teams as t', (j) => j.onRef('t.municipalityId', '=', 'm.municipalityId').onRef('t.id', '=', 'm.unitId'))
    .leftJoin('districts as di', (j) => j.onRef('di.municipalityId', '=', 'm.municipalityId').onRef('di.id', '=', 'm.unitId'))
    .leftJoin('institutions as gi', (j) => j.onRef('gi.municipalityId', '=', 'g.municipalityId').onRef('gi.id', '=', 'g.institutionId'))
    .select([
      'm.userId',
      'm.role',
      'm.unitKind',
      sql<string>`coalesce(i.name, g.name || ' (' || gi.name || ')', t.name, di.name, '')`.as('unitName'),
    ])
    .where(
      'm.userId',
      'in',
      users.map((u) => u.id),
    )
    .where('m.validFrom', '<=', scope.today)
    .where((eb) => eb.or([eb('m.validTo', 'is', null), eb('m.validTo', '>=', scope.today)]))
    .orderBy('m.role')
    .execute();
  return { users, units };
}

// ── reminders (system scope, whole municipality) ───────────────────────────────────────
/** Open actions owned by an active participant, due on or before `until`, in open logs. */
export function actionsDue(scope: Scope, until: string) {
  return scope.trx
    .selectFrom('stafetlogActions as a')
    .innerJoin('stafetlogs as l', (j) => j.onRef('l.municipalityId', '=', 'a.municipalityId').onRef('l.id', '=', 'a.logId'))
    .innerJoin('stafetlogParticipants as p', (j) =>
      j.onRef('p.municipalityId', '=', 'a.municipalityId').onRef('p.logId', '=', 'a.logId').onRef('p.userId', '=', 'a.ownerUserId'),
    )
    .leftJoin('disclosures as d', (j) => j.onRef('d.municipalityId', '=', 'p.municipalityId').onRef('d.id', '=', 'p.disclosureId'))
    .select(['a.id', 'a.logId', 'a.ownerUserId', 'a.dueDate'])
    .where('a.status', '=', 'open')
    .where('a.ownerKind', '=', 'user')
    .where('a.dueDate', '<=', until)
    .where('l.status', '=', 'open')
    .where('p.leftAt', 'is', null)
    .where('d.endedAt', 'is', null)
    .execute();
}

/** Unheld evaluations due on or before `until`, in open logs, with the holder to remind. */
export function evaluationsDue(scope: Scope, until: string) {
  return scope.trx
    .selectFrom('stafetlogEvaluations as v')
    .innerJoin('stafetlogs as l', (j) => j.onRef('l.municipalityId', '=', 'v.municipalityId').onRef('l.id', '=', 'v.logId'))
    .select(['v.id', 'v.logId', 'l.holderUserId', 'v.dueDate'])
    .where('v.heldAt', 'is', null)
    .where('v.dueDate', '<=', until)
    .where('l.status', '=', 'open')
    .execute();
}
