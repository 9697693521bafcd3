// Consent rows → the API's ConsentView. The status is computed for the moment of the request
// (withdrawal, expiry and the joint-custody rule are rules in src/domain/consent.ts, not columns).
import { consentState, type ConsentRecipient, type ConsentRules } from '../../domain/consent.ts';
import type { ConsentRow, CustodyRow, SignatureRow } from './repo.ts';
import type { ConsentView } from './schema.ts';

const holderName = (h: { firstName: string; lastName: string }) => `${h.firstName} ${h.lastName}`;

export function recipientsOf(row: ConsentRow): ConsentRecipient[] {
  const value = row.recipients as unknown;
  return (typeof value === 'string' ? JSON.parse(value) : value) as ConsentRecipient[];
}

export function stateOf(row: ConsentRow, signatures: readonly SignatureRow[], custody: readonly CustodyRow[], rules: ConsentRules, age: number, now: Date) {
  return consentState(
    { purpose: row.purpose, informationTypes: row.informationTypes, recipients: recipientsOf(row), validFrom: row.validFrom, validTo: row.validTo, givenByChild: row.givenByChild, withdrawnAt: row.withdrawnAt },
    signatures.filter((s) => s.consentId === row.id),
    custody,
    rules,
    age,
    now,
  );
}

export function presentConsent(row: ConsentRow, signatures: readonly SignatureRow[], custody: readonly CustodyRow[], rules: ConsentRules, age: number, now: Date): ConsentView {
  const own = signatures.filter((s) => s.consentId === row.id);
  const state = stateOf(row, own, custody, rules, age, now);
  const names = new Map(custody.map((c) => [c.custodyHolderId, holderName(c)]));
  return {
    id: row.id,
    childId: row.childId,
    purpose: row.purpose,
    purposeText: row.purposeText,
    informationTypes: row.informationTypes,
    recipients: recipientsOf(row),
    validFrom: row.validFrom,
    validTo: row.validTo,
    form: row.form,
    attestation: row.attestation,
    registeredBy: { kind: row.registeredByKind, name: row.registeredByName },
    childView: row.childView,
    givenByChild: row.givenByChild,
    signatures: own.map((s) => ({ custodyHolderId: s.custodyHolderId, name: holderName(s), method: s.method, signedAt: s.signedAt.toISOString() })),
    status: state.status,
    missingSigners: state.missingSigners.map((id) => ({ custodyHolderId: id, name: names.get(id) ?? '' })),
    withdrawn:
      row.withdrawnAt && row.withdrawnByKind
        ? { at: row.withdrawnAt.toISOString(), byKind: row.withdrawnByKind, byName: row.withdrawnByName ?? '', reason: row.withdrawnReason }
        : null,
    createdAt: row.createdAt.toISOString(),
  };
}
