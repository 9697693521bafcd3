// Job: reminders for the stafetlog's due actions and evaluations (S4: "reminders for due
// actions and evaluations"). Runs every morning and once at start-up. An action's owner is told
// from 2 days before its due date, and again once it is overdue; the holder likewise for an
// evaluation. Dedupe keys carry the date, so a moved date reminds again and a re-run does not.
import { systemActor } from '../access/actor.ts';
import { withScope, type DataContext } from '../access/scope.ts';
import { addDays } from '../domain/calendar.ts';
import { deliver, type NewNotice } from '../modules/notices/service.ts';
import { reminderFor, REMIND_DAYS_BEFORE } from '../modules/stafetlog/policy.ts';
import { actionsDue, evaluationsDue } from '../modules/stafetlog/mine-repo.ts';

export const STAFETLOG_REMINDERS = 'stafetlog-reminders';

export async function runStafetlogReminders(ctx: DataContext): Promise<{ municipalities: number; delivered: number }> {
  const municipalities = await ctx.db.kysely.selectFrom('municipalities').select('id').orderBy('id').execute();
  let delivered = 0;
  for (const m of municipalities) {
    // One municipality per transaction: a failure in one does not hold back the others.
    delivered += await withScope(ctx, systemActor(m.id, 'Påmindelser om handlinger og evalueringer i stafetlogs'), async (scope) => {
      const until = addDays(scope.today, REMIND_DAYS_BEFORE);
      const notices: NewNotice[] = [];
      // A notice names no child (reading one is not a use of the child's data): the date and a link.
      for (const a of await actionsDue(scope, until)) {
        const when = reminderFor(a.dueDate, scope.today);
        if (!when || !a.ownerUserId) continue;
        notices.push({
          userId: a.ownerUserId,
          kind: when === 'due' ? 'stafetlog.action_due' : 'stafetlog.action_overdue',
          params: { dueDate: a.dueDate },
          link: `/stafetlog/${a.logId}`,
          dedupeKey: `stafetlog-action:${a.id}:${a.dueDate}:${when}`,
        });
      }
      for (const v of await evaluationsDue(scope, until)) {
        const when = reminderFor(v.dueDate, scope.today);
        if (!when) continue;
        notices.push({
          userId: v.holderUserId,
          kind: when === 'due' ? 'stafetlog.evaluation_due' : 'stafetlog.evaluation_overdue',
          params: { dueDate: v.dueDate },
          link: `/stafetlog/${v.logId}`,
          dedupeKey: `stafetlog-evaluation:${v.id}:${v.dueDate}:${when}`,
        });
      }
      const count = await deliver(scope, notices);
      if (count > 0) scope.audit({ action: 'create', resourceType: 'notice', purpose: 'stafetlog.reminder', details: { job: STAFETLOG_REMINDERS, delivered: count } });
      return count;
    });
  }
  return { municipalities: municipalities.length, delivered };
}
