// Log-in, sessions and lock-out. Sessions live server-side; the cookie carries
// "<municipalityId>.<random token>" and the database only the token's SHA-256.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { anonymousActor, citizenActor, staffActor, type Actor } from '../../access/actor.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import { FAILED_LOGIN_WINDOW_MS, shouldBlock } from '../../domain/lockout.ts';
import { absoluteExpiry, sessionState, TOUCH_INTERVAL_MS } from '../../domain/session-timeouts.ts';
import type { AppContext, SessionInfo } from '../../http/types.ts';
import { verifyPassword } from './passwords.ts';
import * as repo from './repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function parseSessionCookie(value: string | undefined): { municipalityId: string; token: string } | null {
  if (!value) return null;
  const dot = value.indexOf('.');
  const municipalityId = value.slice(0, dot);
  const token = value.slice(dot + 1);
  if (dot < 0 || !UUID.test(municipalityId) || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return { municipalityId, token };
}

export interface IssuedSession {
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Create a session for a user who has just proved who they are. Always a new token (rotation). */
export async function startSession(
  ctx: AppContext,
  scope: Scope,
  userId: string,
  method: 'password' | 'oidc' | 'saml' | 'demo',
  subjectKind: 'staff' | 'citizen' = 'staff',
): Promise<IssuedSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = absoluteExpiry(scope.now, ctx.config.sessionAbsoluteHours);
  await repo.insertSession(scope, {
    id: randomUUID(),
    tokenHash: hashToken(token),
    userId,
    subjectKind,
    authMethod: method,
    csrfToken,
    expiresAt,
  });
  return { cookieValue: `${scope.municipalityId}.${token}`, csrfToken, expiresAt };
}

export type LoginResult = { ok: true; session: IssuedSession } | { ok: false };

export async function loginWithPassword(
  ctx: AppContext,
  input: { municipalityId: string; username: string; password: string; ip: string | null; requestId: string },
  previousCookie?: string,
): Promise<LoginResult> {
  const known = await ctx.db.kysely
    .selectFrom('municipalities')
    .select('id')
    .where('id', '=', input.municipalityId)
    .executeTakeFirst();
  if (!known) {
    await verifyPassword(null, input.password); // same time as a real attempt
    return { ok: false };
  }
  const username = input.username.trim().toLowerCase();
  return withScope(ctx, anonymousActor(input.municipalityId, input.requestId), async (scope) => {
    const user = await repo.findUserByUsername(scope, username);
    const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
    const usable = user && !user.blockedAt && !user.deactivatedAt;
    const attempt = { userId: user?.id ?? null, username, method: 'password', ip: input.ip };

    if (!user || !usable || !passwordOk) {
      await repo.recordAttempt(scope, { ...attempt, succeeded: false });
      scope.audit({
        action: 'login_failed',
        resourceType: 'user',
        resourceId: user?.id ?? null,
        outcome: 'denied',
        ...(user ? { asUser: { id: user.id, name: user.displayName } } : {}),
      });
      if (user && !user.blockedAt) {
        const attempts = await repo.recentAttempts(scope, user.id, new Date(scope.now.getTime() - FAILED_LOGIN_WINDOW_MS));
        if (shouldBlock(attempts, scope.now)) {
          await repo.blockUser(scope, user.id);
          await repo.endUserSessions(scope, user.id, 'blocked');
          scope.audit({ action: 'account_blocked', resourceType: 'user', resourceId: user.id, details: { reason: 'failed_logins' } });
        }
      }
      return { ok: false } as const;
    }

    await repo.recordAttempt(scope, { ...attempt, succeeded: true });
    const previous = parseSessionCookie(previousCookie);
    if (previous && previous.municipalityId === input.municipalityId) {
      const old = await repo.findSessionByTokenHash(scope, hashToken(previous.token));
      if (old) await repo.endSession(scope, old.id, 'replaced');
    }
    const session = await startSession(ctx, scope, user.id, 'password');
    scope.audit({ action: 'login', resourceType: 'user', resourceId: user.id, details: { method: 'password' }, asUser: { id: user.id, name: user.displayName } });
    return { ok: true, session } as const;
  });
}

export type ResolvedSession =
  | { state: 'active'; actor: Actor; session: SessionInfo }
  | { state: 'expired' }
  | { state: 'none' };

/** Find the session behind a cookie, enforce the timeouts, and build the actor. */
export async function resolveSession(ctx: AppContext, cookieValue: string | undefined, requestId: string): Promise<ResolvedSession> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return { state: 'none' };
  return withScope(ctx, anonymousActor(parsed.municipalityId, requestId), async (scope) => {
    const s = await repo.findSessionByTokenHash(scope, hashToken(parsed.token));
    if (!s || s.endedAt) return { state: s ? 'expired' : 'none' } as const;
    const state = sessionState(s, scope.now, ctx.config.sessionIdleMinutes);
    if (state !== 'active') {
      await repo.endSession(scope, s.id, state);
      return { state: 'expired' } as const;
    }
    const session: SessionInfo = {
      id: s.id,
      municipalityId: parsed.municipalityId,
      userId: s.userId,
      subjectKind: s.subjectKind,
      csrfToken: s.csrfToken,
    };
    if (s.subjectKind === 'citizen') {
      // The parents' portal: the subject is a custody holder, who has no roles; what they
      // reach is decided by custody (relations.ts), on every request.
      const holder = await repo.findCustodyHolder(scope, s.userId);
      if (!holder) {
        await repo.endSession(scope, s.id, 'user_disabled');
        return { state: 'expired' } as const;
      }
      if (scope.now.getTime() - s.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) await repo.touchSession(scope, s.id);
      const actor = citizenActor({
        municipalityId: parsed.municipalityId,
        custodyHolderId: holder.id,
        displayName: `${holder.firstName} ${holder.lastName}`,
        sessionId: s.id,
        requestId,
      });
      return { state: 'active', actor, session } as const;
    }
    const found = await repo.findUserWithMemberships(scope, s.userId);
    if (!found || found.user.blockedAt || found.user.deactivatedAt) {
      await repo.endSession(scope, s.id, 'user_disabled');
      return { state: 'expired' } as const;
    }
    const { user, memberships } = found;
    if (scope.now.getTime() - s.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) await repo.touchSession(scope, s.id);
    const actor = staffActor({
      municipalityId: parsed.municipalityId,
      userId: user.id,
      displayName: user.displayName,
      memberships,
      sessionId: s.id,
      requestId,
    });
    return { state: 'active', actor, session } as const;
  });
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  await withScope(ctx, actor, async (scope) => {
    await repo.endSession(scope, sessionId, 'logout');
    scope.audit({ action: 'logout', resourceType: 'user', resourceId: actor.userId });
  });
}

/** An administrator lifts a block; the failure count restarts (recorded as a successful "unblock" attempt). */
export async function unblockUser(scope: Scope, userId: string, username: string): Promise<void> {
  await scope.trx.updateTable('users').set({ blockedAt: null }).where('id', '=', userId).execute();
  await repo.recordAttempt(scope, { userId, username, succeeded: true, method: 'unblock', ip: null });
  scope.audit({ action: 'account_unblocked', resourceType: 'user', resourceId: userId });
}

export async function describeMe(ctx: AppContext, actor: Actor) {
  return withScope(ctx, actor, async (scope) => {
    const m = await repo.municipalityName(scope);
    const user = actor.userId ? await repo.findUser(scope, actor.userId) : undefined;
    const unitIds = [...new Set(actor.memberships.map((x) => x.unitId))];
    const names = new Map<string, string>();
    if (unitIds.length) {
      const q = (table: 'districts' | 'institutions' | 'groups' | 'teams') =>
        scope.trx.selectFrom(table).select(['id', 'name']).where('id', 'in', unitIds).execute();
      for (const rows of await Promise.all([q('districts'), q('institutions'), q('groups'), q('teams')])) {
        for (const r of rows) names.set(r.id, r.name);
      }
      names.set(scope.municipalityId, m?.name ?? '');
    }
    return { municipality: m, user, names };
  });
}
