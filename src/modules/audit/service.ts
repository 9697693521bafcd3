// The data-protection officer's view of the audit trail (S14, Datatilsynet): who used which
// child's data, when and why; an extract per child; verification of the hash chain.
// Reading the trail is itself a use of personal data and is audited.
import type { Actor } from '../../access/actor.ts';
import { withScope } from '../../access/scope.ts';
import { maskCpr } from '../../domain/cpr.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import * as repo from './repo.ts';

function present(e: Awaited<ReturnType<typeof repo.events>>[number]) {
  return { ...e, at: e.at.toISOString() };
}

export function listEvents(ctx: AppContext, actor: Actor, filter: repo.EventFilter) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('audit.read');
    const rows = await repo.events(scope, filter);
    scope.audit({
      action: 'read',
      resourceType: 'audit_log',
      childId: filter.childId ?? null,
      details: { userId: filter.userId, action: filter.action, from: filter.from, to: filter.to, count: rows.length },
    });
    return { items: rows.map(present), nextBefore: rows.length === filter.limit ? rows[rows.length - 1]!.seq : null };
  });
}

/** Everything recorded about one child: the basis for the data subject's access extract. */
export function childExtract(ctx: AppContext, actor: Actor, childId: string) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('audit.read');
    const child = await scope.trx.selectFrom('children').select(['id', 'firstName', 'lastName', 'cpr']).where('id', '=', childId).executeTakeFirst();
    if (!child) throw new AppError('child.not_found', 404);
    const rows = await repo.events(scope, { childId, limit: 10_000 });
    scope.audit({ action: 'export', resourceType: 'audit_extract', childId, resourceId: childId });
    return { child: { id: child.id, firstName: child.firstName, lastName: child.lastName, cprMasked: maskCpr(child.cpr) }, items: rows.map(present) };
  });
}

export function lookupChild(ctx: AppContext, actor: Actor, cpr: string) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('audit.read');
    scope.audit({ action: 'search', resourceType: 'child', searchTerm: cpr, purpose: 'indsigt i logning' });
    const child = await scope.trx.selectFrom('children').select(['id', 'firstName', 'lastName', 'cpr']).where('cpr', '=', cpr).executeTakeFirst();
    return child ? { id: child.id, firstName: child.firstName, lastName: child.lastName, cprMasked: maskCpr(child.cpr) } : null;
  });
}

export function verify(ctx: AppContext, actor: Actor) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('audit.read');
    return repo.verifyChainOf(scope.trx, scope.municipalityId);
  });
}
