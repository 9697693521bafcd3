// Children, custody holders and enrolments (S1, S14). A professional sees only the children
// reached through their relations; every read is audited per child; administrators register
// children and enrolments without reading the records.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import { accessReasons } from '../../access/relations.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import { maskCpr, normaliseCpr } from '../../domain/cpr.ts';
import { planTransition, trackOf } from '../../domain/enrolment.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import { uniqueOr409 } from '../shared/versioned.ts';
import { presentChildSummary, presentPlacement } from './presenter.ts';
import * as repo from './repo.ts';
import type * as s from './schema.ts';

async function page(scope: Scope, q: ReturnType<typeof repo.accessibleChildren>, pageNo: number, pageSize: number) {
  const total = (await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
  const rows = await q
    .selectAll('c')
    .orderBy('c.lastName')
    .orderBy('c.firstName')
    .orderBy('c.id')
    .limit(pageSize)
    .offset((pageNo - 1) * pageSize)
    .execute();
  const placements = await repo.placementsOf(scope, rows.map((r) => r.id), true);
  for (const r of rows) scope.audit({ action: 'list', resourceType: 'child', resourceId: r.id, childId: r.id });
  return { items: rows.map((r) => presentChildSummary(r, placements, scope.today)), total, page: pageNo, pageSize };
}

export function listMyChildren(ctx: AppContext, actor: Actor, query: z.infer<typeof s.childrenQuery>) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('children.list');
    return page(scope, repo.accessibleChildren(scope, query), query.page, query.pageSize);
  });
}

export function searchChildren(ctx: AppContext, actor: Actor, input: z.infer<typeof s.childrenSearch>) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('children.list');
    const digits = input.q.replace(/[\s-]/g, '');
    const filter = /^\d{4,10}$/.test(digits)
      ? { cprPrefix: digits }
      : { nameLike: `%${input.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%` };
    scope.audit({ action: 'search', resourceType: 'child', searchTerm: input.q });
    return page(scope, repo.accessibleChildren(scope, filter), input.page, input.pageSize);
  });
}

/** Load a child the actor may see, or answer 404 exactly as for a child that does not exist. */
async function visibleChild(scope: Scope, id: string) {
  const allowed = await scope.allowedChildIds([id]);
  const child = allowed.has(id) ? await repo.findChild(scope, id) : undefined;
  if (!child) scope.deny({ resourceType: 'child', resourceId: id, childId: id }, new AppError('child.not_found', 404));
  return child;
}

export function getChild(ctx: AppContext, actor: Actor, id: string) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('children.list', { resourceType: 'child', resourceId: id, childId: id });
    const child = await visibleChild(scope, id);
    const [placements, custody, reasons] = [
      await repo.placementsOf(scope, [id], false),
      await repo.custodyOf(scope, id),
      await accessReasons(scope.trx, actor, scope.today, id),
    ];
    scope.audit({ action: 'read', resourceType: 'child', resourceId: id, childId: id });
    return {
      ...presentChildSummary(child, placements.filter((p) => p.validFrom <= scope.today && (p.validTo === null || p.validTo >= scope.today)), scope.today),
      version: child.version,
      custodyHolders: custody.map((h) => ({
        id: h.id,
        firstName: h.firstName,
        lastName: h.lastName,
        cprMasked: maskCpr(h.cpr),
        relation: h.relation,
        hasCustody: h.hasCustody,
        phone: h.phone,
        email: h.email,
        validFrom: h.validFrom,
        validTo: h.validTo,
      })),
      enrolments: placements.map((p) => presentPlacement(p, scope.today)),
      accessReasons: reasons,
    };
  });
}

export function revealCpr(ctx: AppContext, actor: Actor, id: string, purpose: string) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('children.list', { resourceType: 'child', resourceId: id, childId: id });
    const child = await visibleChild(scope, id);
    scope.audit({ action: 'reveal_cpr', resourceType: 'child', resourceId: id, childId: id, purpose });
    return { cpr: `${child.cpr.slice(0, 6)}-${child.cpr.slice(6)}` };
  });
}

function manage<T>(ctx: AppContext, actor: Actor, fn: (scope: Scope) => Promise<T>) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('children.manage');
    return fn(scope);
  });
}

/** Find or create a custody holder by CPR (the same parent for siblings). */
export async function upsertCustodyHolder(scope: Scope, h: z.infer<typeof s.custodyHolderInput>): Promise<string> {
  const existing = await scope.trx.selectFrom('custodyHolders').select('id').where('cpr', '=', h.cpr).executeTakeFirst();
  if (existing) return existing.id;
  const id = randomUUID();
  await scope.trx
    .insertInto('custodyHolders')
    .values({ municipalityId: scope.municipalityId, id, cpr: h.cpr, firstName: h.firstName, lastName: h.lastName, phone: h.phone, email: h.email })
    .execute();
  return id;
}

export async function insertChild(scope: Scope, input: z.infer<typeof s.childCreate>): Promise<string> {
  const id = randomUUID();
  await uniqueOr409(
    () =>
      scope.trx
        .insertInto('children')
        .values({ municipalityId: scope.municipalityId, id, cpr: input.cpr, firstName: input.firstName, lastName: input.lastName, birthDate: input.birthDate })
        .execute(),
    'child.cpr_taken',
  );
  for (const h of input.custodyHolders) {
    const holderId = await upsertCustodyHolder(scope, h);
    await scope.trx
      .insertInto('childCustody')
      .values({
        municipalityId: scope.municipalityId,
        id: randomUUID(),
        childId: id,
        custodyHolderId: holderId,
        relation: h.relation,
        hasCustody: h.hasCustody,
        validFrom: input.birthDate,
        validTo: null,
      })
      .execute();
  }
  if (input.enrolment) await enrol(scope, id, input.enrolment);
  scope.audit({ action: 'create', resourceType: 'child', resourceId: id, childId: id });
  return id;
}

export function createChild(ctx: AppContext, actor: Actor, input: z.infer<typeof s.childCreate>) {
  return manage(ctx, actor, async (scope) => ({ id: await insertChild(scope, input), version: 1 }));
}

/** Enrol a child; an open enrolment in the same track (daycare, school, …) ends the day before. */
export async function enrol(scope: Scope, childId: string, input: z.infer<typeof s.enrolmentCreate>): Promise<string> {
  const institution = await repo.findInstitution(scope, input.institutionId);
  if (!institution) throw new AppError('institution.not_found', 404);
  if (input.groupId) {
    const group = await repo.findGroup(scope, input.groupId);
    if (!group || group.institutionId !== input.institutionId) throw new AppError('group.not_found', 404);
  }
  const existing = (await repo.openEnrolmentsWithType(scope, childId)).map((e) => ({ ...e, track: trackOf(e.type) }));
  const plan = planTransition(existing, { validFrom: input.validFrom, validTo: null, track: trackOf(institution.type) });
  if (plan.conflicts.length) throw new AppError('enrolment.overlap', 409, { conflicts: plan.conflicts });
  for (const c of plan.close) {
    await scope.trx.updateTable('enrolments').set({ validTo: c.validTo }).where('id', '=', c.id).execute();
  }
  const id = randomUUID();
  await scope.trx
    .insertInto('enrolments')
    .values({ municipalityId: scope.municipalityId, id, childId, institutionId: input.institutionId, groupId: input.groupId, validFrom: input.validFrom, validTo: null, correctsId: null })
    .execute();
  scope.audit({ action: 'create', resourceType: 'enrolment', resourceId: id, childId, details: { closed: plan.close.map((c) => c.id) } });
  return id;
}

async function childExists(scope: Scope, id: string) {
  if (!(await repo.findChild(scope, id))) throw new AppError('child.not_found', 404);
}

export function addEnrolment(ctx: AppContext, actor: Actor, childId: string, input: z.infer<typeof s.enrolmentCreate>) {
  return manage(ctx, actor, async (scope) => {
    await childExists(scope, childId);
    return { id: await enrol(scope, childId, input), version: 1 };
  });
}

export function endEnrolment(ctx: AppContext, actor: Actor, childId: string, enrolmentId: string, validTo: string) {
  return manage(ctx, actor, async (scope) => {
    const e = await scope.trx.selectFrom('enrolments').selectAll().where('id', '=', enrolmentId).where('childId', '=', childId).executeTakeFirst();
    if (!e) throw new AppError('enrolment.not_found', 404);
    if (validTo < e.validFrom) throw new AppError('period.invalid', 422);
    await scope.trx.updateTable('enrolments').set({ validTo }).where('id', '=', enrolmentId).execute();
    scope.audit({ action: 'update', resourceType: 'enrolment', resourceId: enrolmentId, childId, details: { validTo } });
    return { id: enrolmentId, version: 1 };
  });
}

/** An administrator finds a child by exact CPR to manage its enrolments (audited as a search). */
export function lookupChild(ctx: AppContext, actor: Actor, cprInput: string) {
  return manage(ctx, actor, async (scope) => {
    const cpr = normaliseCpr(cprInput)!;
    scope.audit({ action: 'search', resourceType: 'child', searchTerm: cpr, purpose: 'administration af indskrivning' });
    const child = await repo.findChildByCpr(scope, cpr);
    // No throw here: the search must stay in the audit trail even when nothing is found.
    if (!child) return null;
    const placements = await repo.placementsOf(scope, [child.id], false);
    scope.audit({ action: 'read', resourceType: 'child', resourceId: child.id, childId: child.id, purpose: 'administration af indskrivning' });
    return {
      id: child.id,
      firstName: child.firstName,
      lastName: child.lastName,
      birthDate: child.birthDate,
      cprMasked: maskCpr(child.cpr),
      enrolments: placements.map((p) => presentPlacement(p, scope.today)),
    };
  });
}
