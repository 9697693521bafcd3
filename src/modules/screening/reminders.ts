// Which reminders are due today (S2, issue 4 item 2), as notices for the notices module: for
// each open round whose reminder day has come, every rater of a group with children still
// missing gets one notice with the count across their groups, and each institution leader one
// for the institution. Counts only — no child is named — so nothing is audited per child.
import type { Scope } from '../../access/scope.ts';
import { dueReminder } from '../../domain/screening-reminders.ts';
import type { NewNotice } from '../notices/service.ts';
import { coverageByGroup } from './coverage.ts';
import * as repo from './repo.ts';

interface Recipient {
  userId: string;
  leader: boolean;
}

/** Staff who rate (fagperson) or lead (leder) in these groups or institutions today; blocked or deactivated users are left out. */
function ratersAndLeaders(scope: Scope, unitIds: readonly string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return scope.trx
    .selectFrom('memberships as m')
    .innerJoin('users as u', (j) => j.onRef('u.municipalityId', '=', 'm.municipalityId').onRef('u.id', '=', 'm.userId'))
    .select(['m.userId', 'm.role', 'm.unitKind', 'm.unitId'])
    .where('m.role', 'in', ['fagperson', 'leder'])
    .where('m.unitKind', 'in', ['group', 'institution'])
    .where('m.unitId', 'in', unitIds)
    .where('m.validFrom', '<=', scope.today)
    .where((eb) => eb.or([eb('m.validTo', 'is', null), eb('m.validTo', '>=', scope.today)]))
    .where('u.deactivatedAt', 'is', null)
    .where('u.blockedAt', 'is', null)
    .execute();
}

export async function remindersDue(scope: Scope): Promise<NewNotice[]> {
  const notices: NewNotice[] = [];
  for (const round of await repo.listRounds(scope, { openOn: scope.today })) {
    const due = dueReminder(round, scope.today);
    if (!due) continue;
    const groups = await repo.groupsWithInstitutions(scope, { institutionTypes: round.institutionTypes });
    const cover = await coverageByGroup(scope, round, groups.map((g) => g.id));
    const missing = (groupId: string) => cover.get(groupId)!.total - cover.get(groupId)!.done;
    const unfinished = groups.filter((g) => missing(g.id) > 0);
    if (unfinished.length === 0) continue;

    // Each recipient's groups: a fagperson in a group has that group; a fagperson or leader in an
    // institution has all its unfinished groups.
    const perUser = new Map<string, { recipient: Recipient; groupIds: Set<string> }>();
    const members = await ratersAndLeaders(scope, [...new Set(unfinished.flatMap((g) => [g.id, g.institutionId]))]);
    for (const m of members) {
      const own = unfinished.filter((g) => (m.unitKind === 'group' ? g.id === m.unitId : g.institutionId === m.unitId));
      const entry = perUser.get(m.userId) ?? { recipient: { userId: m.userId, leader: false }, groupIds: new Set<string>() };
      if (m.role === 'leder') entry.recipient.leader = true;
      for (const g of own) entry.groupIds.add(g.id);
      perUser.set(m.userId, entry);
    }
    for (const { recipient, groupIds } of perUser.values()) {
      if (groupIds.size === 0) continue;
      notices.push({
        userId: recipient.userId,
        kind: recipient.leader ? 'screening.reminder_leader' : 'screening.reminder',
        params: {
          round: round.name,
          closesOn: round.closesOn,
          daysLeft: due.daysLeft,
          missing: [...groupIds].reduce((n, id) => n + missing(id), 0),
          groups: groupIds.size,
        },
        link: '/trivsel',
        dedupeKey: `screening.reminder:${round.id}:${due.leadDays}`,
      });
    }
  }
  return notices;
}
