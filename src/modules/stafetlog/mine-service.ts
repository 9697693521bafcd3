// A professional's own view (issue 5 item 5): "my stafetlogs", due actions and evaluations,
// relays awaiting my acceptance and receipts for the ones I sent; the staff directory to add
// or relay to; the municipality's concern labels.
import type { Scope } from '../../access/scope.ts';
import { addDays } from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';
import { labelsOf, RESOURCE } from './log-access.ts';
import { isOverdue } from './policy.ts';
import { DEFAULT_CONCERN_LABELS, nextDue } from './presenter.ts';
import * as mineRepo from './mine-repo.ts';
import * as repo from './repo.ts';
import type { MineOut } from './schema.ts';

/** Actions and evaluations show up in "mine" this many days before their date. */
export const MINE_HORIZON_DAYS = 14;
/** Receipts for relays sent within this many days. */
export const RECEIPT_DAYS = 90;

function staffUser(scope: Scope): string {
  if (scope.actor.kind !== 'staff' || !scope.actor.userId) throw new AppError('auth.required', 401);
  scope.require('stafetlog.work', { resourceType: RESOURCE });
  return scope.actor.userId;
}

const nameOf = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`;

export async function mine(scope: Scope): Promise<MineOut> {
  const me = staffUser(scope);
  const today = scope.today;
  const horizon = addDays(today, MINE_HORIZON_DAYS);
  const logs = await mineRepo.myOpenLogs(scope, me);
  const ids = logs.map((l) => l.id);
  const [levels, actions, evaluations] = await Promise.all([repo.levelsOf(scope, ids), repo.actionsOf(scope, ids), repo.evaluationsOf(scope, ids)]);
  const led = await repo.ledInstitutions(scope, me);
  const [awaiting, sent] = await Promise.all([mineRepo.pendingRelaysFor(scope, me, led), mineRepo.relaysSentBy(scope, me, new Date(scope.now.getTime() - RECEIPT_DAYS * 86_400_000))]);
  const byLog = new Map(logs.map((l) => [l.id, l]));
  const of = <T extends { logId: string }>(rows: readonly T[], logId: string) => rows.filter((r) => r.logId === logId);

  const out: MineOut = {
    concernLabels: await labelsOf(scope),
    logs: logs.map((l) => {
      const mine = of(levels, l.id).filter((x) => x.authorKind === 'staff' && x.authorId === me);
      return {
        id: l.id,
        child: { id: l.childId, name: nameOf(l) },
        part: l.holderUserId === me ? 'stafetholder' : l.part,
        holder: { userId: l.holderUserId, name: l.holderName },
        openedAt: l.openedAt.toISOString(),
        myLevel: mine.length ? mine[mine.length - 1]!.level : null,
        nextDue: nextDue(of(actions, l.id), of(evaluations, l.id)),
      };
    }),
    dueActions: actions
      .filter((a) => a.status === 'open' && a.ownerUserId === me && a.dueDate <= horizon)
      .map((a) => ({ id: a.id, logId: a.logId, childName: nameOf(byLog.get(a.logId)!), text: a.text, dueDate: a.dueDate, overdue: isOverdue({ dueDate: a.dueDate, done: false }, today) })),
    dueEvaluations: evaluations
      .filter((v) => v.heldAt === null && byLog.get(v.logId)!.holderUserId === me && v.dueDate <= horizon)
      .map((v) => ({ id: v.id, logId: v.logId, childName: nameOf(byLog.get(v.logId)!), dueDate: v.dueDate, overdue: isOverdue({ dueDate: v.dueDate, done: false }, today) })),
    relaysAwaiting: awaiting.map((r) => ({ id: r.id, logId: r.logId, childName: nameOf(r), from: { name: r.fromName }, message: r.message, createdAt: r.createdAt.toISOString() })),
    receipts: sent.map((r) => ({
      id: r.id,
      logId: r.logId,
      childName: nameOf(r),
      to: { name: r.toUserName ?? r.toInstitutionName ?? '' },
      status: r.status,
      answeredAt: r.answeredAt ? r.answeredAt.toISOString() : null,
    })),
  };
  // Every child named on the page is a use of that child's data.
  const children = new Set([...logs.map((l) => l.childId), ...awaiting.map((r) => r.childId), ...sent.map((r) => r.childId)]);
  for (const childId of children) scope.audit({ action: 'list', resourceType: RESOURCE, childId, purpose: 'stafetlog.mine' });
  return out;
}

/** Active staff of the municipality whose name or username matches, with the units they work in today. */
export async function directory(scope: Scope, q: string) {
  staffUser(scope);
  const { users, units } = await mineRepo.directory(scope, q);
  return users.map((u) => ({
    userId: u.id,
    name: u.displayName,
    profession: u.profession,
    units: units.filter((m) => m.userId === u.id).map((m) => ({ role: m.role, unitKind: m.unitKind, unitName: m.unitName })),
  }));
}

function requireManage(scope: Scope) {
  scope.require('consent.manage', { resourceType: 'stafetlog_settings' });
}

/** Version 0: the defaults, never saved. */
export async function readSettings(scope: Scope) {
  requireManage(scope);
  const row = await repo.concernLabels(scope);
  return row ? { concernLabels: row.labels, version: row.version } : { concernLabels: [...DEFAULT_CONCERN_LABELS], version: 0 };
}

export async function updateSettings(scope: Scope, version: number, input: { concernLabels: string[] }) {
  requireManage(scope);
  const ok = version === 0 ? await repo.insertSettings(scope, input.concernLabels) : await repo.updateSettings(scope, version, input.concernLabels);
  if (!ok) throw new AppError('version.mismatch', 412);
  scope.audit({ action: 'update', resourceType: 'stafetlog_settings', details: { fields: ['concernLabels'] } });
  return readSettings(scope);
}
