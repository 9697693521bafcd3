// Request and response schemas for consent (S14). Bodies are strict (unknown fields refused);
// the same schemas make the OpenAPI document and the web's types.
import { z } from 'zod';
import { CONSENT_PURPOSES, INFORMATION_TYPES, LEGAL_BASES } from '../../domain/consent.ts';
import { ROLES } from '../../domain/roles.ts';
import { day, uuid } from '../shared/schema.ts';
export { idParams } from '../shared/schema.ts';

export const LIMITS = { purposeText: 2000, attestation: 2000, childView: 4000, reason: 2000, recipients: 50, name: 200 } as const;

const text = (max: number) => z.string().trim().max(max);
const requiredText = (max: number) => z.string().trim().min(1).max(max);

export const purpose = z.enum(CONSENT_PURPOSES);
export const informationType = z.enum(INFORMATION_TYPES);
export const legalBasisCode = z.enum(LEGAL_BASES.map((b) => b.code) as [string, ...string[]]);
const municipalityCode = z.string().regex(/^[0-9]{3}$/, { message: 'Kommunekoden er tre cifre' });

/**
 * A recipient as sent by the client. For users, institutions and teams the server looks the id
 * up in the municipality and stores the name it finds (a name sent along is ignored).
 */
export const recipientInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: uuid, name: text(LIMITS.name).optional() }).strict(),
  z.object({ kind: z.literal('institution'), id: uuid, name: text(LIMITS.name).optional() }).strict(),
  z.object({ kind: z.literal('team'), id: uuid, name: text(LIMITS.name).optional() }).strict(),
  z.object({ kind: z.literal('role'), role: z.enum(ROLES), name: text(LIMITS.name).optional() }).strict(),
  z.object({ kind: z.literal('municipality'), code: municipalityCode, name: requiredText(LIMITS.name) }).strict(),
]);

export const recipient = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: uuid, name: z.string() }),
  z.object({ kind: z.literal('institution'), id: uuid, name: z.string() }),
  z.object({ kind: z.literal('team'), id: uuid, name: z.string() }),
  z.object({ kind: z.literal('role'), role: z.enum(ROLES), name: z.string() }),
  z.object({ kind: z.literal('municipality'), code: z.string(), name: z.string() }),
]);

const consentFields = {
  purpose,
  purposeText: text(LIMITS.purposeText).optional(),
  informationTypes: z.array(informationType).min(1).max(INFORMATION_TYPES.length),
  recipients: z.array(recipientInput).min(1).max(LIMITS.recipients),
  validFrom: day,
  validTo: day,
  childView: text(LIMITS.childView).optional(),
};

/** A consent given on paper, registered by a professional who attests to the signed form. */
export const paperConsentCreate = z
  .object({
    ...consentFields,
    attestation: requiredText(LIMITS.attestation),
    /** The custody holders who signed the form (each must hold custody of the child today). */
    signedBy: z.array(uuid).min(1).max(6),
    /** The young person gave the consent themselves (only from the municipality's age). */
    givenByChild: z.boolean().optional(),
  })
  .strict();

/** A consent given in the parents' portal, signed by the custody holder who is logged in. */
export const digitalConsentCreate = z.object(consentFields).strict();

export const withdrawBody = z.object({ reason: text(LIMITS.reason).optional() }).strict();

export const signatureMethod = z.enum(['mitid', 'paper', 'demo']);
export const consentStatus = z.enum(['pending', 'active', 'expired', 'withdrawn', 'not_yet_valid']);

export const consentView = z.object({
  id: uuid,
  childId: uuid,
  purpose,
  purposeText: z.string().nullable(),
  informationTypes: z.array(z.string()),
  recipients: z.array(recipient),
  validFrom: z.string(),
  validTo: z.string(),
  form: z.enum(['digital', 'paper']),
  attestation: z.string().nullable(),
  registeredBy: z.object({ kind: z.enum(['staff', 'citizen']), name: z.string() }),
  childView: z.string().nullable(),
  givenByChild: z.boolean(),
  signatures: z.array(z.object({ custodyHolderId: uuid, name: z.string(), method: signatureMethod, signedAt: z.string() })),
  status: consentStatus,
  missingSigners: z.array(z.object({ custodyHolderId: uuid, name: z.string() })),
  withdrawn: z.object({ at: z.string(), byKind: z.enum(['staff', 'citizen']), byName: z.string(), reason: z.string().nullable() }).nullable(),
  createdAt: z.string(),
});

export const custodyHolderOut = z.object({ id: uuid, name: z.string(), relation: z.string(), hasCustody: z.boolean() });

export const consentRulesOut = z.object({
  jointCustodyRule: z.enum(['both', 'one']),
  oneHolderPurposes: z.array(z.string()),
  ownConsentAge: z.number().int().nullable(),
  childAge: z.number().int(),
});

export const childConsentsOut = z.object({
  consents: z.array(consentView),
  /** The child's custody holders today (hasCustody false: a parent without custody, who cannot sign). */
  custodyHolders: z.array(custodyHolderOut),
  rules: consentRulesOut,
});

export const childParams = z.object({ childId: uuid }).strict();

const settingsFields = {
  jointCustodyRule: z.enum(['both', 'one']),
  oneHolderPurposes: z.array(purpose).max(CONSENT_PURPOSES.length),
  ownConsentAge: z.number().int().min(15).max(17).nullable(),
  expiryReminderDays: z.number().int().min(1).max(90),
  portalShowsStaffNames: z.boolean(),
};

/** PUT body (If-Match: the settings' version). */
export const consentSettingsPut = z.object(settingsFields).strict();
export const consentSettingsOut = z.object({ ...settingsFields, version: z.number().int() });

export type RecipientInput = z.infer<typeof recipientInput>;
export type Recipient = z.infer<typeof recipient>;
export type PaperConsentCreate = z.infer<typeof paperConsentCreate>;
export type DigitalConsentCreate = z.infer<typeof digitalConsentCreate>;
export type WithdrawBody = z.infer<typeof withdrawBody>;
export type ConsentView = z.infer<typeof consentView>;
export type ChildConsentsOut = z.infer<typeof childConsentsOut>;
export type ConsentSettingsPut = z.infer<typeof consentSettingsPut>;
export type ConsentSettingsOut = z.infer<typeof consentSettingsOut>;
export type SignatureMethod = z.infer<typeof signatureMethod>;
export type ConsentStatus = z.infer<typeof consentStatus>;
