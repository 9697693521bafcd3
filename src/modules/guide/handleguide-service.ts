// Handleguide use cases (S3, issue 4 item 6): what to do per position of a screening scale,
// edited with version history like the samarbejdsguide's entries, and the rating page's
// question "a child was just given this position — what now?". Scales and positions are read
// through the screening module's exported repository functions (never its tables).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Actor } from '../../access/actor.ts';
import { withScope, type DataContext, type Scope } from '../../access/scope.ts';
import { normaliseHandleguide, sameHandleguideContent, unknownIds, type HandleguideContent } from '../../domain/guide-handleguide.ts';
import { restoreNote } from '../../domain/guide-entry.ts';
import { AppError } from '../../errors.ts';
import * as screening from '../screening/repo.ts';
import { presentPosition } from '../screening/presenter.ts';
import { uniqueOr409 } from '../shared/versioned.ts';
import { isRegisteredNextStep, nextStepCatalogue, resolveNextSteps } from './next-steps.ts';
import { iso, presentHandleguide, presentVersionSummary } from './presenter.ts';
import * as repo from './repo.ts';
import type * as s from './schema.ts';
import { guideTx } from './tables.ts';

const FIRST_NOTE = 'Oprettet';
const notFound = () => new AppError('guide.handleguide_not_found', 404);

/** Every active scale with its newest version's positions (a few scales of ≤ 10 positions). */
async function scalesWithPositions(scope: Scope) {
  const scales = await screening.listScales(scope);
  const versions = await screening.versionsOf(scope, scales.map((x) => x.id));
  const positions = await screening.positionsOf(scope, versions.map((v) => v.id));
  return { scales, versions, positions };
}

async function linkedEntries(scope: Scope, ids: readonly string[]) {
  return (await repo.linkableEntries(guideTx(scope), ids)).map((e) => ({ id: e.id, slug: e.slug, kind: e.kind, title: e.title, summary: e.summary }));
}

/** Links must point at current entries, next steps at registered ones: else 422 with the paths. */
async function checkedContent(scope: Scope, input: HandleguideContent): Promise<HandleguideContent> {
  const content = normaliseHandleguide(input);
  const linkable = new Set((await linkedEntries(scope, content.entryIds)).map((e) => e.id));
  const badLinks = unknownIds(content.entryIds, linkable, 'entryIds');
  if (badLinks.length) throw new AppError('guide.link_invalid', 422, badLinks);
  const badSteps = content.nextStepIds.flatMap((id, i) => (isRegisteredNextStep(id) ? [] : [{ path: `nextStepIds.${i}`, message: `Ukendt: ${id}` }]));
  if (badSteps.length) throw new AppError('guide.next_step_unknown', 422, badSteps);
  return content;
}

const contentOf = (h: repo.HandleguideWithCurrent): HandleguideContent => ({ title: h.title, whatToDo: h.whatToDo, steps: h.steps, entryIds: h.entryIds, nextStepIds: h.nextStepIds });

async function editable(scope: Scope, id: string, expectedVersion: number) {
  scope.require('guide.edit', { resourceType: 'guide_handleguide', resourceId: id });
  const h = await repo.findHandleguide(guideTx(scope), id);
  if (!h) throw notFound();
  if (h.version !== expectedVersion) throw new AppError('version.mismatch', 412);
  return h;
}

async function appendVersion(scope: Scope, h: repo.HandleguideWithCurrent, content: HandleguideContent, changeNote: string, restoredFrom: number | null) {
  const tx = guideTx(scope);
  const number = h.currentNumber + 1;
  if (!(await repo.updateHandleguideHead(tx, h.id, h.version, { currentNumber: number, updatedAt: scope.now }))) throw new AppError('version.mismatch', 412);
  await repo.insertHandleguideVersion(tx, h.id, content, { number, editedBy: scope.actor.userId, editedAt: scope.now, changeNote, restoredFrom });
  scope.audit({ action: 'update', resourceType: 'guide_handleguide', resourceId: h.id, details: { number, scaleId: h.scaleId, ordinal: h.ordinal, ...(restoredFrom ? { restoredFrom } : {}) } });
  return { id: h.id, version: h.version + 1, number };
}

// ── reading ────────────────────────────────────────────────────────────────────────────
/** Each scale's newest positions with the guide written for each (or null). */
export function overview(ctx: DataContext, actor: Actor, query: z.infer<typeof s.handleguideListQuery>) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read', { resourceType: 'guide_handleguide' });
    const { scales, versions, positions } = await scalesWithPositions(scope);
    const chosen = scales.filter((x) => !query.scaleId || x.id === query.scaleId);
    const guides = await repo.handleguidesOfScales(guideTx(scope), chosen.map((x) => x.id));
    return {
      scales: chosen.flatMap((scale) => {
        const latest = versions.filter((v) => v.scaleId === scale.id).sort((a, b) => b.number - a.number)[0];
        if (!latest) return [];
        return [
          {
            id: scale.id,
            name: scale.name,
            versionNumber: latest.number,
            positions: positions
              .filter((p) => p.scaleVersionId === latest.id)
              .map((p) => {
                const g = guides.find((x) => x.scaleId === scale.id && x.ordinal === p.ordinal);
                return { position: presentPosition(p), guide: g ? { id: g.id, title: g.title, number: g.currentNumber, version: g.version, editedAt: iso(g.editedAt) } : null };
              }),
          },
        ];
      }),
    };
  });
}

export function getHandleguide(ctx: DataContext, actor: Actor, id: string) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read', { resourceType: 'guide_handleguide', resourceId: id });
    const h = await repo.findHandleguide(guideTx(scope), id);
    if (!h) throw notFound();
    return presentHandleguide(h, await linkedEntries(scope, h.entryIds));
  });
}

export function listHandleguideVersions(ctx: DataContext, actor: Actor, id: string) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read', { resourceType: 'guide_handleguide', resourceId: id });
    const h = await repo.findHandleguide(guideTx(scope), id);
    if (!h) throw notFound();
    return { items: (await repo.handleguideVersions(guideTx(scope), id)).map((v) => presentVersionSummary(v, h.currentNumber)) };
  });
}

export function getHandleguideVersion(ctx: DataContext, actor: Actor, id: string, number: number) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read', { resourceType: 'guide_handleguide', resourceId: id });
    const h = await repo.findHandleguide(guideTx(scope), id);
    if (!h) throw notFound();
    const v = await repo.handleguideVersion(guideTx(scope), id, number);
    if (!v) throw new AppError('guide.version_not_found', 404);
    return { ...presentVersionSummary(v, h.currentNumber), whatToDo: v.whatToDo, steps: v.steps, entryIds: v.entryIds, nextStepIds: v.nextStepIds };
  });
}

/** The registered next steps an editor can offer. */
export function catalogue(ctx: DataContext, actor: Actor) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read', { resourceType: 'guide_handleguide' });
    return {
      items: nextStepCatalogue().map((d) => ({ id: d.id, module: d.module, label: d.label, description: d.description, forEachEntry: d.forEachEntry ?? null })),
    };
  });
}

/**
 * For the rating page: a child was just given `positionId` — the municipality's guide for that
 * position (by scale and ordinal) and the next steps that apply to this actor. No child data
 * is read (the child id only fills links), so nothing is audited.
 */
export function forPosition(ctx: DataContext, actor: Actor, positionId: string, childId: string | null) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('org.read', { resourceType: 'guide_handleguide' });
    const { versions, positions } = await scalesWithPositions(scope);
    const position = positions.find((p) => p.id === positionId);
    const version = position && versions.find((v) => v.id === position.scaleVersionId);
    if (!position || !version) throw new AppError('guide.position_not_found', 404);
    const h = await repo.findHandleguideFor(guideTx(scope), version.scaleId, position.ordinal);
    if (!h) return { position: presentPosition(position), guide: null, nextSteps: [] };
    const entries = await linkedEntries(scope, h.entryIds);
    const nextSteps = resolveNextSteps({ actor, position, childId, entries }, h.nextStepIds);
    // the response schema leaves out the raw id lists: the rating page needs the resolved ones
    return { position: presentPosition(position), guide: presentHandleguide(h, entries), nextSteps };
  });
}

// ── editing ────────────────────────────────────────────────────────────────────────────
export function createHandleguide(ctx: DataContext, actor: Actor, input: z.infer<typeof s.handleguideCreate>, opts: { id?: string } = {}) {
  return withScope(ctx, actor, async (scope) => {
    scope.require('guide.edit', { resourceType: 'guide_handleguide' });
    const { scales, versions, positions } = await scalesWithPositions(scope);
    if (!scales.some((x) => x.id === input.scaleId)) throw new AppError('screening.scale_not_found', 404);
    const latest = versions.filter((v) => v.scaleId === input.scaleId).sort((a, b) => b.number - a.number)[0];
    if (!positions.some((p) => p.scaleVersionId === latest?.id && p.ordinal === input.ordinal)) {
      throw new AppError('guide.position_not_found', 422, [{ path: 'ordinal', message: 'Skalaen har ingen position med dette nummer' }]);
    }
    const tx = guideTx(scope);
    if (await repo.findHandleguideFor(tx, input.scaleId, input.ordinal)) throw new AppError('guide.handleguide_exists', 409);
    const content = await checkedContent(scope, input);
    const id = opts.id ?? randomUUID();
    const v = { number: 1, editedBy: actor.userId, editedAt: scope.now, changeNote: input.changeNote ?? FIRST_NOTE, restoredFrom: null };
    await uniqueOr409(() => repo.insertHandleguide(tx, { id, scaleId: input.scaleId, ordinal: input.ordinal, now: scope.now }, content, v), 'guide.handleguide_exists');
    scope.audit({ action: 'create', resourceType: 'guide_handleguide', resourceId: id, details: { scaleId: input.scaleId, ordinal: input.ordinal, number: 1 } });
    return { id, version: 1, number: 1 };
  });
}

export function addHandleguideVersion(ctx: DataContext, actor: Actor, id: string, expectedVersion: number, input: z.infer<typeof s.handleguideVersionCreate>) {
  return withScope(ctx, actor, async (scope) => {
    const h = await editable(scope, id, expectedVersion);
    const content = await checkedContent(scope, input);
    if (sameHandleguideContent(content, contentOf(h))) throw new AppError('guide.unchanged', 422);
    return appendVersion(scope, h, content, input.changeNote, null);
  });
}

/** The old content as it was; links to entries archived since then simply drop out when shown. */
export function restoreHandleguideVersion(ctx: DataContext, actor: Actor, id: string, number: number, expectedVersion: number, input: z.infer<typeof s.restoreBody>) {
  return withScope(ctx, actor, async (scope) => {
    const h = await editable(scope, id, expectedVersion);
    const old = await repo.handleguideVersion(guideTx(scope), id, number);
    if (!old) throw new AppError('guide.version_not_found', 404);
    const content = normaliseHandleguide(old);
    if (sameHandleguideContent(content, contentOf(h))) throw new AppError('guide.unchanged', 422);
    return appendVersion(scope, h, content, input.changeNote ?? restoreNote(number), number);
  });
}
