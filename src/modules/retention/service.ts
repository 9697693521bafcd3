// Retention use cases (docs/adr/0006): the municipality's settings (administrator and DPO), a
// preview of the next run, a run on demand, and the nightly run per municipality (src/jobs).
// Nothing here reads a child's data for a person to see: answers are settings and counts.
import { systemActor, type Actor } from '../../access/actor.ts';
import { withScope, type DataContext, type Scope } from '../../access/scope.ts';
import { RETENTION_BOUNDS, RETENTION_DEFAULTS, RETENTION_KEYS, type RetentionSettings } from '../../domain/retention.ts';
import { AppError } from '../../errors.ts';
import * as repo from './repo.ts';
import { currentSettings, previewRun, runRetention, type RunResult } from './run.ts';
import type * as s from './schema.ts';

function presentRun(r: RunResult): s.RetentionRun {
  return { id: r.id, trigger: r.trigger, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt.toISOString(), counts: r.counts };
}

async function settingsView(scope: Scope): Promise<s.RetentionSettingsOut> {
  const { settings, version } = await currentSettings(scope);
  const runs = await repo.latestRuns(scope);
  return {
    settings,
    version,
    defaults: { ...RETENTION_DEFAULTS },
    bounds: { ...RETENTION_BOUNDS },
    runs: runs.map((r) =>
      presentRun({
        id: r.id,
        trigger: r.trigger,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        counts: {
          screeningRatings: r.screeningRatings,
          stafetlogs: r.stafetlogs,
          consents: r.consents,
          childrenAnonymised: r.childrenAnonymised,
          custodyHoldersDeleted: r.custodyHoldersDeleted,
          auditEvents: r.auditEvents,
        },
      }),
    ),
  };
}

export function readSettings(ctx: DataContext, actor: Actor): Promise<s.RetentionSettingsOut> {
  return withScope(ctx, actor, async (scope) => {
    scope.require('retention.manage', { resourceType: 'retention_settings' });
    return settingsView(scope);
  });
}

/** Saved at the version the user saw (defaults count as version 1); before and after are audited. */
export function updateSettings(ctx: DataContext, actor: Actor, version: number, input: s.RetentionSettingsBody): Promise<s.RetentionSettingsOut> {
  return withScope(ctx, actor, async (scope) => {
    scope.require('retention.manage', { resourceType: 'retention_settings' });
    const before = (await currentSettings(scope)).settings;
    const after = Object.fromEntries(RETENTION_KEYS.map((k) => [k, input[k]])) as RetentionSettings;
    if (!(await repo.saveSettings(scope, version, after))) throw new AppError('version.mismatch', 412);
    scope.audit({ action: 'update', resourceType: 'retention_settings', details: { before, after } });
    return settingsView(scope);
  });
}

export function preview(ctx: DataContext, actor: Actor, query: s.PreviewQuery): Promise<s.PreviewOut> {
  return withScope(ctx, actor, async (scope) => {
    scope.require('retention.manage', { resourceType: 'retention_settings' });
    const saved = (await currentSettings(scope)).settings;
    const settings = Object.fromEntries(RETENTION_KEYS.map((k) => [k, query[k] ?? saved[k]])) as RetentionSettings;
    return { asOf: scope.today, counts: await previewRun(scope, settings) };
  });
}

/** A run now for the actor's municipality (e.g. the DPO after a change): the same as the nightly job. */
export function runNow(ctx: DataContext, actor: Actor): Promise<s.RetentionRun> {
  return withScope(ctx, actor, async (scope) => {
    scope.require('retention.manage', { resourceType: 'retention_run' });
    return presentRun(await runRetention(scope, ctx.clock, 'manual'));
  });
}

/** The nightly run for one municipality, as the system, in its own transaction. */
export function runForMunicipality(ctx: DataContext, municipalityId: string): Promise<s.RetentionRun> {
  const actor = systemActor(municipalityId, 'Sletning og anonymisering efter kommunens opbevaringsfrister');
  return withScope(ctx, actor, async (scope) => presentRun(await runRetention(scope, ctx.clock, 'job')));
}
