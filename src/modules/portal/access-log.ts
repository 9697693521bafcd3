// "Who has seen my child's data" (S15): the child's audit trail as its custody holders see it.
// Every actor's rows (professionals, the other custody holder, jobs, refused attempts), newest
// first; professionals by name and role, or by role only when the municipality says so
// (consent_settings.portal_shows_staff_names). Reading it is itself audited by the caller.
import type { Scope } from '../../access/scope.ts';
import type { AccessLogPage } from './schema.ts';
import { presentAccessRow } from './presenter.ts';

export const ACCESS_LOG_PAGE_SIZE = 25;

export async function accessLogPage(scope: Scope, childId: string, page: number, showStaffNames: boolean): Promise<AccessLogPage> {
  const base = scope.trx.selectFrom('auditEvents as a').where('a.childId', '=', childId);
  const rows = await base
      .leftJoin('users as u', (j) =>
        j.onRef('u.municipalityId', '=', 'a.municipalityId').onRef('u.id', '=', 'a.actorUserId').on('a.actorKind', '=', 'staff'),
      )
      .select(['a.at', 'a.actorKind', 'a.actorName', 'a.actorRole', 'a.action', 'a.resourceType', 'a.purpose', 'a.outcome', 'u.profession'])
      .orderBy('a.at', 'desc')
      .orderBy('a.seq', 'desc')
      .limit(ACCESS_LOG_PAGE_SIZE)
      .offset((page - 1) * ACCESS_LOG_PAGE_SIZE)
      .execute();
  const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return {
    rows: rows.map((r) => presentAccessRow(r, showStaffNames)),
    total: Number(count.n),
    page,
    pageSize: ACCESS_LOG_PAGE_SIZE,
  };
}
