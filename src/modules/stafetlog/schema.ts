// Request and response schemas for the stafetlog (S4): strict bodies (unknown fields refused);
// the same schemas make the OpenAPI document and the web's types (z.infer<typeof logView> …).
import { z } from 'zod';
import { day, uuid } from '../shared/schema.ts';

// ── limits (the database checks the same numbers) ──────────────────────────────────────
export const LIMITS = {
  concern: 4000,
  levelComment: 2000,
  goal: 2000,
  action: 2000,
  entry: 8000,
  message: 4000,
  note: 2000,
  reason: 2000,
  summary: 8000,
  fileName: 200,
  /** Documents: at most 5 MB decoded (stafetlog_documents.size_bytes). */
  documentBytes: 5 * 1024 * 1024,
} as const;

/** File types that may be attached (pdf, Word, OpenDocument text, plain text, png, jpeg). */
export const DOCUMENT_TYPES = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/msword': ['doc'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'text/plain': ['txt'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
} as const satisfies Record<string, readonly string[]>;

// Control characters (except line breaks and tabs) never belong in typed text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const text = (max: number) => z.string().transform((v) => v.replace(CONTROL, '')).pipe(z.string().trim().min(1).max(max));
const optionalText = (max: number) =>
  z
    .string()
    .transform((v) => v.replace(CONTROL, '').trim())
    .pipe(z.string().max(max))
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const concernLevel = z.number().int().min(0).max(3);
export const ENTRY_KINDS = ['note', 'child_words', 'parent_words'] as const;
export const GOAL_STATUSES = ['active', 'achieved', 'dropped'] as const;
export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export const RELAY_STATUSES = ['pending', 'accepted', 'declined', 'cancelled'] as const;
export const PARTS = ['stafetholder', 'deltager'] as const;
/** A legal basis code from the consent domain (e.g. 'BL133'); the consent module decides whether it applies. */
const legalBasis = z.string().trim().min(1).max(40).optional();

// ── params and queries ─────────────────────────────────────────────────────────────────
export const childParams = z.object({ childId: uuid }).strict();
export const logParams = z.object({ id: uuid }).strict();
export const participantParams = z.object({ id: uuid, participantId: uuid }).strict();
export const goalParams = z.object({ id: uuid, goalId: uuid }).strict();
export const actionParams = z.object({ id: uuid, actionId: uuid }).strict();
export const evaluationParams = z.object({ id: uuid, evaluationId: uuid }).strict();
export const documentParams = z.object({ id: uuid, documentId: uuid }).strict();
export const relayParams = z.object({ relayId: uuid }).strict();
export const directoryQuery = z.object({ q: z.string().trim().min(2).max(100) }).strict();

// ── request bodies ─────────────────────────────────────────────────────────────────────
export const openLog = z.object({ concern: text(LIMITS.concern), level: concernLevel, levelComment: optionalText(LIMITS.levelComment) }).strict();
/** PATCH /api/stafetlogs/:id (holder; If-Match on the log). */
export const logPatch = z.object({ concern: text(LIMITS.concern) }).strict();
export const participantAdd = z.object({ userId: uuid, legalBasis }).strict();
export const levelState = z.object({ level: concernLevel, comment: optionalText(LIMITS.levelComment) }).strict();
export const goalCreate = z.object({ text: text(LIMITS.goal) }).strict();
export const goalPatch = z
  .object({ text: text(LIMITS.goal).optional(), status: z.enum(GOAL_STATUSES).optional() })
  .strict()
  .refine((p) => p.text !== undefined || p.status !== undefined, { message: 'Angiv text eller status' });
export const actionOwner = z.discriminatedUnion('kind', [z.object({ kind: z.literal('user'), userId: uuid }).strict(), z.object({ kind: z.literal('family') }).strict()]);
export const actionCreate = z.object({ text: text(LIMITS.action), goalId: uuid.nullish(), owner: actionOwner, dueDate: day }).strict();
export const actionPatch = z
  .object({ text: text(LIMITS.action).optional(), dueDate: day.optional(), status: z.enum(ACTION_STATUSES).optional() })
  .strict()
  .refine((p) => p.text !== undefined || p.dueDate !== undefined || p.status !== undefined, { message: 'Angiv text, dueDate eller status' });
export const evaluationCreate = z.object({ dueDate: day }).strict();
export const evaluationHold = z.object({ summary: text(LIMITS.summary) }).strict();
export const entryCreate = z.object({ kind: z.enum(ENTRY_KINDS), body: text(LIMITS.entry), correctsId: uuid.nullish() }).strict();
export const documentUpload = z
  .object({
    fileName: text(LIMITS.fileName),
    mediaType: z.string().trim().toLowerCase().max(120),
    // base64 of at most 5 MB (the service checks the decoded size and the type)
    contentBase64: z.string().min(1).max(Math.ceil((LIMITS.documentBytes * 4) / 3) + 8),
  })
  .strict();
export const relayCreate = z
  .object({ toUserId: uuid.optional(), toInstitutionId: uuid.optional(), message: optionalText(LIMITS.message), legalBasis })
  .strict()
  .refine((r) => (r.toUserId === undefined) !== (r.toInstitutionId === undefined), { message: 'Angiv enten toUserId eller toInstitutionId' });
export const relayAccept = z.object({ note: optionalText(LIMITS.note) }).strict();
export const relayDecline = z.object({ note: text(LIMITS.note) }).strict();
export const closeLog = z.object({ reason: text(LIMITS.reason) }).strict();
export const transferCreate = z
  .object({
    toMunicipalityCode: z.string().regex(/^[0-9]{3}$/, { message: 'Kommunekoden er tre cifre' }),
    toMunicipalityName: text(200),
    summary: text(LIMITS.summary),
    legalBasis,
  })
  .strict();
export const settingsPut = z.object({ concernLabels: z.tuple([text(80), text(80), text(80), text(80)]) }).strict();

// ── responses ──────────────────────────────────────────────────────────────────────────
const person = z.object({ userId: uuid, name: z.string() });
const party = z.object({ kind: z.enum(['staff', 'citizen']), name: z.string() });

export const participantView = z.object({
  id: uuid,
  userId: uuid,
  name: z.string(),
  profession: z.string(),
  part: z.enum(PARTS),
  joinedAt: z.string(),
  active: z.boolean(),
  leftAt: z.string().nullable(),
  leftReason: z.enum(['removed', 'consent_withdrawn', 'consent_expired', 'closed', 'left']).nullable(),
  /** What the participation rests on: the consent, or a legal basis; both null for the opener (nothing crossed). */
  basis: z.object({ consentId: uuid.nullable(), legalBasis: z.string().nullable() }),
});

export const levelView = z.object({
  authorKind: z.enum(['staff', 'citizen']),
  authorId: uuid,
  authorName: z.string(),
  level: concernLevel,
  comment: z.string().nullable(),
  statedAt: z.string(),
  /** The author's latest level (earlier ones are kept, so a changed view stays visible). */
  current: z.boolean(),
});

export const goalView = z.object({
  id: uuid,
  version: z.number().int(),
  text: z.string(),
  status: z.enum(GOAL_STATUSES),
  proposedBy: party,
  createdAt: z.string(),
});

export const actionView = z.object({
  id: uuid,
  version: z.number().int(),
  goalId: uuid.nullable(),
  text: z.string(),
  owner: z.object({ kind: z.enum(['user', 'family']), userId: uuid.nullable(), name: z.string().nullable() }),
  dueDate: day,
  status: z.enum(ACTION_STATUSES),
  /** Open and its due date is before today (Copenhagen). */
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
});

export const evaluationView = z.object({
  id: uuid,
  version: z.number().int(),
  dueDate: day,
  heldAt: z.string().nullable(),
  summary: z.string().nullable(),
});

export const entryView = z.object({
  id: uuid,
  kind: z.enum(['note', 'child_words', 'parent_words', 'evaluation']),
  authorKind: z.enum(['staff', 'citizen']),
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
  correctsId: uuid.nullable(),
});

export const documentView = z.object({
  id: uuid,
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedBy: party,
  createdAt: z.string(),
});

export const relayView = z.object({
  id: uuid,
  version: z.number().int(),
  status: z.enum(RELAY_STATUSES),
  from: z.object({ userId: uuid, name: z.string() }),
  to: z.object({ kind: z.enum(['user', 'institution']), id: uuid, name: z.string() }),
  message: z.string().nullable(),
  answerNote: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  /** The viewer may accept/decline (the named receiver, or a leder of the receiving institution). */
  canAnswer: z.boolean(),
});

/** A move to another municipality, as recorded on the log (child_transfers). */
export const transferView = z.object({
  id: uuid,
  createdAt: z.string(),
  toMunicipality: z.object({ code: z.string(), name: z.string() }),
  /** What the transfer rests on: the consent that names the municipality, or a legal basis. */
  basis: z.object({ consentId: uuid.nullable(), legalBasis: z.string().nullable() }),
  summary: z.string(),
  createdBy: person,
});

export const logView = z.object({
  id: uuid,
  version: z.number().int(),
  status: z.enum(['open', 'closed']),
  concern: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  closedReason: z.string().nullable(),
  child: z.object({ id: uuid, firstName: z.string(), lastName: z.string(), birthDate: day }),
  holder: person,
  /**
   * The stafetholder still takes part (their participation has not ended: not removed, consent
   * not withdrawn or expired, user not deactivated). When false, an active participant may take over.
   */
  holderActive: z.boolean(),
  /** The municipality's labels for levels 0–3. */
  concernLabels: z.array(z.string()).length(4),
  participants: z.array(participantView),
  levels: z.array(levelView),
  goals: z.array(goalView),
  actions: z.array(actionView),
  evaluations: z.array(evaluationView),
  entries: z.array(entryView),
  documents: z.array(documentView),
  relays: z.array(relayView),
  transfers: z.array(transferView),
  me: z.object({
    part: z.enum(['stafetholder', 'deltager', 'custody_holder']).nullable(),
    isHolder: z.boolean(),
    /** May append (entries, levels, goals; for staff also actions, evaluations, documents). */
    canWrite: z.boolean(),
  }),
});
export type LogView = z.infer<typeof logView>;

/** A log in a list (the child page's closed logs, the portal's child page). */
export const logSummary = z.object({
  id: uuid,
  status: z.enum(['open', 'closed']),
  concern: z.string(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  holder: person,
  currentLevels: z.array(z.object({ authorKind: z.enum(['staff', 'citizen']), authorName: z.string(), level: concernLevel })),
  activeGoals: z.number().int(),
  openActions: z.number().int(),
  /** The earliest open action or unheld evaluation date. */
  nextDue: day.nullable(),
});
export type LogSummary = z.infer<typeof logSummary>;

/** Upcoming dates of a child's open logs (the portal's "kommende"). */
export const upcomingItem = z.object({ kind: z.enum(['action', 'evaluation']), date: day, text: z.string(), logId: uuid });
export type UpcomingItem = z.infer<typeof upcomingItem>;

export const childLogOut = z.object({
  log: logView.nullable(),
  /** The viewer may open a log (stafetlog.work, reaches the child, no open log yet). */
  canOpen: z.boolean(),
  /** The municipality's labels for levels 0–3 (for the form that opens a log). */
  concernLabels: z.array(z.string()).length(4),
  closed: z.array(z.object({ id: uuid, openedAt: z.string(), closedAt: z.string().nullable() })),
});

export const mineOut = z.object({
  /** The municipality's labels for levels 0–3. */
  concernLabels: z.array(z.string()).length(4),
  logs: z.array(
    z.object({
      id: uuid,
      child: z.object({ id: uuid, name: z.string() }),
      part: z.enum(PARTS),
      holder: person,
      openedAt: z.string(),
      myLevel: concernLevel.nullable(),
      nextDue: day.nullable(),
    }),
  ),
  dueActions: z.array(z.object({ id: uuid, logId: uuid, childName: z.string(), text: z.string(), dueDate: day, overdue: z.boolean() })),
  dueEvaluations: z.array(z.object({ id: uuid, logId: uuid, childName: z.string(), dueDate: day, overdue: z.boolean() })),
  relaysAwaiting: z.array(z.object({ id: uuid, logId: uuid, childName: z.string(), from: z.object({ name: z.string() }), message: z.string().nullable(), createdAt: z.string() })),
  receipts: z.array(
    z.object({ id: uuid, logId: uuid, childName: z.string(), to: z.object({ name: z.string() }), status: z.enum(RELAY_STATUSES), answeredAt: z.string().nullable() }),
  ),
});
export type MineOut = z.infer<typeof mineOut>;

export const directoryOut = z.array(
  z.object({
    userId: uuid,
    name: z.string(),
    profession: z.string(),
    units: z.array(z.object({ role: z.string(), unitKind: z.string(), unitName: z.string() })),
  }),
);

export const transferOut = z.object({ id: uuid });
export const settingsOut = z.object({ concernLabels: z.array(z.string()).length(4), version: z.number().int() });

export type OpenLogInput = z.infer<typeof openLog>;
export type ParticipantAddInput = z.infer<typeof participantAdd>;
export type LevelInput = z.infer<typeof levelState>;
export type GoalCreateInput = z.infer<typeof goalCreate>;
export type GoalPatchInput = z.infer<typeof goalPatch>;
export type ActionCreateInput = z.infer<typeof actionCreate>;
export type ActionPatchInput = z.infer<typeof actionPatch>;
export type EntryInput = z.infer<typeof entryCreate>;
export type DocumentInput = z.infer<typeof documentUpload>;
export type RelayInput = z.infer<typeof relayCreate>;
export type TransferInput = z.infer<typeof transferCreate>;
