// Consents end by time (S14: "expiry is enforced by time; reminders before expiry"). Access
// already lapses on its own (a disclosure's child relation is valid to the consent's last
// day); the daily job also records the end on the disclosures, so history and the stafetlog
// show why a participant left, and reminds those relying on a consent before it runs out.
import type { Scope } from '../../access/scope.ts';
import type { DisclosureKind } from '../../db/types.ts';
import { addDays, daysBetween } from '../../domain/calendar.ts';
import type { NewNotice } from '../notices/service.ts';
import { settingsFor } from './context.ts';
import { endWhere, type EndedDisclosure } from './disclosures.ts';
import * as repo from './repo.ts';

export interface ExpiringDisclosure {
  disclosureId: string;
  consentId: string;
  childId: string;
  kind: DisclosureKind;
  sourceId: string | null;
  disclosedBy: string;
}

/** Who should hear that a disclosure's consent runs out, and where to look (e.g. the stafetholder of the log). */
export type ExpiryAudience = (scope: Scope, items: readonly ExpiringDisclosure[]) => Promise<{ disclosureId: string; userId: string; link: string | null }[]>;
const audiences = new Map<DisclosureKind, ExpiryAudience>();

/** A module that makes disclosures of a kind names who is reminded; otherwise the one who disclosed is. */
export function registerExpiryAudience(kinds: readonly DisclosureKind[], audience: ExpiryAudience): void {
  for (const kind of kinds) audiences.set(kind, audience);
}

/** Disclosures resting on consents whose last day has passed: ended now, with their relations. */
export async function endExpired(scope: Scope): Promise<EndedDisclosure[]> {
  const consentIds = await repo.expiredWithOpenDisclosures(scope, scope.today);
  return endWhere(scope, { consentIds }, 'consent_expired');
}

/**
 * One notice per person and consent once the consent is within the municipality's reminder
 * window (a missed day is caught up the next; the dedupe key keeps it to one). Notices name no child.
 */
export async function expiryReminders(scope: Scope): Promise<NewNotice[]> {
  const { expiryReminderDays } = await settingsFor(scope);
  const rows = await repo.expiringWithOpenDisclosures(scope, scope.today, addDays(scope.today, expiryReminderDays));
  const items: ExpiringDisclosure[] = rows.map((r) => ({ disclosureId: r.id, consentId: r.consentId, childId: r.childId, kind: r.kind, sourceId: r.sourceId, disclosedBy: r.disclosedBy }));
  const validTo = new Map(rows.map((r) => [r.id, r.validTo]));
  const byKind = new Map<DisclosureKind, ExpiringDisclosure[]>();
  for (const i of items) byKind.set(i.kind, [...(byKind.get(i.kind) ?? []), i]);
  const targets: { disclosureId: string; userId: string; link: string | null }[] = [];
  for (const [kind, group] of byKind) {
    const audience = audiences.get(kind);
    if (audience) targets.push(...(await audience(scope, group)));
    else targets.push(...group.map((i) => ({ disclosureId: i.disclosureId, userId: i.disclosedBy, link: null })));
  }
  const consentOf = new Map(items.map((i) => [i.disclosureId, i.consentId]));
  const notices = new Map<string, NewNotice>();
  for (const t of targets) {
    const consentId = consentOf.get(t.disclosureId)!;
    const last = validTo.get(t.disclosureId)!;
    const dedupeKey = `consent.expiring:${consentId}`;
    notices.set(`${t.userId}|${dedupeKey}`, {
      userId: t.userId,
      kind: 'consent.expiring',
      params: { validTo: last, daysLeft: daysBetween(scope.today, last) },
      link: t.link,
      dedupeKey,
    });
  }
  return [...notices.values()];
}
