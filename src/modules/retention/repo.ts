// Retention queries on the scoped transaction. Every statement names the municipality as well
// as relying on row-level security. Deletions of history the application may not delete run
// while the transaction holds the retention role (see run.ts); the rules (cutoff days) come
// from src/domain/retention.ts. Timestamps become Copenhagen days before they are compared.
import { sql, type RawBuilder } from 'kysely';
import type { Scope } from '../../access/scope.ts';

const BATCH = 1000;

async function affected(scope: Scope, q: RawBuilder<unknown>): Promise<number> {
  const r = await q.execute(scope.trx);
  return Number(r.numAffectedRows ?? 0);
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

const day = (col: RawBuilder<unknown>) => sql`(${col} AT TIME ZONE 'Europe/Copenhagen')::date`;

// ── settings and runs ────────────────────────────────────────────────────────

export function settingsRow(scope: Scope) {
  return scope.trx.selectFrom('municipalitySettings').select(['settings', 'version']).where('municipalityId', '=', scope.municipalityId).executeTakeFirst();
}

/** Save the retention part of the settings at the expected version; false when stale. */
export async function saveSettings(scope: Scope, version: number, retention: Record<string, number>): Promise<boolean> {
  const existing = await settingsRow(scope);
  if (!existing) {
    if (version !== 1) return false;
    await scope.trx
      .insertInto('municipalitySettings')
      .values({ municipalityId: scope.municipalityId, settings: JSON.stringify({ retention }), version: 2, updatedAt: scope.now })
      .execute();
    return true;
  }
  const r = await scope.trx
    .updateTable('municipalitySettings')
    .set((eb) => ({
      settings: sql`jsonb_set(settings, '{retention}', ${JSON.stringify(retention)}::jsonb, true)`,
      version: eb('version', '+', 1),
      updatedAt: scope.now,
    }))
    .where('municipalityId', '=', scope.municipalityId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function latestRuns(scope: Scope, limit = 10) {
  return scope.trx
    .selectFrom('retentionRuns')
    .selectAll()
    .where('municipalityId', '=', scope.municipalityId)
    .orderBy('startedAt', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** One run at a time per municipality (the nightly job and a DPO's "run now"). */
export async function lockMunicipality(scope: Scope): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(73184, hashtext(${scope.municipalityId}))`.execute(scope.trx);
}

// ── screening ────────────────────────────────────────────────────────────────

/** Ratings of rounds whose last day is before the cutoff: counted into statistics, then deleted. */
export async function deleteScreeningRatings(scope: Scope, cutoff: string, runId: string): Promise<number> {
  const m = scope.municipalityId;
  const rounds = sql`SELECT id FROM screening_rounds WHERE municipality_id = ${m} AND closes_on < ${cutoff}::date`;
  await sql`
    INSERT INTO screening_round_statistics (municipality_id, id, run_id, round_id, institution_id, group_id, kind, position_id, current, ratings)
    SELECT ${m}::uuid, gen_random_uuid(), ${runId}::uuid, round_id, institution_id, group_id, kind, position_id, current, count(*)::int
    FROM (
      SELECT r.round_id, r.institution_id, r.group_id, r.kind, r.position_id,
        NOT EXISTS (SELECT 1 FROM screening_ratings c WHERE c.municipality_id = r.municipality_id AND c.corrects_id = r.id) AS current
      FROM screening_ratings r
      WHERE r.municipality_id = ${m} AND r.round_id IN (${rounds})
    ) x
    GROUP BY round_id, institution_id, group_id, kind, position_id, current`.execute(scope.trx);
  return affected(scope, sql`DELETE FROM screening_ratings WHERE municipality_id = ${m} AND round_id IN (${rounds})`);
}

// ── stafetlog ────────────────────────────────────────────────────────────────

export async function dueStafetlogs(scope: Scope, cutoff: string): Promise<string[]> {
  const rows = await scope.trx
    .selectFrom('stafetlogs')
    .select('id')
    .where('municipalityId', '=', scope.municipalityId)
    .where('status', '=', 'closed')
    .where(sql<boolean>`${day(sql.ref('closed_at'))} < ${cutoff}::date`)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * A closed log with everything in it, the disclosures that made it shared (participants,
 * relays) and the access relations they gave. A transfer to another municipality is its own
 * record and stays (without the link to the log).
 */
export async function deleteStafetlogs(scope: Scope, logIds: readonly string[]): Promise<number> {
  const m = scope.municipalityId;
  let deleted = 0;
  for (const ids of batches(logIds)) {
    const logs = sql`${ids}::uuid[]`;
    const relayIds = (await sql<{ id: string }>`SELECT id FROM stafetlog_relays WHERE municipality_id = ${m} AND log_id = ANY(${logs})`.execute(scope.trx)).rows.map((r) => r.id);
    const parts = (
      await sql<{ disclosureId: string | null; childRelationId: string | null }>`
        SELECT disclosure_id, child_relation_id FROM stafetlog_participants WHERE municipality_id = ${m} AND log_id = ANY(${logs})`.execute(scope.trx)
    ).rows;
    const sources = [...ids, ...relayIds];
    const disclosureIds = [
      ...new Set([
        ...parts.flatMap((p) => (p.disclosureId ? [p.disclosureId] : [])),
        ...(
          await sql<{ id: string }>`
            SELECT id FROM disclosures WHERE municipality_id = ${m} AND kind IN ('stafetlog_participant', 'stafetlog_relay') AND source_id = ANY(${sources}::uuid[])`.execute(scope.trx)
        ).rows.map((r) => r.id),
      ]),
    ];
    const relationIds = parts.flatMap((p) => (p.childRelationId ? [p.childRelationId] : []));
    for (const table of ['stafetlog_evaluations', 'stafetlog_actions', 'stafetlog_goals', 'stafetlog_entries', 'stafetlog_documents', 'stafetlog_concern_levels', 'stafetlog_relays', 'stafetlog_participants']) {
      await sql`DELETE FROM ${sql.table(table)} WHERE municipality_id = ${m} AND log_id = ANY(${logs})`.execute(scope.trx);
    }
    await sql`DELETE FROM child_relations WHERE municipality_id = ${m} AND (id = ANY(${relationIds}::uuid[]) OR source_id = ANY(${disclosureIds}::uuid[]))`.execute(scope.trx);
    await sql`DELETE FROM disclosures WHERE municipality_id = ${m} AND id = ANY(${disclosureIds}::uuid[])`.execute(scope.trx);
    await sql`UPDATE child_transfers SET log_id = NULL WHERE municipality_id = ${m} AND log_id = ANY(${logs})`.execute(scope.trx);
    deleted += await affected(scope, sql`DELETE FROM stafetlogs WHERE municipality_id = ${m} AND id = ANY(${logs}) AND status = 'closed'`);
  }
  return deleted;
}

// ── consent ──────────────────────────────────────────────────────────────────

/**
 * Consents that ended (withdrawn, or past their last day) before the cutoff and that nothing
 * kept still rests on: a relay of a kept log, a kept log's participant, a transfer record.
 */
export async function dueConsents(scope: Scope, cutoff: string): Promise<string[]> {
  const m = scope.municipalityId;
  const rows = await sql<{ id: string }>`
    SELECT k.id FROM consents k
    WHERE k.municipality_id = ${m}
      AND least(${day(sql.ref('k.withdrawn_at'))}, k.valid_to) < ${cutoff}::date
      AND NOT EXISTS (SELECT 1 FROM stafetlog_relays r WHERE r.municipality_id = ${m} AND r.consent_id = k.id)
      AND NOT EXISTS (SELECT 1 FROM child_transfers t WHERE t.municipality_id = ${m} AND t.consent_id = k.id)
      AND NOT EXISTS (
        SELECT 1 FROM stafetlog_participants p JOIN disclosures d ON d.municipality_id = p.municipality_id AND d.id = p.disclosure_id
        WHERE p.municipality_id = ${m} AND d.consent_id = k.id)
    ORDER BY k.id`.execute(scope.trx);
  return rows.rows.map((r) => r.id);
}

/** A consent with its signatures, the disclosures that relied on it and the access they gave. */
export async function deleteConsents(scope: Scope, consentIds: readonly string[]): Promise<number> {
  const m = scope.municipalityId;
  let deleted = 0;
  for (const ids of batches(consentIds)) {
    const consents = sql`${ids}::uuid[]`;
    const disclosures = sql`SELECT id FROM disclosures WHERE municipality_id = ${m} AND consent_id = ANY(${consents})`;
    await sql`DELETE FROM child_relations WHERE municipality_id = ${m} AND source_id IN (${disclosures})`.execute(scope.trx);
    await sql`DELETE FROM disclosures WHERE municipality_id = ${m} AND consent_id = ANY(${consents})`.execute(scope.trx);
    await sql`DELETE FROM consent_signatures WHERE municipality_id = ${m} AND consent_id = ANY(${consents})`.execute(scope.trx);
    deleted += await affected(scope, sql`DELETE FROM consents WHERE municipality_id = ${m} AND id = ANY(${consents})`);
  }
  return deleted;
}

// ── children and custody holders ─────────────────────────────────────────────

/**
 * Children with no tie to the municipality since before the cutoff: no enrolment, relation,
 * consent or transfer that ended on or after it (or is still open), no stafetlog left at all,
 * registered before it, and not anonymised already.
 */
export async function dueChildren(scope: Scope, cutoff: string) {
  const m = scope.municipalityId;
  const c = sql`${cutoff}::date`;
  const rows = await sql<{ id: string; birthDate: string }>`
    SELECT ch.id, ch.birth_date FROM children ch
    WHERE ch.municipality_id = ${m}
      AND ${day(sql.ref('ch.created_at'))} < ${c}
      AND NOT EXISTS (SELECT 1 FROM anonymised_children a WHERE a.municipality_id = ${m} AND a.child_id = ch.id)
      AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.municipality_id = ${m} AND e.child_id = ch.id AND coalesce(e.valid_to, 'infinity'::date) >= ${c})
      AND NOT EXISTS (SELECT 1 FROM stafetlogs s WHERE s.municipality_id = ${m} AND s.child_id = ch.id)
      AND NOT EXISTS (SELECT 1 FROM consents k WHERE k.municipality_id = ${m} AND k.child_id = ch.id AND least(${day(sql.ref('k.withdrawn_at'))}, k.valid_to) >= ${c})
      AND NOT EXISTS (
        SELECT 1 FROM child_relations r WHERE r.municipality_id = ${m} AND r.child_id = ch.id
          AND coalesce(least(r.valid_to, ${day(sql.ref('r.ended_at'))}), 'infinity'::date) >= ${c})
      AND NOT EXISTS (SELECT 1 FROM child_transfers t WHERE t.municipality_id = ${m} AND t.child_id = ch.id AND ${day(sql.ref('t.created_at'))} >= ${c})
    ORDER BY ch.id`.execute(scope.trx);
  return rows.rows;
}

export async function lastPlaceholderNo(scope: Scope): Promise<number> {
  const r = await scope.trx
    .selectFrom('anonymisedChildren')
    .select((eb) => eb.fn.max('placeholderNo').as('n'))
    .where('municipalityId', '=', scope.municipalityId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export interface Anonymisation {
  id: string;
  cpr: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  placeholderNo: number;
}

/** Replace the identifying fields, end the custody links, drop free text kept about the child. */
export async function anonymiseChildren(scope: Scope, runId: string, list: readonly Anonymisation[]): Promise<void> {
  const m = scope.municipalityId;
  for (const part of batches(list)) {
    const ids = part.map((a) => a.id);
    await sql`
      UPDATE children ch SET cpr = v.cpr, first_name = v.first_name, last_name = v.last_name, birth_date = v.birth_date, version = ch.version + 1
      FROM unnest(${ids}::uuid[], ${part.map((a) => a.cpr)}::text[], ${part.map((a) => a.firstName)}::text[], ${part.map((a) => a.lastName)}::text[], ${part.map((a) => a.birthDate)}::date[])
        AS v(id, cpr, first_name, last_name, birth_date)
      WHERE ch.municipality_id = ${m} AND ch.id = v.id`.execute(scope.trx);
    await scope.trx
      .insertInto('anonymisedChildren')
      .values(part.map((a) => ({ municipalityId: m, childId: a.id, runId, placeholderNo: a.placeholderNo, anonymisedAt: scope.now })))
      .execute();
    await sql`DELETE FROM child_custody WHERE municipality_id = ${m} AND child_id = ANY(${ids}::uuid[])`.execute(scope.trx);
    await sql`UPDATE screening_ratings SET note = NULL WHERE municipality_id = ${m} AND child_id = ANY(${ids}::uuid[]) AND note IS NOT NULL`.execute(scope.trx);
    await sql`DELETE FROM child_transfers WHERE municipality_id = ${m} AND child_id = ANY(${ids}::uuid[])`.execute(scope.trx);
  }
}

/** Custody holders with no child left (and no signature on a kept consent), registered before the cutoff. */
export function deleteOrphanCustodyHolders(scope: Scope, cutoff: string): Promise<number> {
  const m = scope.municipalityId;
  return affected(
    scope,
    sql`
      DELETE FROM custody_holders h
      WHERE h.municipality_id = ${m}
        AND ${day(sql.ref('h.created_at'))} < ${cutoff}::date
        AND NOT EXISTS (SELECT 1 FROM child_custody cc WHERE cc.municipality_id = ${m} AND cc.custody_holder_id = h.id)
        AND NOT EXISTS (SELECT 1 FROM consent_signatures s WHERE s.municipality_id = ${m} AND s.custody_holder_id = h.id)`,
  );
}

// ── audit ────────────────────────────────────────────────────────────────────

/** Cut the chain before the cutoff day (the function moves the anchor in the same statement). */
export async function cutAudit(scope: Scope, cutoff: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT tidlig_retention_cut_audit(${cutoff}::date) AS n`.execute(scope.trx);
  return Number(r.rows[0]?.n ?? 0);
}
