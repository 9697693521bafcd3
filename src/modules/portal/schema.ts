// The parents' portal API (S15): what a custody holder sends and sees. Staff-side shapes that
// the portal shows as they are (a consent, a stafetlog) are the consent and stafetlog
// modules' own; the portal never widens them.
import { z } from 'zod';
import { childConsentsOut, consentView, custodyHolderOut, digitalConsentCreate, informationType, purpose, withdrawBody } from '../consent/schema.ts';
import { logSummary, logView, upcomingItem } from '../stafetlog/schema.ts';
import { uuid } from '../shared/schema.ts';

export { consentView, informationType, logSummary, logView, purpose as consentPurpose, upcomingItem, withdrawBody };
export type { ConsentView } from '../consent/schema.ts';
export type { LogSummary, LogView, UpcomingItem } from '../stafetlog/schema.ts';

// ── log-in ─────────────────────────────────────────────────────────────────────────────

export const samlStartParams = z.object({ municipalityId: uuid }).strict();

/** The IdP's form POST (HTTP-POST binding). Only read here to document the endpoint. */
export const samlAcsBody = z.looseObject({
  SAMLResponse: z.string().min(1).max(200_000),
  RelayState: z.string().max(80).optional(),
});

export const publicConfig = z.object({
  /** MitID (NemLog-in) is configured for this installation. */
  samlEnabled: z.boolean(),
  /** The clearly marked demo log-in for citizens is on (demo installations only). */
  demoLogin: z.boolean(),
});

export const demoCitizensQuery = z.object({ municipalityId: uuid }).strict();

/** A custody holder offered on the demo log-in page: a name and the children's first names, no CPR. */
export const demoCitizen = z.object({
  id: uuid,
  name: z.string(),
  children: z.array(z.object({ firstName: z.string() })),
});
export const demoCitizens = z.array(demoCitizen);

export const demoLoginBody = z.object({ municipalityId: uuid, custodyHolderId: uuid }).strict();

// ── me and children ────────────────────────────────────────────────────────────────────

export const portalChild = z.object({ id: uuid, firstName: z.string(), lastName: z.string(), birthDate: z.string() });

export const portalMe = z.object({
  citizen: z.object({ id: uuid, name: z.string() }),
  municipality: z.object({ id: uuid, name: z.string() }),
  csrfToken: z.string(),
  sessionIdleMinutes: z.number().int(),
  children: z.array(portalChild),
});

export const childParams = z.object({ childId: uuid }).strict();
export const logParams = z.object({ id: uuid }).strict();
export const consentParams = z.object({ id: uuid }).strict();
export const documentParams = z.object({ id: uuid, documentId: uuid }).strict();

/** Everything the parent sees on the child's page. */
export const portalChildDetail = z.object({
  child: portalChild,
  stafetlogs: z.array(logSummary),
  consents: z.array(consentView),
  /** The child's custody holders today (who may sign; hasCustody false: cannot). */
  custodyHolders: z.array(custodyHolderOut),
  /** The municipality's consent rules, for the consent form (joint custody, own consent age). */
  rules: childConsentsOut.shape.rules,
  /** Actions due and evaluations planned in the child's open logs, by date. */
  upcoming: z.array(upcomingItem),
});

// ── writes in a log ────────────────────────────────────────────────────────────────────

/** The parents' own words (an entry of kind 'parent_words'). */
export const entryBody = z.object({ body: z.string().trim().min(1).max(8000) }).strict();
export const levelBody = z.object({ level: z.number().int().min(0).max(3), comment: z.string().trim().max(2000).optional() }).strict();
export const goalBody = z.object({ text: z.string().trim().min(1).max(2000) }).strict();

// ── consent ────────────────────────────────────────────────────────────────────────────

/** A digital consent given (and signed) by the custody holder who is logged in (the consent module's body). */
export const giveConsentBody = digitalConsentCreate;

/** A recipient a parent can pick: a professional on the child's logs or one of its institutions now. */
export const portalRecipient = z.object({ kind: z.enum(['user', 'institution']), id: uuid, name: z.string() });

/** Candidates for a consent's recipients: the professionals on the child's logs, its institutions now. */
export const recipientCandidate = z.object({
  recipient: portalRecipient,
  /** A profession or an institution type, to tell candidates apart (a key for the web's i18n). */
  detail: z.string().nullable(),
});
export const recipientCandidates = z.object({ candidates: z.array(recipientCandidate) });

// ── who has seen my child's data ───────────────────────────────────────────────────────

export const accessLogQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }).strict();

export const accessLogRow = z.object({
  at: z.string(),
  who: z.object({
    /** Null when the municipality shows professionals by role only (or for system jobs). */
    name: z.string().nullable(),
    /** The roles the professional acted in (e.g. 'fagperson'), 'citizen' or 'system'. */
    role: z.string().nullable(),
    /** The professional's profession (e.g. 'paedagog'), when known. */
    profession: z.string().nullable(),
    kind: z.enum(['staff', 'citizen', 'system', 'anonymous']),
  }),
  action: z.string(),
  resourceType: z.string(),
  purpose: z.string().nullable(),
});

export const accessLogPage = z.object({
  rows: z.array(accessLogRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export type PortalMe = z.infer<typeof portalMe>;
export type PortalChild = z.infer<typeof portalChild>;
export type PortalChildDetail = z.infer<typeof portalChildDetail>;
export type GiveConsentBody = z.infer<typeof giveConsentBody>;
export type RecipientCandidate = z.infer<typeof recipientCandidate>;
export type AccessLogRow = z.infer<typeof accessLogRow>;
export type AccessLogPage = z.infer<typeof accessLogPage>;
export type PublicConfig = z.infer<typeof publicConfig>;
export type DemoCitizen = z.infer<typeof demoCitizen>;
