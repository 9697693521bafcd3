// Queries for users, memberships, sessions and log-in attempts. Receives a scoped transaction.
import { randomUUID } from 'node:crypto';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Scope } from '../../access/scope.ts';
import type { ActorMembership } from '../../access/actor.ts';
import { isRole } from '../../domain/roles.ts';

export async function findUserByUsername(scope: Scope, username: string) {
  return scope.trx.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserBySsoSubject(scope: Scope, subject: string) {
  return scope.trx.selectFrom('users').selectAll().where('ssoSubject', '=', subject).executeTakeFirst();
}

export async function findUser(scope: Scope, id: string) {
  return scope.trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A citizen session's subject: the custody holder (name only; never the CPR). */
export async function findCustodyHolder(scope: Scope, id: string) {
  return scope.trx.selectFrom('custodyHolders').select(['id', 'firstName', 'lastName']).where('id', '=', id).executeTakeFirst();
}

/**
 * The user and the roles they hold today, in one round trip: every request resolves its
 * session with this (bench/child-page.ts), so it is one statement, not two.
 */
export async function findUserWithMemberships(scope: Scope, userId: string): Promise<{ user: { id: string; displayName: string; blockedAt: Date | null; deactivatedAt: Date | null }; memberships: ActorMembership[] } | undefined> {
  const row = await scope.trx
    .selectFrom('users as u')
    .select(['u.id', 'u.displayName', 'u.blockedAt', 'u.deactivatedAt'])
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('memberships as m')
          .select(['m.role', 'm.unitKind', 'm.unitId'])
          .whereRef('m.userId', '=', 'u.id')
          .where('m.validFrom', '<=', scope.today)
          .where((w) => w.or([w('m.validTo', 'is', null), w('m.validTo', '>=', scope.today)])),
      ).as('memberships'),
    )
    .where('u.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { memberships, ...user } = row;
  return { user, memberships: memberships.flatMap((r) => (isRole(r.role) ? [{ role: r.role, unitKind: r.unitKind, unitId: r.unitId }] : [])) };
}

export async function recentAttempts(scope: Scope, userId: string, since: Date) {
  return scope.trx
    .selectFrom('loginAttempts')
    .select(['at', 'succeeded'])
    .where('userId', '=', userId)
    .where('at', '>', since)
    .execute();
}

export async function recordAttempt(
  scope: Scope,
  a: { userId: string | null; username: string; succeeded: boolean; method: string; ip: string | null },
) {
  await scope.trx
    .insertInto('loginAttempts')
    .values({ municipalityId: scope.municipalityId, id: randomUUID(), at: scope.now, ...a })
    .execute();
}

export async function blockUser(scope: Scope, userId: string) {
  await scope.trx.updateTable('users').set({ blockedAt: scope.now }).where('id', '=', userId).execute();
}

export async function insertSession(
  scope: Scope,
  s: { id: string; tokenHash: string; userId: string; subjectKind: 'staff' | 'citizen'; authMethod: 'password' | 'oidc' | 'saml' | 'demo'; csrfToken: string; expiresAt: Date },
) {
  await scope.trx
    .insertInto('sessions')
    .values({ municipalityId: scope.municipalityId, createdAt: scope.now, lastSeenAt: scope.now, ...s })
    .execute();
}

export async function findSessionByTokenHash(scope: Scope, tokenHash: string) {
  return scope.trx.selectFrom('sessions').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
}

export async function endSession(scope: Scope, id: string, reason: string) {
  await scope.trx
    .updateTable('sessions')
    .set({ endedAt: scope.now, endedReason: reason })
    .where('id', '=', id)
    .where('endedAt', 'is', null)
    .execute();
}

export async function endUserSessions(scope: Scope, userId: string, reason: string) {
  await scope.trx
    .updateTable('sessions')
    .set({ endedAt: scope.now, endedReason: reason })
    .where('userId', '=', userId)
    .where('endedAt', 'is', null)
    .execute();
}

export async function touchSession(scope: Scope, id: string) {
  await scope.trx.updateTable('sessions').set({ lastSeenAt: scope.now }).where('id', '=', id).execute();
}

export async function municipalityName(scope: Scope) {
  return scope.trx.selectFrom('municipalities').select(['id', 'name', 'code']).where('id', '=', scope.municipalityId).executeTakeFirst();
}
