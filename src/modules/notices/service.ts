// In-app notices (beskeder): a staff user's own list, marked read by them; delivered by jobs
// (src/jobs) through `deliver`, once per user and de-duplication key. A notice names no child,
// so reading one is not a read of personal data and is not audited per notice; deliveries are
// audited as one row per run by the job that makes them.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import * as repo from './repo.ts';
import type * as s from './schema.ts';

export interface NewNotice {
  userId: string;
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  dedupeKey: string;
}

function staffUser(actor: Actor): string {
  if (actor.kind !== 'staff' || !actor.userId) throw new AppError('auth.required', 401);
  return actor.userId;
}

export function listMine(ctx: AppContext, actor: Actor, query: z.infer<typeof s.listQuery>) {
  const userId = staffUser(actor);
  return withScope(ctx, actor, async (scope) => {
    const rows = await repo.listForUser(scope, userId, { unreadOnly: query.unreadOnly === 'true', limit: query.limit });
    return {
      items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), readAt: r.readAt ? r.readAt.toISOString() : null })),
      unread: await repo.unreadCount(scope, userId),
    };
  });
}

export function markRead(ctx: AppContext, actor: Actor, id: string) {
  const userId = staffUser(actor);
  return withScope(ctx, actor, async (scope) => {
    // Someone else's notice answers like a missing one.
    if (!(await repo.exists(scope, userId, id))) throw new AppError('notice.not_found', 404);
    await repo.markRead(scope, userId, id);
  });
}

export function markAllRead(ctx: AppContext, actor: Actor) {
  const userId = staffUser(actor);
  return withScope(ctx, actor, async (scope) => ({ marked: await repo.markRead(scope, userId, null) }));
}

/** For jobs, inside their scope: new notices only (a key already delivered to the user is skipped). */
export function deliver(scope: Scope, notices: readonly NewNotice[]): Promise<number> {
  return repo.insertNew(
    scope,
    notices.map((n) => ({ municipalityId: scope.municipalityId, id: randomUUID(), createdAt: scope.now, ...n })),
  );
}
