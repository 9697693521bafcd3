// Kysely types of the guide tables (0003_guide.sql). Kept beside the module rather than in
// src/db/types.ts (owned by the foundation): `GuideDB` is the shared DB plus these tables, and
// `guideTrx` views a scoped transaction with them — the same connection, tenant and role.
import type { ColumnType, Generated, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { GuideKind } from '../../domain/guide-entry.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface GuideEntriesTable {
  municipalityId: string;
  id: string;
  slug: string;
  kind: GuideKind;
  isPublic: boolean;
  currentNumber: number;
  archivedAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Timestamp;
}

export interface GuideEntryVersionsTable {
  municipalityId: string;
  entryId: string;
  number: number;
  title: string;
  summary: string;
  body: string;
  fields: Json<Record<string, string>>;
  editedBy: string | null;
  editedAt: Timestamp;
  changeNote: string;
  restoredFrom: number | null;
  /** Generated (Danish tsvector): never written. */
  search: ColumnType<string, never, never>;
}

export interface GuideHandleguidesTable {
  municipalityId: string;
  id: string;
  scaleId: string;
  ordinal: number;
  currentNumber: number;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Timestamp;
}

export interface GuideHandleguideVersionsTable {
  municipalityId: string;
  handleguideId: string;
  number: number;
  title: string;
  whatToDo: string;
  steps: string[];
  entryIds: string[];
  nextStepIds: string[];
  editedBy: string | null;
  editedAt: Timestamp;
  changeNote: string;
  restoredFrom: number | null;
}

export interface GuideDB extends DB {
  guideEntries: GuideEntriesTable;
  guideEntryVersions: GuideEntryVersionsTable;
  guideHandleguides: GuideHandleguidesTable;
  guideHandleguideVersions: GuideHandleguideVersionsTable;
}

export type GuideRow<T extends keyof GuideDB> = Selectable<GuideDB[T]>;

/** What the guide's queries run on: a transaction already in the tenant (scope or public read). */
export interface GuideTx {
  trx: Transaction<GuideDB>;
  municipalityId: string;
}

/** The scoped transaction seen with the guide tables (a type view; the connection is the same). */
export function guideTx(scope: { trx: Transaction<DB>; municipalityId: string }): GuideTx {
  return { trx: scope.trx as unknown as Transaction<GuideDB>, municipalityId: scope.municipalityId };
}
