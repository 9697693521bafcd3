// Staff and their roles over time (S1): administrators create users, give them roles in
// units for periods, block and unblock. Staff records are personal data: every change is audited.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import { coversDay } from '../../domain/calendar.ts';
import { roleFitsUnit } from '../../domain/roles.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import { hashPassword } from '../auth/passwords.ts';
import { unblockUser } from '../auth/service.ts';
import { endUserSessions } from '../auth/repo.ts';
import { unitExists, unitNames } from '../organisation/repo.ts';
import { uniqueOr409, updateVersioned } from '../shared/versioned.ts';
import { presentStaff } from './presenter.ts';
import type * as s from './schema.ts';

function manage<T>(ctx: AppContext, actor: Actor, fn: (scope: Scope) => Promise<T>) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('staff.manage');
    return fn(scope);
  });
}

async function getUser(scope: Scope, id: string) {
  const u = await scope.trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!u) throw new AppError('user.not_found', 404);
  return u;
}

export function listStaff(ctx: AppContext, actor: Actor, query: z.infer<typeof s.staffQuery>) {
  return manage(ctx, actor, async (scope) => {
    let q = scope.trx.selectFrom('users');
    if (query.q) {
      const like = `%${query.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;
      q = q.where((eb) => eb.or([eb(sql`lower(display_name)`, 'like', like), eb('username', 'like', like)]));
    }
    const total = (await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const rows = await q
      .selectAll()
      .orderBy('displayName')
      .orderBy('id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    scope.audit({ action: query.q ? 'search' : 'list', resourceType: 'user', searchTerm: query.q ?? null, details: { count: rows.length } });
    return { items: rows.map(presentStaff), total, page: query.page, pageSize: query.pageSize };
  });
}

export function getStaff(ctx: AppContext, actor: Actor, id: string) {
  return manage(ctx, actor, async (scope) => {
    const u = await getUser(scope, id);
    const memberships = await scope.trx.selectFrom('memberships').selectAll().where('userId', '=', id).orderBy('validFrom', 'desc').execute();
    const names = await unitNames(scope, memberships.map((m) => m.unitId));
    scope.audit({ action: 'read', resourceType: 'user', resourceId: id });
    return {
      ...presentStaff(u),
      memberships: memberships.map((m) => ({
        id: m.id,
        role: m.role,
        unitKind: m.unitKind,
        unitId: m.unitId,
        unitName: names.get(m.unitId) ?? '',
        validFrom: m.validFrom,
        validTo: m.validTo,
        current: coversDay(m, scope.today),
      })),
    };
  });
}

export function createStaff(ctx: AppContext, actor: Actor, input: z.infer<typeof s.staffCreate>) {
  return manage(ctx, actor, async (scope) => {
    const id = randomUUID();
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    await uniqueOr409(
      () =>
        scope.trx
          .insertInto('users')
          .values({
            municipalityId: scope.municipalityId,
            id,
            username: input.username,
            displayName: input.displayName,
            email: input.email,
            profession: input.profession,
            passwordHash,
            ssoSubject: input.ssoSubject,
            blockedAt: null,
            deactivatedAt: null,
          })
          .execute(),
      'username.taken',
    );
    scope.audit({ action: 'create', resourceType: 'user', resourceId: id });
    return { id, version: 1 };
  });
}

export function updateStaff(ctx: AppContext, actor: Actor, id: string, version: number, input: z.infer<typeof s.staffUpdate>) {
  return manage(ctx, actor, async (scope) => {
    const changes: Record<string, unknown> = {};
    for (const k of ['displayName', 'email', 'profession', 'ssoSubject'] as const) if (input[k] !== undefined) changes[k] = input[k];
    if (input.password) changes.passwordHash = await hashPassword(input.password);
    if (input.deactivated !== undefined) changes.deactivatedAt = input.deactivated ? scope.now : null;
    await uniqueOr409(() => updateVersioned(scope, 'users', id, version, changes, 'user.not_found'), 'username.taken');
    // A deactivated user or a changed password ends all open sessions at once.
    if (input.deactivated || input.password) await endUserSessions(scope, id, input.deactivated ? 'deactivated' : 'password_changed');
    scope.audit({ action: 'update', resourceType: 'user', resourceId: id, details: { fields: Object.keys(input) } });
    return { id, version: version + 1 };
  });
}

export function addMembership(ctx: AppContext, actor: Actor, userId: string, input: z.infer<typeof s.membershipCreate>) {
  return manage(ctx, actor, async (scope) => {
    await getUser(scope, userId);
    if (!roleFitsUnit(input.role, input.unitKind) || !(await unitExists(scope, input.unitKind, input.unitId))) {
      throw new AppError('unit.invalid', 422);
    }
    if (input.validTo && input.validTo < input.validFrom) throw new AppError('period.invalid', 422);
    const id = randomUUID();
    await scope.trx
      .insertInto('memberships')
      .values({ municipalityId: scope.municipalityId, id, userId, ...input })
      .execute();
    scope.audit({ action: 'create', resourceType: 'membership', resourceId: id, details: { userId, role: input.role, unitKind: input.unitKind } });
    return { id, version: 1 };
  });
}

export function endMembership(ctx: AppContext, actor: Actor, userId: string, membershipId: string, validTo: string) {
  return manage(ctx, actor, async (scope) => {
    const m = await scope.trx
      .selectFrom('memberships')
      .selectAll()
      .where('id', '=', membershipId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    if (!m) throw new AppError('membership.not_found', 404);
    if (validTo < m.validFrom) throw new AppError('period.invalid', 422);
    await scope.trx.updateTable('memberships').set({ validTo }).where('id', '=', membershipId).execute();
    scope.audit({ action: 'update', resourceType: 'membership', resourceId: membershipId, details: { userId, validTo } });
    return { id: membershipId, version: 1 };
  });
}

export function unblock(ctx: AppContext, actor: Actor, userId: string) {
  return manage(ctx, actor, async (scope) => {
    const u = await getUser(scope, userId);
    await unblockUser(scope, u.id, u.username);
    return { id: u.id, version: u.version };
  });
}
