// One retention run for the scope's municipality, inside the caller's transaction: screening
// ratings → statistics, closed stafetlogs, ended consents, anonymised children, orphaned custody
// holders, the oldest audit rows. The order matters: a consent is free to go once the log that
// rested on it is gone, a child once its logs and consents are. The deletions run as the
// retention role; the audit rows (one per kind, counts only) are written as the application.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock, Scope } from '../../access/scope.ts';
import {
  ANONYMOUS_CHILD,
  anonymisedBirthDate,
  anonymousCprPlaceholder,
  readRetentionSettings,
  retentionCutoffs,
  type RetentionCutoffs,
  type RetentionSettings,
} from '../../domain/retention.ts';
import { chainAnchor } from '../audit/repo.ts';
import * as repo from './repo.ts';
import type { RetentionCounts } from './schema.ts';

export async function currentSettings(scope: Scope): Promise<{ settings: RetentionSettings; version: number }> {
  const row = await repo.settingsRow(scope);
  return { settings: readRetentionSettings(row?.settings?.retention), version: row?.version ?? 1 };
}

/** On failure the transaction (or the preview's savepoint) rolls back, and the role with it. */
async function asRetentionRole<T>(scope: Scope, fn: () => Promise<T>): Promise<T> {
  await sql`SET LOCAL ROLE tidlig_retention`.execute(scope.trx);
  const result = await fn();
  await sql`SET LOCAL ROLE tidlig_app`.execute(scope.trx);
  return result;
}

async function deleteAndAnonymise(scope: Scope, runId: string, cut: RetentionCutoffs): Promise<RetentionCounts> {
  const screeningRatings = await repo.deleteScreeningRatings(scope, cut.screening, runId);
  const stafetlogs = await repo.deleteStafetlogs(scope, await repo.dueStafetlogs(scope, cut.stafetlog));
  const consents = await repo.deleteConsents(scope, await repo.dueConsents(scope, cut.consent));
  const children = await repo.dueChildren(scope, cut.child);
  const first = (await repo.lastPlaceholderNo(scope)) + 1;
  await repo.anonymiseChildren(
    scope,
    runId,
    children.map((c, i) => ({ id: c.id, ...ANONYMOUS_CHILD, cpr: anonymousCprPlaceholder(first + i), birthDate: anonymisedBirthDate(c.birthDate), placeholderNo: first + i })),
  );
  const custodyHoldersDeleted = await repo.deleteOrphanCustodyHolders(scope, cut.child);
  const auditEvents = await repo.cutAudit(scope, cut.audit);
  return { screeningRatings, stafetlogs, consents, childrenAnonymised: children.length, custodyHoldersDeleted, auditEvents };
}

export interface RunResult {
  id: string;
  trigger: 'job' | 'manual';
  startedAt: Date;
  finishedAt: Date;
  counts: RetentionCounts;
}

/** Run now. Idempotent: what is gone is gone, so a second run the same day finds nothing due. */
export async function runRetention(scope: Scope, clock: Clock, trigger: 'job' | 'manual'): Promise<RunResult> {
  await repo.lockMunicipality(scope);
  const { settings } = await currentSettings(scope);
  const cut = retentionCutoffs(settings, scope.today);
  const id = randomUUID();
  const startedAt = scope.now;
  const counts = await asRetentionRole(scope, () => deleteAndAnonymise(scope, id, cut));
  // The run row is written after the work (its figures are then final); the statistics and
  // anonymisation rows point at it through deferred keys.
  const finished = new Date(Math.max(clock.now().getTime(), startedAt.getTime()));
  await scope.trx
    .insertInto('retentionRuns')
    .values({
      municipalityId: scope.municipalityId,
      id,
      trigger,
      triggeredBy: scope.actor.kind === 'staff' ? scope.actor.userId : null,
      asOf: scope.today,
      settings: JSON.stringify(settings),
      startedAt,
      finishedAt: finished,
      ...counts,
    })
    .execute();
  const anchor = counts.auditEvents > 0 ? await chainAnchor(scope.trx, scope.municipalityId) : undefined;
  const base = { retentionRunId: id, asOf: scope.today, trigger };
  const entries: [string, 'delete' | 'update', number, number, string, Record<string, unknown>?][] = [
    ['screening_rating', 'delete', counts.screeningRatings, settings.screeningYears, cut.screening],
    ['stafetlog', 'delete', counts.stafetlogs, settings.stafetlogYears, cut.stafetlog],
    ['consent', 'delete', counts.consents, settings.consentYears, cut.consent],
    ['child', 'update', counts.childrenAnonymised, settings.childYears, cut.child, { anonymised: true }],
    ['custody_holder', 'delete', counts.custodyHoldersDeleted, settings.childYears, cut.child],
    ['audit_log', 'delete', counts.auditEvents, settings.auditYears, cut.audit, anchor ? { anchorSeq: anchor.seq, anchorHash: anchor.hash } : undefined],
  ];
  for (const [resourceType, action, count, years, cutoff, extra] of entries) {
    scope.audit({ action, resourceType, purpose: 'sletning efter opbevaringsfrist', details: { ...base, count, years, cutoff, ...extra } });
  }
  return { id, trigger, startedAt, finishedAt: finished, counts };
}

/** What a run would do today with these settings: the run itself, rolled back. */
export async function previewRun(scope: Scope, settings: RetentionSettings): Promise<RetentionCounts> {
  await sql`SAVEPOINT retention_preview`.execute(scope.trx);
  try {
    await repo.lockMunicipality(scope);
    const cut = retentionCutoffs(settings, scope.today);
    return await asRetentionRole(scope, () => deleteAndAnonymise(scope, randomUUID(), cut));
  } finally {
    await sql`ROLLBACK TO SAVEPOINT retention_preview`.execute(scope.trx);
  }
}
