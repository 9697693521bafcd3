// Test data for retention: records at the edges of their retention periods, written directly
// as the owner (their dates lie years back, which no service would write), and row counts.
import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connect.ts';
import type { DB } from '../../db/types.ts';
import { fictitiousCpr } from '../../domain/cpr.ts';
import type { Tenant } from '../../../test/fixtures.ts';

export async function asOwner<T>(db: Database, municipalityId: string, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.kysely.transaction().execute(async (trx) => {
    await sql`SELECT set_config('app.municipality_id', ${municipalityId}, true)`.execute(trx);
    return fn(trx);
  });
}

export interface EdgeData {
  /** closes 2019-06-14 (4 ratings: a corrected individual, a joint, a not-assessed) and 2019-06-15 (2 ratings). */
  roundOld: string;
  roundEdge: string;
  /** closes 2021-06-01: kept; the leaver's rating there has a note. */
  roundKept: string;
  positions: string[];
  /** Left the daycare on 2021-06-16; one custody holder only theirs, one shared with child inA. */
  leaver: string;
  leaverCpr: string;
  holderOnlyLeaver: string;
  holderShared: string;
  holderOfInB: string;
  /** Closed 2024-02-29 10:00 UTC (Copenhagen 29 Feb) and 23:30 UTC (Copenhagen 1 March). */
  logLeapDay: string;
  logNextDay: string;
  /** Withdrawn 2022-05-10 but relied on by the leap-day log's participant and relay. */
  consentUsedByLog: string;
  /** Expired 2022-06-30, signed by inB's custody holder, relied on by nothing. */
  consentExpired: string;
  transfer: string;
}

/** Build the edge records in the tenant; returns their ids. */
export async function addEdgeData(db: Database, t: Tenant): Promise<EdgeData> {
  const m = t.municipalityId;
  const id = () => randomUUID();
  const e: EdgeData = {
    roundOld: id(),
    roundEdge: id(),
    roundKept: id(),
    positions: [id(), id(), id()],
    leaver: id(),
    leaverCpr: fictitiousCpr('2016-05-17', 9000 + Number(t.code)),
    holderOnlyLeaver: id(),
    holderShared: id(),
    holderOfInB: id(),
    logLeapDay: id(),
    logNextDay: id(),
    consentUsedByLog: id(),
    consentExpired: id(),
    transfer: id(),
  };
  const old = new Date('2018-01-01T12:00:00Z');
  await asOwner(db, m, async (trx) => {
    const scale = id();
    const version = id();
    await trx.insertInto('screeningScales').values({ municipalityId: m, id: scale, name: 'Trafiklys', template: 'trafiklys', archivedAt: null }).execute();
    await trx.insertInto('screeningScaleVersions').values({ municipalityId: m, id: version, scaleId: scale, number: 1, createdBy: null }).execute();
    await trx
      .insertInto('screeningPositions')
      .values(['Grøn', 'Gul', 'Rød'].map((label, i) => ({ municipalityId: m, id: e.positions[i]!, scaleVersionId: version, ordinal: i + 1, label, colour: '#00aa00', meaning: label, isConcern: i > 0 })))
      .execute();
    const round = (rid: string, name: string, closesOn: string) => ({
      municipalityId: m,
      id: rid,
      name,
      institutionTypes: ['boernehave'],
      scaleVersionId: version,
      opensOn: '2019-05-01',
      closesOn,
      jointRatingRequired: false,
    });
    await trx.insertInto('screeningRounds').values([round(e.roundOld, 'Forår 2019 a', '2019-06-14'), round(e.roundEdge, 'Forår 2019 b', '2019-06-15'), round(e.roundKept, 'Forår 2021', '2021-06-01')]).execute();
    await trx
      .insertInto('children')
      .values({ municipalityId: m, id: e.leaver, cpr: e.leaverCpr, firstName: 'Liva', lastName: `Flyttesen${t.code}`, birthDate: '2016-05-17', createdAt: old })
      .execute();
    await trx
      .insertInto('enrolments')
      .values({ municipalityId: m, id: id(), childId: e.leaver, institutionId: t.institutionId, groupId: t.groupA, validFrom: '2018-08-01', validTo: '2021-06-16', correctsId: null })
      .execute();
    const rating = (roundId: string, childId: string, kind: 'individual' | 'joint', position: number | null, extra: { note?: string; correctsId?: string; id?: string } = {}) => ({
      municipalityId: m,
      id: extra.id ?? id(),
      roundId,
      scaleVersionId: version,
      childId,
      groupId: t.groupA,
      institutionId: t.institutionId,
      raterUserId: t.users.paedagogA,
      kind,
      positionId: position === null ? null : e.positions[position]!,
      notAssessedReason: position === null ? 'Syg i perioden' : null,
      note: extra.note ?? null,
      correctsId: extra.correctsId ?? null,
      late: false,
    });
    const first = id();
    await trx
      .insertInto('screeningRatings')
      .values([
        rating(e.roundOld, t.children.inA, 'individual', 0, { id: first, note: 'Glad og tryg' }),
        rating(e.roundOld, t.children.inA, 'individual', 1, { correctsId: first }),
        rating(e.roundOld, t.children.inA, 'joint', 1),
        rating(e.roundOld, e.leaver, 'individual', null),
        rating(e.roundEdge, t.children.inA, 'individual', 0),
        rating(e.roundEdge, e.leaver, 'individual', 2),
        rating(e.roundKept, e.leaver, 'individual', 1, { note: 'Liva er ked af det' }),
      ])
      .execute();

    const holder = (hid: string, n: number) => ({ municipalityId: m, id: hid, cpr: fictitiousCpr('1985-01-01', n * 100 + Number(t.code)), firstName: `Forælder${n}`, lastName: 'Hansen', createdAt: old });
    await trx.insertInto('custodyHolders').values([holder(e.holderOnlyLeaver, 1), holder(e.holderShared, 2), holder(e.holderOfInB, 3)]).execute();
    const custody = (childId: string, holderId: string) => ({ municipalityId: m, id: id(), childId, custodyHolderId: holderId, relation: 'mor' as const, hasCustody: true, validFrom: '2016-05-17', validTo: null });
    await trx.insertInto('childCustody').values([custody(e.leaver, e.holderOnlyLeaver), custody(e.leaver, e.holderShared), custody(t.children.inA, e.holderShared), custody(t.children.inB, e.holderOfInB)]).execute();

    const consent = (cid: string, validTo: string, withdrawnAt: Date | null) => ({
      municipalityId: m,
      id: cid,
      childId: t.children.inB,
      purpose: 'stafetlog' as const,
      purposeText: null,
      informationTypes: ['stafetlog'],
      recipients: JSON.stringify([{ kind: 'user', id: t.users.paedagogB, name: 'Test paedagogB' }]),
      validFrom: '2021-01-01',
      validTo,
      form: 'paper' as const,
      attestation: 'Underskrevet på papir',
      registeredByKind: 'staff' as const,
      registeredById: t.users.paedagogA,
      registeredByName: 'Test paedagogA',
      withdrawnAt,
      withdrawnByKind: withdrawnAt ? ('staff' as const) : null,
      withdrawnById: withdrawnAt ? t.users.paedagogA : null,
      withdrawnByName: withdrawnAt ? 'Test paedagogA' : null,
    });
    await trx.insertInto('consents').values([consent(e.consentUsedByLog, '2023-12-31', new Date('2022-05-10T09:00:00Z')), consent(e.consentExpired, '2022-06-30', null)]).execute();
    await trx.insertInto('consentSignatures').values({ municipalityId: m, consentId: e.consentExpired, custodyHolderId: e.holderOfInB, method: 'paper' }).execute();
    await trx
      .insertInto('disclosures')
      .values({
        municipalityId: m,
        id: id(),
        childId: t.children.inB,
        kind: 'trivselshistorik',
        recipientKind: 'user',
        recipientId: t.users.paedagogB,
        recipientName: 'Test paedagogB',
        consentId: e.consentExpired,
        legalBasis: null,
        sourceId: null,
        childRelationId: null,
        disclosedBy: t.users.paedagogA,
      })
      .execute();

    for (const [logId, closedAt] of [
      [e.logLeapDay, '2024-02-29T10:00:00Z'],
      [e.logNextDay, '2024-02-29T23:30:00Z'],
    ] as const) {
      await addClosedLog(trx, t, logId, new Date(closedAt), e.consentUsedByLog);
    }
    await trx
      .insertInto('childTransfers')
      .values({ municipalityId: m, id: e.transfer, childId: t.children.inB, logId: e.logLeapDay, toMunicipalityCode: '999', toMunicipalityName: 'Anden Kommune', consentId: null, legalBasis: 'BL § 133', summary: 'Oversigt', createdBy: t.users.paedagogA })
      .execute();
  });
  return e;
}

/** A closed stafetlog with one of everything, a participant and a relay resting on the consent. */
async function addClosedLog(trx: Transaction<DB>, t: Tenant, logId: string, closedAt: Date, consentId: string): Promise<void> {
  const m = t.municipalityId;
  const id = () => randomUUID();
  const staff = { kind: 'staff' as const, id: t.users.paedagogA, name: 'Test paedagogA' };
  const opened = new Date('2023-09-01T08:00:00Z');
  await trx
    .insertInto('stafetlogs')
    .values({ municipalityId: m, id: logId, childId: t.children.inB, status: 'closed', concern: 'Uro i gruppen', holderUserId: t.users.paedagogA, holderInstitutionId: null, openedBy: t.users.paedagogA, openedAt: opened, closedAt, closedReason: 'Trivsel genoprettet' })
    .execute();
  const disclosure = id();
  const relation = id();
  await trx
    .insertInto('disclosures')
    .values({ municipalityId: m, id: disclosure, childId: t.children.inB, kind: 'stafetlog_participant', recipientKind: 'user', recipientId: t.users.paedagogB, recipientName: 'Test paedagogB', consentId, legalBasis: null, sourceId: logId, childRelationId: relation, disclosedBy: t.users.paedagogA, endedAt: closedAt, endedReason: 'closed' })
    .execute();
  await trx
    .insertInto('childRelations')
    .values({ municipalityId: m, id: relation, childId: t.children.inB, subjectKind: 'user', subjectId: t.users.paedagogB, kind: 'stafetlog', sourceId: disclosure, validFrom: '2023-09-01', validTo: '2024-02-29' })
    .execute();
  await trx.insertInto('stafetlogParticipants').values({ municipalityId: m, id: id(), logId, userId: t.users.paedagogB, part: 'deltager', childRelationId: relation, disclosureId: disclosure, addedBy: t.users.paedagogA, joinedAt: opened, leftAt: closedAt, leftReason: 'closed' }).execute();
  const entry = id();
  await trx.insertInto('stafetlogEntries').values({ municipalityId: m, id: entry, logId, kind: 'evaluation', authorKind: staff.kind, authorId: staff.id, authorName: staff.name, body: 'Evaluering', correctsId: null }).execute();
  await trx.insertInto('stafetlogConcernLevels').values({ municipalityId: m, id: id(), logId, authorKind: staff.kind, authorId: staff.id, authorName: staff.name, level: 2, comment: null }).execute();
  const goal = id();
  await trx.insertInto('stafetlogGoals').values({ municipalityId: m, id: goal, logId, text: 'Ro ved samling', proposedByKind: staff.kind, proposedById: staff.id, proposedByName: staff.name }).execute();
  await trx.insertInto('stafetlogActions').values({ municipalityId: m, id: id(), logId, goalId: goal, text: 'Faste pladser', ownerKind: 'family', ownerUserId: null, dueDate: '2023-10-01', createdBy: staff.id }).execute();
  await trx.insertInto('stafetlogEvaluations').values({ municipalityId: m, id: id(), logId, dueDate: '2024-01-15', heldAt: closedAt, entryId: entry, createdBy: staff.id }).execute();
  await trx
    .insertInto('stafetlogDocuments')
    .values({ municipalityId: m, id: id(), logId, fileName: 'notat.txt', mediaType: 'text/plain', sizeBytes: 4, sha256: 'x', content: Buffer.from('test'), uploadedByKind: staff.kind, uploadedById: staff.id, uploadedByName: staff.name })
    .execute();
  await trx.insertInto('stafetlogRelays').values({ municipalityId: m, id: id(), logId, fromUserId: t.users.paedagogA, toUserId: t.users.leder, toInstitutionId: null, message: null, consentId, legalBasis: null, status: 'accepted', answeredAt: closedAt, answerNote: null }).execute();
}

export const COUNTED = [
  'screening_ratings',
  'screening_round_statistics',
  'stafetlogs',
  'stafetlog_entries',
  'stafetlog_documents',
  'stafetlog_participants',
  'stafetlog_relays',
  'stafetlog_goals',
  'stafetlog_actions',
  'stafetlog_evaluations',
  'stafetlog_concern_levels',
  'consents',
  'consent_signatures',
  'disclosures',
  'child_relations',
  'child_custody',
  'custody_holders',
  'child_transfers',
  'children',
  'audit_events',
] as const;

/** Rows per table for one municipality (as the owner, filtered explicitly). */
export async function rowCounts(db: Database, municipalityId: string): Promise<Record<(typeof COUNTED)[number], number>> {
  return asOwner(db, municipalityId, async (trx) => {
    const out = {} as Record<(typeof COUNTED)[number], number>;
    for (const table of COUNTED) {
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE municipality_id = ${municipalityId}`.execute(trx);
      out[table] = Number(r.rows[0]!.n);
    }
    return out;
  });
}
