// Rows → API shapes. Never a raw row; no CPR (the log names the child by name and birth date).
import type { Row } from '../../db/types.ts';
import type { Me, ParticipationFacts } from './policy.ts';
import { holderActive, isOverdue } from './policy.ts';
import type { ParticipantRow, RelayRow, TransferRow } from './repo.ts';
import type { LogSummary, LogView } from './schema.ts';

export const DEFAULT_CONCERN_LABELS = ['Ingen bekymring', 'Lille bekymring', 'Bekymring', 'Stor bekymring'] as const;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Active: not left, and the disclosure it rests on has not ended (consent withdrawn or expired). */
export function participation(p: ParticipantRow): ParticipationFacts & { leftAt: Date | null; leftReason: LogView['participants'][number]['leftReason'] } {
  const ended = p.leftAt ?? p.disclosureEndedAt ?? null;
  const reason = p.leftReason ?? (p.disclosureEndedAt ? p.disclosureEndedReason : null) ?? null;
  return { userId: p.userId, part: p.part, active: ended === null, leftAt: ended, leftReason: reason };
}

export interface LogParts {
  log: Row<'stafetlogs'>;
  child: { id: string; firstName: string; lastName: string; birthDate: string };
  holderName: string;
  /** The holder's user is deactivated (left the municipality's service): the holder has gone. */
  holderDeactivated: boolean;
  labels: readonly string[];
  participants: ParticipantRow[];
  levels: Row<'stafetlogConcernLevels'>[];
  goals: Row<'stafetlogGoals'>[];
  actions: (Row<'stafetlogActions'> & { ownerName: string | null })[];
  evaluations: (Row<'stafetlogEvaluations'> & { summary: string | null })[];
  entries: Row<'stafetlogEntries'>[];
  documents: { id: string; fileName: string; mediaType: string; sizeBytes: number; uploadedByKind: 'staff' | 'citizen'; uploadedByName: string; createdAt: Date }[];
  relays: RelayRow[];
  transfers: TransferRow[];
  me: Me;
  /** Relay ids the viewer may accept or decline. */
  answerable: ReadonlySet<string>;
  today: string;
}

/** The latest level per author is current; earlier ones stay in the list. */
function currentLevelIds(levels: readonly Row<'stafetlogConcernLevels'>[]): Set<string> {
  const latest = new Map<string, string>();
  for (const l of levels) latest.set(`${l.authorKind}:${l.authorId}`, l.id); // ordered by statedAt
  return new Set(latest.values());
}

export function presentRelay(r: RelayRow, canAnswer: boolean): LogView['relays'][number] {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    from: { userId: r.fromUserId, name: r.fromName },
    to: r.toUserId ? { kind: 'user', id: r.toUserId, name: r.toUserName ?? '' } : { kind: 'institution', id: r.toInstitutionId!, name: r.toInstitutionName ?? '' },
    message: r.message,
    answerNote: r.answerNote,
    createdAt: iso(r.createdAt)!,
    answeredAt: iso(r.answeredAt),
    canAnswer,
  };
}

export function presentTransfer(x: TransferRow): LogView['transfers'][number] {
  return {
    id: x.id,
    createdAt: iso(x.createdAt)!,
    toMunicipality: { code: x.toMunicipalityCode, name: x.toMunicipalityName },
    basis: { consentId: x.consentId, legalBasis: x.legalBasis },
    summary: x.summary,
    createdBy: { userId: x.createdBy, name: x.createdByName },
  };
}

export function presentLog(p: LogParts): LogView {
  const current = currentLevelIds(p.levels);
  const facts = { status: p.log.status, holderUserId: p.log.holderUserId, participants: p.participants.map(participation) };
  return {
    id: p.log.id,
    version: p.log.version,
    status: p.log.status,
    concern: p.log.concern,
    openedAt: iso(p.log.openedAt)!,
    closedAt: iso(p.log.closedAt),
    closedReason: p.log.closedReason,
    child: p.child,
    holder: { userId: p.log.holderUserId, name: p.holderName },
    holderActive: holderActive(facts, p.holderDeactivated),
    concernLabels: [...p.labels],
    participants: p.participants.map((row) => {
      const f = participation(row);
      return {
        id: row.id,
        userId: row.userId,
        name: row.name,
        profession: row.profession,
        part: row.part,
        joinedAt: iso(row.joinedAt)!,
        active: f.active,
        leftAt: iso(f.leftAt),
        leftReason: f.leftReason,
        basis: { consentId: row.consentId ?? null, legalBasis: row.legalBasis ?? null },
      };
    }),
    levels: p.levels.map((l) => ({
      authorKind: l.authorKind,
      authorId: l.authorId,
      authorName: l.authorName,
      level: l.level,
      comment: l.comment,
      statedAt: iso(l.statedAt)!,
      current: current.has(l.id),
    })),
    goals: p.goals.map((g) => ({ id: g.id, version: g.version, text: g.text, status: g.status, proposedBy: { kind: g.proposedByKind, name: g.proposedByName }, createdAt: iso(g.createdAt)! })),
    actions: p.actions.map((a) => ({
      id: a.id,
      version: a.version,
      goalId: a.goalId,
      text: a.text,
      owner: { kind: a.ownerKind, userId: a.ownerUserId, name: a.ownerKind === 'family' ? null : a.ownerName },
      dueDate: a.dueDate,
      status: a.status,
      overdue: isOverdue({ dueDate: a.dueDate, done: a.status !== 'open' }, p.today),
      doneAt: iso(a.doneAt),
    })),
    evaluations: p.evaluations.map((v) => ({ id: v.id, version: v.version, dueDate: v.dueDate, heldAt: iso(v.heldAt), summary: v.summary })),
    entries: p.entries.map((e) => ({ id: e.id, kind: e.kind, authorKind: e.authorKind, authorName: e.authorName, body: e.body, createdAt: iso(e.createdAt)!, correctsId: e.correctsId })),
    documents: p.documents.map((d) => ({
      id: d.id,
      fileName: d.fileName,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes,
      uploadedBy: { kind: d.uploadedByKind, name: d.uploadedByName },
      createdAt: iso(d.createdAt)!,
    })),
    relays: p.relays.map((r) => presentRelay(r, p.answerable.has(r.id))),
    transfers: p.transfers.map(presentTransfer),
    me: p.me,
  };
}

/** The earliest date still ahead of the log: an open action or an evaluation not yet held. */
export function nextDue(actions: readonly { status: string; dueDate: string }[], evaluations: readonly { heldAt: Date | null; dueDate: string }[]): string | null {
  const dates = [...actions.filter((a) => a.status === 'open').map((a) => a.dueDate), ...evaluations.filter((v) => v.heldAt === null).map((v) => v.dueDate)].sort();
  return dates[0] ?? null;
}

export function presentSummary(
  log: Row<'stafetlogs'>,
  holderName: string,
  levels: readonly Row<'stafetlogConcernLevels'>[],
  goals: readonly Row<'stafetlogGoals'>[],
  actions: readonly Row<'stafetlogActions'>[],
  evaluations: readonly Row<'stafetlogEvaluations'>[],
): LogSummary {
  const current = currentLevelIds(levels);
  return {
    id: log.id,
    status: log.status,
    concern: log.concern,
    openedAt: iso(log.openedAt)!,
    closedAt: iso(log.closedAt),
    holder: { userId: log.holderUserId, name: holderName },
    currentLevels: levels.filter((l) => current.has(l.id)).map((l) => ({ authorKind: l.authorKind, authorName: l.authorName, level: l.level })),
    activeGoals: goals.filter((g) => g.status === 'active').length,
    openActions: actions.filter((a) => a.status === 'open').length,
    nextDue: log.status === 'open' ? nextDue(actions, evaluations) : null,
  };
}
