// Queries for users, memberships, sessions and log-in attempts. Receives a scoped transaction.
import { randomUUID } from 'node:crypto';
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

export async function currentMemberships(scope: Scope, userId: string): Promise<ActorMembership[]> {
  const rows = await scope.trx
    .selectFrom('memberships')
    .select(['role', 'unitKind', 'unitId'])
    .where('userId', '=', userId)
    .where('validFrom', '<=', scope.today)
    .where((eb) => eb.or([eb('validTo', 'is', null), eb('validTo', '>=', scope.today)]))
    .execute();
  return rows.flatMap((r) => (isRole(r.role) ? [{ role: r.role, unitKind: r.unitKind, unitId: r.unitId }] : []));
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
