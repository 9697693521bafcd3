// What evaluating a child's consents needs: the municipality's rules (defaults when it has not
// set any), the child's custody rows and age today. Loaded once per request.
import type { Scope } from '../../access/scope.ts';
import { childAge, DEFAULT_CONSENT_SETTINGS, type ConsentRules } from '../../domain/consent.ts';
import * as repo from './repo.ts';
import type { ConsentSettingsOut } from './schema.ts';

export async function settingsFor(scope: Scope): Promise<ConsentSettingsOut> {
  const row = await repo.findSettings(scope);
  if (!row) return { ...DEFAULT_CONSENT_SETTINGS, oneHolderPurposes: [], version: 1 };
  return {
    jointCustodyRule: row.jointCustodyRule,
    oneHolderPurposes: row.oneHolderPurposes as ConsentSettingsOut['oneHolderPurposes'],
    ownConsentAge: row.ownConsentAge,
    expiryReminderDays: row.expiryReminderDays,
    portalShowsStaffNames: row.portalShowsStaffNames,
    version: row.version,
  };
}

export interface ChildContext {
  childId: string;
  age: number;
  rules: ConsentRules;
  custody: repo.CustodyRow[];
}

/** Null when the child does not exist in the municipality. */
export async function childContext(scope: Scope, childId: string): Promise<ChildContext | null> {
  const child = await repo.findChild(scope, childId);
  if (!child) return null;
  const [settings, custody] = [await settingsFor(scope), await repo.custodyOf(scope, childId)];
  return { childId, age: childAge(child.birthDate, scope.today), rules: settings, custody };
}
