// Job: consents that run out (S14). Each morning, per municipality: disclosures whose consent's
// last day has passed are recorded as ended ('consent_expired', with their access), and those
// relying on a consent that ends within the municipality's reminder window get a notice once.
// Access itself never waits for this job: the child relation ends with the consent's last day.
import { systemActor } from '../access/actor.ts';
import { withScope, type DataContext } from '../access/scope.ts';
import { endExpired, expiryReminders } from '../modules/consent/expiry.ts';
import { deliver } from '../modules/notices/service.ts';

export const CONSENT_EXPIRY = 'consent-expiry';

export async function runConsentExpiry(ctx: DataContext): Promise<{ municipalities: number; ended: number; delivered: number }> {
  const municipalities = await ctx.db.kysely.selectFrom('municipalities').select('id').orderBy('id').execute();
  let ended = 0;
  let delivered = 0;
  for (const m of municipalities) {
    // Its own scoped transaction per municipality: one failing does not hold back the others.
    const result = await withScope(ctx, systemActor(m.id, 'Samtykker der udløber: påmindelser og ophør af videregivelser'), async (scope) => {
      const endedNow = await endExpired(scope);
      const count = await deliver(scope, await expiryReminders(scope));
      if (count > 0) scope.audit({ action: 'create', resourceType: 'notice', purpose: 'consent.expiring', details: { job: CONSENT_EXPIRY, delivered: count } });
      return { ended: endedNow.length, delivered: count };
    });
    ended += result.ended;
    delivered += result.delivered;
  }
  return { municipalities: municipalities.length, ended, delivered };
}
