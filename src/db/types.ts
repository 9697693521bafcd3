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
  /** Set when access ends before its day is over (consent withdrawn, participant removed). */
  endedAt: Date | null;
  endedReason: string | null;
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

// ── consent (S14) ──
export type ConsentPurpose = 'stafetlog' | 'overgang' | 'trivselsdeling' | 'tvaerfagligt_moede';
export interface ConsentRecipient {
  kind: 'user' | 'role' | 'institution' | 'team' | 'municipality';
  id?: string;
  role?: string;
  /** Municipality code (3 digits) for kind 'municipality'. */
  code?: string;
  name: string;
}
export type PartyKind = 'staff' | 'citizen';

export interface ConsentSettingsTable {
  municipalityId: string;
  jointCustodyRule: Generated<'both' | 'one'>;
  oneHolderPurposes: Generated<string[]>;
  ownConsentAge: number | null;
  expiryReminderDays: Generated<number>;
  portalShowsStaffNames: Generated<boolean>;
  version: Generated<number>;
}

export interface ConsentsTable {
  municipalityId: string;
  id: string;
  childId: string;
  purpose: ConsentPurpose;
  purposeText: string | null;
  informationTypes: string[];
  recipients: Json<ConsentRecipient[]>;
  validFrom: Day;
  validTo: Day;
  form: 'digital' | 'paper';
  attestation: string | null;
  registeredByKind: PartyKind;
  registeredById: string;
  registeredByName: string;
  childView: string | null;
  givenByChild: Generated<boolean>;
  withdrawnAt: Date | null;
  withdrawnByKind: PartyKind | null;
  withdrawnById: string | null;
  withdrawnByName: string | null;
  withdrawnReason: string | null;
  createdAt: Generated<Date>;
}

export interface ConsentSignaturesTable {
  municipalityId: string;
  consentId: string;
  custodyHolderId: string;
  method: 'mitid' | 'paper' | 'demo';
  signedAt: Generated<Date>;
}

export type DisclosureKind = 'stafetlog_participant' | 'stafetlog_relay' | 'trivselshistorik' | 'flytning';
export interface DisclosuresTable {
  municipalityId: string;
  id: string;
  childId: string;
  kind: DisclosureKind;
  recipientKind: 'user' | 'team' | 'institution' | 'municipality';
  recipientId: string | null;
  recipientName: string;
  consentId: string | null;
  legalBasis: string | null;
  sourceId: string | null;
  childRelationId: string | null;
  disclosedBy: string;
  disclosedAt: Generated<Date>;
  endedAt: Date | null;
  endedReason: 'consent_withdrawn' | 'consent_expired' | 'removed' | 'closed' | null;
}

// ── stafetlog (S4) ──
export interface StafetlogSettingsTable {
  municipalityId: string;
  concernLabels: string[];
  version: Generated<number>;
}

export interface StafetlogsTable {
  municipalityId: string;
  id: string;
  childId: string;
  status: Generated<'open' | 'closed'>;
  concern: string;
  holderUserId: string;
  holderInstitutionId: string | null;
  openedBy: string;
  openedAt: Generated<Date>;
  closedAt: Date | null;
  closedReason: string | null;
  version: Generated<number>;
}

export interface StafetlogParticipantsTable {
  municipalityId: string;
  id: string;
  logId: string;
  userId: string;
  part: 'stafetholder' | 'deltager';
  childRelationId: string | null;
  disclosureId: string | null;
  addedBy: string;
  joinedAt: Generated<Date>;
  leftAt: Date | null;
  leftReason: 'removed' | 'consent_withdrawn' | 'consent_expired' | 'closed' | 'left' | null;
}

export interface StafetlogConcernLevelsTable {
  municipalityId: string;
  id: string;
  logId: string;
  authorKind: PartyKind;
  authorId: string;
  authorName: string;
  level: number;
  comment: string | null;
  statedAt: Generated<Date>;
}

export interface StafetlogEntriesTable {
  municipalityId: string;
  id: string;
  logId: string;
  kind: 'note' | 'child_words' | 'parent_words' | 'evaluation';
  authorKind: PartyKind;
  authorId: string;
  authorName: string;
  body: string;
  correctsId: string | null;
  createdAt: Generated<Date>;
}

export interface StafetlogGoalsTable {
  municipalityId: string;
  id: string;
  logId: string;
  text: string;
  proposedByKind: PartyKind;
  proposedById: string;
  proposedByName: string;
  status: Generated<'active' | 'achieved' | 'dropped'>;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface StafetlogActionsTable {
  municipalityId: string;
  id: string;
  logId: string;
  goalId: string | null;
  text: string;
  ownerKind: 'user' | 'family';
  ownerUserId: string | null;
  dueDate: Day;
  status: Generated<'open' | 'done' | 'cancelled'>;
  doneAt: Date | null;
  createdBy: string;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface StafetlogEvaluationsTable {
  municipalityId: string;
  id: string;
  logId: string;
  dueDate: Day;
  heldAt: Date | null;
  entryId: string | null;
  createdBy: string;
  version: Generated<number>;
  createdAt: Generated<Date>;
}

export interface StafetlogDocumentsTable {
  municipalityId: string;
  id: string;
  logId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
  uploadedByKind: PartyKind;
  uploadedById: string;
  uploadedByName: string;
  createdAt: Generated<Date>;
}

export interface StafetlogRelaysTable {
  municipalityId: string;
  id: string;
  logId: string;
  fromUserId: string;
  toUserId: string | null;
  toInstitutionId: string | null;
  message: string | null;
  consentId: string | null;
  legalBasis: string | null;
  status: Generated<'pending' | 'accepted' | 'declined' | 'cancelled'>;
  createdAt: Generated<Date>;
  answeredAt: Date | null;
  answerNote: string | null;
  version: Generated<number>;
}

export interface ChildTransfersTable {
  municipalityId: string;
  id: string;
  childId: string;
  logId: string | null;
  toMunicipalityCode: string;
  toMunicipalityName: string;
  consentId: string | null;
  legalBasis: string | null;
  summary: string;
  createdBy: string;
  createdAt: Generated<Date>;
}

// ── retention (docs/adr/0006) ──
export interface RetentionRunsTable {
  municipalityId: string;
  id: string;
  trigger: 'job' | 'manual';
  triggeredBy: string | null;
  asOf: string;
  settings: Json<Record<string, number>>;
  startedAt: Timestamp;
  finishedAt: Timestamp;
  screeningRatings: number;
  stafetlogs: number;
  consents: number;
  childrenAnonymised: number;
  custodyHoldersDeleted: number;
  auditEvents: number;
}

export interface ScreeningRoundStatisticsTable {
  municipalityId: string;
  id: string;
  runId: string;
  roundId: string;
  institutionId: string;
  groupId: string;
  kind: 'individual' | 'joint';
  positionId: string | null;
  current: boolean;
  ratings: number;
  createdAt: Generated<Date>;
}

export interface AnonymisedChildrenTable {
  municipalityId: string;
  childId: string;
  runId: string;
  placeholderNo: number;
  anonymisedAt: Timestamp;
}

export interface AuditAnchorsTable {
  municipalityId: string;
  seq: number;
  hash: string;
  cutoffDay: string;
  cutAt: Timestamp;
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
  consentSettings: ConsentSettingsTable;
  consents: ConsentsTable;
  consentSignatures: ConsentSignaturesTable;
  disclosures: DisclosuresTable;
  stafetlogSettings: StafetlogSettingsTable;
  stafetlogs: StafetlogsTable;
  stafetlogParticipants: StafetlogParticipantsTable;
  stafetlogConcernLevels: StafetlogConcernLevelsTable;
  stafetlogEntries: StafetlogEntriesTable;
  stafetlogGoals: StafetlogGoalsTable;
  stafetlogActions: StafetlogActionsTable;
  stafetlogEvaluations: StafetlogEvaluationsTable;
  stafetlogDocuments: StafetlogDocumentsTable;
  stafetlogRelays: StafetlogRelaysTable;
  childTransfers: ChildTransfersTable;
  retentionRuns: RetentionRunsTable;
  screeningRoundStatistics: ScreeningRoundStatisticsTable;
  anonymisedChildren: AnonymisedChildrenTable;
  auditAnchors: AuditAnchorsTable;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
