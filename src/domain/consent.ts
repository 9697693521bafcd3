// Consent (S14; GDPR art. 7 and Datatilsynet: a consent names the purpose, the information
// types and the recipients, and can be withdrawn at any time with effect from that moment).
// Children are heard from age 10 (Barnets Lov § 5); a young person may give their own consent
// from the age the municipality decides (15–17), never below 15. Pure: the clock is an argument.
import { ageOn, dayInCopenhagen } from './calendar.ts';
import type { Role } from './roles.ts';

type Day = string;

export const CONSENT_PURPOSES = ['stafetlog', 'overgang', 'trivselsdeling', 'tvaerfagligt_moede'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const INFORMATION_TYPES = ['stafetlog', 'trivselsvurderinger', 'udviklingsbeskrivelse', 'helbred', 'skole', 'familieforhold'] as const;
export type InformationType = (typeof INFORMATION_TYPES)[number];

export const RECIPIENT_KINDS = ['user', 'role', 'institution', 'team', 'municipality'] as const;

/** Who a consent lets receive the information. The name is kept as given, for the history. */
export type ConsentRecipient =
  | { kind: 'user'; id: string; name: string }
  | { kind: 'role'; role: Role; name: string }
  | { kind: 'institution'; id: string; name: string }
  | { kind: 'team'; id: string; name: string }
  | { kind: 'municipality'; code: string; name: string };

/**
 * Legal bases that let data cross without consent. BL § 133: professionals in public service
 * must notify the authority of a concern, so the authority's own roles receive without consent.
 */
export const LEGAL_BASES = [
  { code: 'BL133', label: 'Barnets Lov § 133 (skærpet underretningspligt)', recipientRoles: ['myndighedsraadgiver', 'teamleder', 'myndighedsleder'] as Role[] },
] as const;
export type LegalBasisCode = (typeof LEGAL_BASES)[number]['code'];

/** What we know of a receiving party, to match it against a consent's recipients. */
export interface RecipientFacts {
  userId: string | null;
  name: string;
  roles: Role[];
  institutionIds: string[];
  teamIds: string[];
  municipalityCode?: string;
}

export interface ConsentRules {
  jointCustodyRule: 'both' | 'one';
  oneHolderPurposes: readonly string[];
  ownConsentAge: number | null;
}

/** The law's floor for a young person's own consent, whatever the setting says. */
export const OWN_CONSENT_MIN_AGE = 15;

export const DEFAULT_CONSENT_SETTINGS = {
  jointCustodyRule: 'both' as const,
  oneHolderPurposes: [] as string[],
  ownConsentAge: null as number | null,
  expiryReminderDays: 14,
  portalShowsStaffNames: true,
};

export interface ConsentFacts {
  purpose: string;
  informationTypes: readonly string[];
  recipients: readonly ConsentRecipient[];
  validFrom: Day;
  validTo: Day;
  givenByChild: boolean;
  withdrawnAt: Date | null;
}

export interface CustodyFacts {
  custodyHolderId: string;
  hasCustody: boolean;
  validFrom: Day;
  validTo: Day | null;
}

export type ConsentStatus = 'pending' | 'active' | 'expired' | 'withdrawn' | 'not_yet_valid';

export interface ConsentState {
  status: ConsentStatus;
  /** Custody holders whose signature would make a pending consent active. */
  missingSigners: string[];
}

export function childAge(birthDate: Day, today: Day): number {
  return ageOn(birthDate, today);
}

/** Whether the young person's own consent suffices at this age under these rules. */
export function ownConsentAllowed(rules: Pick<ConsentRules, 'ownConsentAge'>, age: number): boolean {
  return rules.ownConsentAge !== null && rules.ownConsentAge >= OWN_CONSENT_MIN_AGE && age >= rules.ownConsentAge;
}

/** Custody holders who hold custody of the child on the day. */
export function custodyHoldersOn(custody: readonly CustodyFacts[], day: Day): string[] {
  const ids = custody
    .filter((c) => c.hasCustody && c.validFrom <= day && (c.validTo === null || c.validTo >= day))
    .map((c) => c.custodyHolderId);
  return [...new Set(ids)];
}

/** How many of the current custody holders must sign: all, or one for the named purposes. */
export function signersNeeded(rules: ConsentRules, purpose: string): 'all' | 'one' {
  return rules.jointCustodyRule === 'one' && rules.oneHolderPurposes.includes(purpose) ? 'one' : 'all';
}

/**
 * The consent's state at `now`. Withdrawal wins from the moment it was recorded; then time
 * (the validTo day itself is still valid, in Copenhagen); then the signatures: only signatures
 * of those who hold custody today count, and at least one is always needed unless the young
 * person gave their own consent at an allowed age.
 */
export function consentState(
  c: ConsentFacts,
  signatures: readonly { custodyHolderId: string }[],
  custody: readonly CustodyFacts[],
  rules: ConsentRules,
  age: number,
  now: Date,
): ConsentState {
  if (c.withdrawnAt !== null && c.withdrawnAt.getTime() <= now.getTime()) return { status: 'withdrawn', missingSigners: [] };
  const today = dayInCopenhagen(now);
  if (today > c.validTo) return { status: 'expired', missingSigners: [] };
  const signed = new Set(signatures.map((s) => s.custodyHolderId));
  const holders = custodyHoldersOn(custody, today);
  const validSigned = holders.filter((h) => signed.has(h));
  let missing: string[];
  if (c.givenByChild && ownConsentAllowed(rules, age)) missing = [];
  else if (signersNeeded(rules, c.purpose) === 'one') missing = validSigned.length > 0 ? [] : holders;
  else missing = holders.filter((h) => !signed.has(h));
  const complete = missing.length === 0 && (validSigned.length > 0 || (c.givenByChild && ownConsentAllowed(rules, age)));
  if (today < c.validFrom) return { status: 'not_yet_valid', missingSigners: missing };
  return { status: complete ? 'active' : 'pending', missingSigners: missing };
}

/** Whether one of the consent's recipients is this party. */
export function recipientMatches(r: ConsentRecipient, who: RecipientFacts): boolean {
  switch (r.kind) {
    case 'user':
      return who.userId !== null && who.userId === r.id;
    case 'role':
      return who.roles.includes(r.role);
    case 'institution':
      return who.institutionIds.includes(r.id);
    case 'team':
      return who.teamIds.includes(r.id);
    case 'municipality':
      return who.municipalityCode !== undefined && who.municipalityCode === r.code;
  }
}

export interface CoverQuery {
  purpose: string;
  informationTypes: readonly string[];
  recipient: RecipientFacts;
}

/**
 * Whether an active consent lets this information cross to this recipient for this purpose.
 * A request that names no information type is never covered: a disclosure says what crosses.
 */
export function covers(c: ConsentFacts, state: ConsentState, query: CoverQuery, today: Day): boolean {
  if (state.status !== 'active') return false;
  if (today < c.validFrom || today > c.validTo) return false;
  if (c.purpose !== query.purpose) return false;
  if (query.informationTypes.length === 0) return false;
  if (!query.informationTypes.every((t) => c.informationTypes.includes(t))) return false;
  return c.recipients.some((r) => recipientMatches(r, query.recipient));
}

export function isLegalBasis(code: string): code is LegalBasisCode {
  return LEGAL_BASES.some((b) => b.code === code);
}

/** A legal basis applies when it is known and the recipient holds one of its roles. */
export function legalBasisApplies(code: string, recipient: RecipientFacts): boolean {
  const basis = LEGAL_BASES.find((b) => b.code === code);
  return basis !== undefined && recipient.roles.some((r) => (basis.recipientRoles as readonly string[]).includes(r));
}
