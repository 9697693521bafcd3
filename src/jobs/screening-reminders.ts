// Job: remind raters and leaders before a screening round closes (S2, issue 4 item 2). Runs
// every morning and once at start-up; a reminder already delivered is not delivered again,
// so running it twice (or after a missed day) is harmless.
import { systemActor } from '../access/actor.ts';
import { withScope, type DataContext } from '../access/scope.ts';
import { deliver } from '../modules/notices/service.ts';
import { remindersDue } from '../modules/screening/reminders.ts';

export const SCREENING_REMINDERS = 'screening-reminders';

export async function runScreeningReminders(ctx: DataContext): Promise<{ municipalities: number; delivered: number }> {
  const municipalities = await ctx.db.kysely.selectFrom('municipalities').select('id').orderBy('id').execute();
  let delivered = 0;
  for (const m of municipalities) {
    // One municipality at a time, each in its own scoped transaction: a failure in one
    // does not hold back the reminders of the others.
    delivered += await withScope(ctx, systemActor(m.id, 'Påmindelser før trivselsrunder lukker'), async (scope) => {
      const count = await deliver(scope, await remindersDue(scope));
      if (count > 0) scope.audit({ action: 'create', resourceType: 'notice', purpose: 'screening.reminder', details: { job: SCREENING_REMINDERS, delivered: count } });
      return count;
    });
  }
  return { municipalities: municipalities.length, delivered };
}
