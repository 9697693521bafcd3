// Kysely table types, camelCase (CamelCasePlugin maps them to snake_case columns).
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string | T, string | T>;
/** 'YYYY-MM-DD' calendar day. */
type Day = string;

export interface MunicipalitiesTable {
  id: string;
  code: string;
  name: string;
  createdAt: Generated<Date>;
}

export interface MunicipalitySettingsTable {
  municipalityId: string;
  settings: Json<Record<string, unknown>>;
  version: Generated<number>;
  updatedAt: Timestamp;
}

export interface DistrictsTable {
  municipalityId: string;
  id: string;
  name: string;
  archivedAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface InstitutionsTable {
  municipalityId: string;
  id: string;
  districtId: string | null;
  name: string;
  type: string;
  externalRef: string | null;
  archivedAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface GroupsTable {
  municipalityId: string;
  id: string;
  institutionId: string;
  name: string;
  archivedAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface TeamsTable {
  municipalityId: string;
  id: string;
  name: string;
  kind: string;
  districtId: string | null;
  institutionId: string | null;
  archivedAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface UsersTable {
  municipalityId: string;
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  profession: string;
  passwordHash: string | null;
  ssoSubject: string | null;
  blockedAt: Date | null;
  deactivatedAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface MembershipsTable {
  municipalityId: string;
  id: string;
  userId: string;
  role: string;
  unitKind: 'municipality' | 'district' | 'institution' | 'group' | 'team';
  unitId: string;
  validFrom: Day;
  validTo: Day | null;
  createdAt: Generated<Date>;
}

export interface ChildrenTable {
  municipalityId: string;
  id: string;
  cpr: string;
  firstName: string;
  lastName: string;
  birthDate: Day;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface CustodyHoldersTable {
  municipalityId: string;
  id: string;
  cpr: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface ChildCustodyTable {
  municipalityId: string;
  id: string;
  childId: string;
  custodyHolderId: string;
  relation: string;
  hasCustody: boolean;
  validFrom: Day;
  validTo: Day | null;
  createdAt: Generated<Date>;
}

export interface EnrolmentsTable {
  municipalityId: string;
  id: string;
  childId: string;
  institutionId: string;
  groupId: string | null;
  validFrom: Day;
  validTo: Day | null;
  correctsId: string | null;
  createdAt: Generated<Date>;
}

export interface ChildRelationsTable {
  municipalityId: string;
  id: string;
  childId: string;
  subjectKind: 'user' | 'team';
  subjectId: string;
  kind: string;
  sourceId: string | null;
  validFrom: Day;
  validTo: Day | null;
  createdAt: Generated<Date>;
}

export interface SessionsTable {
  municipalityId: string;
  id: string;
  tokenHash: string;
  subjectKind: 'staff' | 'citizen';
  userId: string;
  authMethod: 'password' | 'oidc' | 'saml' | 'demo';
  csrfToken: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  endedAt: Date | null;
  endedReason: string | null;
}

export interface LoginAttemptsTable {
  municipalityId: string;
  id: string;
  userId: string | null;
  username: string;
  succeeded: boolean;
  method: string;
  ip: string | null;
  at: Timestamp;
}

export interface AuditHeadsTable {
  municipalityId: string;
  seq: number;
  hash: string;
}

export interface AuditEventsTable {
  municipalityId: string;
  seq: number;
  id: string;
  at: Timestamp;
  actorKind: string;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  childId: string | null;
  searchTerm: string | null;
  purpose: string | null;
  outcome: string;
  details: Json<Record<string, unknown>> | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export interface ImportRunsTable {
  municipalityId: string;
  id: string;
  kind: string;
  fileName: string | null;
  status: 'running' | 'applied' | 'rejected' | 'validated' | 'failed';
  rowsTotal: Generated<number>;
  rowsOk: Generated<number>;
  rowsFailed: Generated<number>;
  report: Json<unknown[]>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  finishedAt: Date | null;
}

// Screening (0002_screening.sql).
export interface ScreeningScalesTable {
  municipalityId: string;
  id: string;
  name: string;
  template: 'trafiklys' | 'boernelinealen' | null;
  archivedAt: Date | null;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface ScreeningScaleVersionsTable {
  municipalityId: string;
  id: string;
  scaleId: string;
  number: number;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface ScreeningPositionsTable {
  municipalityId: string;
  id: string;
  scaleVersionId: string;
  ordinal: number;
  label: string;
  colour: string;
  meaning: string;
  isConcern: boolean;
}

export interface ScreeningRoundsTable {
  municipalityId: string;
  id: string;
  name: string;
  institutionTypes: string[];
  scaleVersionId: string;
  opensOn: Day;
  closesOn: Day;
  jointRatingRequired: boolean;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface ScreeningRatingsTable {
  municipalityId: string;
  id: string;
  roundId: string;
  scaleVersionId: string;
  childId: string;
  groupId: string;
  institutionId: string;
  raterUserId: string;
  kind: 'individual' | 'joint';
  positionId: string | null;
  notAssessedReason: string | null;
  note: string | null;
  correctsId: string | null;
  late: boolean;
  createdAt: Timestamp;
}

export interface NoticesTable {
  municipalityId: string;
  id: string;
  userId: string;
  kind: string;
  params: Json<Record<string, string | number>>;
  link: string | null;
  dedupeKey: string;
  createdAt: Timestamp;
  readAt: Date | null;
}

export interface DB {
  municipalities: MunicipalitiesTable;
  municipalitySettings: MunicipalitySettingsTable;
  districts: DistrictsTable;
  institutions: InstitutionsTable;
  groups: GroupsTable;
  teams: TeamsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  children: ChildrenTable;
  custodyHolders: CustodyHoldersTable;
  childCustody: ChildCustodyTable;
  enrolments: EnrolmentsTable;
  childRelations: ChildRelationsTable;
  sessions: SessionsTable;
  loginAttempts: LoginAttemptsTable;
  auditHeads: AuditHeadsTable;
  auditEvents: AuditEventsTable;
  importRuns: ImportRunsTable;
  screeningScales: ScreeningScalesTable;
  screeningScaleVersions: ScreeningScaleVersionsTable;
  screeningPositions: ScreeningPositionsTable;
  screeningRounds: ScreeningRoundsTable;
  screeningRatings: ScreeningRatingsTable;
  notices: NoticesTable;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
