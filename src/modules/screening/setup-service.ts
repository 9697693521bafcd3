// Setting screening up (S2): a municipality's scales (with immutable versions) and its rounds
// per institution type. Reading scales needs org.read (labels and colours, no personal data);
// changing scales and rounds needs screening.manage. Every change is audited.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import { withScope, type Scope } from '../../access/scope.ts';
import { overlappingRounds } from '../../domain/screening-round.ts';
import { SCALE_TEMPLATES, scaleProblems, type ScalePosition, type ScaleTemplateKey } from '../../domain/screening-scale.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../../http/types.ts';
import { uniqueOr409 } from '../shared/versioned.ts';
import { presentRound, presentScale } from './presenter.ts';
import * as repo from './repo.ts';
import type * as s from './schema.ts';

function manage<T>(ctx: AppContext, actor: Actor, fn: (scope: Scope) => Promise<T>) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('screening.manage');
    return fn(scope);
  });
}

export function listScales(ctx: AppContext, actor: Actor) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read');
    const scales = await repo.listScales(scope);
    const versions = await repo.versionsOf(scope, scales.map((x) => x.id));
    const positions = await repo.positionsOf(scope, versions.map((v) => v.id));
    return { items: scales.map((x) => presentScale(x, versions, positions)) };
  });
}

/** Add version `number` of a scale with its positions (checked by the domain rule first). */
async function addVersion(scope: Scope, scaleId: string, number: number, positions: readonly Omit<ScalePosition, 'ordinal'>[]): Promise<string> {
  const ordered = positions.map((p, i) => ({ ...p, ordinal: i + 1 }));
  const problems = scaleProblems(ordered);
  if (problems.length) throw new AppError('screening.scale_invalid', 422, problems);
  const versionId = randomUUID();
  await repo.insertVersion(
    scope,
    { municipalityId: scope.municipalityId, id: versionId, scaleId, number, createdBy: scope.actor.userId },
    ordered.map((p) => ({ municipalityId: scope.municipalityId, id: randomUUID(), scaleVersionId: versionId, ...p })),
  );
  scope.audit({ action: 'create', resourceType: 'screening_scale_version', resourceId: versionId, details: { scaleId, number } });
  return versionId;
}

async function insertScale(scope: Scope, input: { name: string; template: ScaleTemplateKey | null; positions: readonly Omit<ScalePosition, 'ordinal'>[] }) {
  const id = randomUUID();
  await uniqueOr409(() => repo.insertScale(scope, { municipalityId: scope.municipalityId, id, name: input.name, template: input.template, archivedAt: null }), 'name.taken');
  const versionId = await addVersion(scope, id, 1, input.positions);
  scope.audit({ action: 'create', resourceType: 'screening_scale', resourceId: id, details: { template: input.template } });
  return { id, versionId };
}

export function createScale(ctx: AppContext, actor: Actor, input: z.infer<typeof s.scaleCreate>) {
  return manage(ctx, actor, async (scope) => {
    const made =
      'template' in input
        ? await insertScale(scope, { name: input.name ?? SCALE_TEMPLATES[input.template].name, template: input.template, positions: SCALE_TEMPLATES[input.template].positions })
        : await insertScale(scope, { name: input.name, template: null, positions: input.positions });
    return { id: made.id, version: 1 };
  });
}

/** A new version of a scale in use: rounds and ratings on the old version keep its positions. */
export function addScaleVersion(ctx: AppContext, actor: Actor, scaleId: string, expectedVersion: number, input: z.infer<typeof s.scaleVersionCreate>) {
  return manage(ctx, actor, async (scope) => {
    const scale = await repo.findScale(scope, scaleId);
    if (!scale) throw new AppError('screening.scale_not_found', 404);
    // Bump first, conditionally: the winner holds the row until it commits, a racer then sees
    // the moved version and gets 412 (not a 409 on the version number, nor a second win).
    if (!(await repo.bumpScaleVersion(scope, scaleId, expectedVersion))) throw new AppError('version.mismatch', 412);
    const latest = await repo.latestVersion(scope, scaleId);
    await uniqueOr409(() => addVersion(scope, scaleId, (latest?.number ?? 0) + 1, input.positions), 'version.mismatch');
    return { id: scaleId, version: expectedVersion + 1 };
  });
}

/**
 * The scale version a new round uses: the named scale's newest version; without a name, the
 * municipality's only scale — and when it has none yet, the default grøn/gul/rød is created.
 */
async function scaleVersionFor(scope: Scope, scaleId: string | undefined): Promise<string> {
  if (scaleId) {
    const version = await repo.latestVersion(scope, scaleId);
    if (!version) throw new AppError('screening.scale_not_found', 404);
    return version.id;
  }
  const scales = await repo.listScales(scope);
  if (scales.length > 1) throw new AppError('screening.scale_required', 422);
  if (scales.length === 1) return (await repo.latestVersion(scope, scales[0]!.id))!.id;
  const t = SCALE_TEMPLATES.trafiklys;
  return (await insertScale(scope, { name: t.name, template: t.key, positions: t.positions })).versionId;
}

async function refuseOverlap(scope: Scope, candidate: { id?: string; opensOn: string; closesOn: string; institutionTypes: readonly string[] }) {
  const existing = await repo.listRounds(scope, { institutionTypes: candidate.institutionTypes });
  const clash = overlappingRounds(existing, candidate);
  if (clash.length) throw new AppError('screening.round_overlap', 409, { rounds: clash });
}

export function createRound(ctx: AppContext, actor: Actor, input: z.infer<typeof s.roundCreate>) {
  return manage(ctx, actor, async (scope) => {
    const institutionTypes = [...new Set(input.institutionTypes)];
    await refuseOverlap(scope, { ...input, institutionTypes });
    const scaleVersionId = await scaleVersionFor(scope, input.scaleId);
    const id = randomUUID();
    await uniqueOr409(
      () =>
        repo.insertRound(scope, {
          municipalityId: scope.municipalityId,
          id,
          name: input.name,
          institutionTypes,
          scaleVersionId,
          opensOn: input.opensOn,
          closesOn: input.closesOn,
          jointRatingRequired: input.jointRatingRequired,
        }),
      'name.taken',
    );
    scope.audit({ action: 'create', resourceType: 'screening_round', resourceId: id, details: { institutionTypes, scaleVersionId } });
    return { id, version: 1 };
  });
}

export function updateRound(ctx: AppContext, actor: Actor, id: string, expectedVersion: number, input: z.infer<typeof s.roundUpdate>) {
  return manage(ctx, actor, async (scope) => {
    const round = await repo.findRound(scope, id);
    if (!round) throw new AppError('screening.round_not_found', 404);
    const next = {
      id,
      opensOn: input.opensOn ?? round.opensOn,
      closesOn: input.closesOn ?? round.closesOn,
      institutionTypes: input.institutionTypes ? [...new Set(input.institutionTypes)] : round.institutionTypes,
    };
    if (next.closesOn < next.opensOn) throw new AppError('period.invalid', 422);
    // Narrowing the types of a round with ratings would orphan them: only widening is safe, and simplest is none.
    if (input.institutionTypes && (await repo.roundHasRatings(scope, id))) throw new AppError('screening.round_has_ratings', 409);
    await refuseOverlap(scope, next);
    const changes = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.jointRatingRequired !== undefined ? { jointRatingRequired: input.jointRatingRequired } : {}),
      opensOn: next.opensOn,
      closesOn: next.closesOn,
      institutionTypes: next.institutionTypes,
    };
    const ok = await uniqueOr409(() => repo.updateRound(scope, id, expectedVersion, changes), 'name.taken');
    if (!ok) throw new AppError('version.mismatch', 412);
    scope.audit({ action: 'update', resourceType: 'screening_round', resourceId: id, details: { fields: Object.keys(input) } });
    return { id, version: expectedVersion + 1 };
  });
}

export function getRound(ctx: AppContext, actor: Actor, id: string) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read');
    const round = await repo.findRound(scope, id);
    if (!round) throw new AppError('screening.round_not_found', 404);
    return presentRound(round, scope.today);
  });
}

/**
 * Every round of the municipality for its administrator — planned, open and closed, however
 * old — with the scale and version each uses. GET /api/screening/rounds is the rater's list.
 */
export function listRoundPlans(ctx: AppContext, actor: Actor, query: z.infer<typeof s.roundPlansQuery>) {
  return manage(ctx, actor, async (scope) => {
    const rows = await repo.roundPlansPage(scope, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const total = await repo.countRounds(scope);
    return {
      items: rows.map((r) => ({
        ...presentRound(r, scope.today),
        scale: { id: r.scaleId, name: r.scaleName, versionNumber: r.scaleVersionNumber },
        hasRatings: Boolean(r.hasRatings),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  });
}
