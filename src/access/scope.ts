// scope(actor): the only door to tenant data. A scoped transaction runs as role tidlig_app
// with the actor's municipality set, so row-level security applies to every statement;
// the relation filter (relations.ts) narrows children further; audit rows are written in
// the same transaction just before it commits.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/connect.ts';
import type { DB } from '../db/types.ts';
import { dayInCopenhagen } from '../domain/calendar.ts';
import type { Permission } from '../domain/roles.ts';
import { AppError } from '../errors.ts';
import { hasPermission, type Actor } from './actor.ts';
import { appendAudit, toAuditRow, type AuditInput } from './audit.ts';
import { allowedChildIds, childAccessQuery } from './relations.ts';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface DataContext {
  db: Database;
  clock: Clock;
}

export class Scope {
  private readonly pending: AuditInput[] = [];
  private readonly denials: AuditInput[] = [];

  constructor(
    readonly trx: Transaction<DB>,
    readonly actor: Actor,
    readonly now: Date,
  ) {}

  get municipalityId(): string {
    return this.actor.municipalityId;
  }

  /** Today in Copenhagen: validity periods (enrolments, memberships) are calendar days. */
  get today(): string {
    return dayInCopenhagen(this.now);
  }

  audit(input: AuditInput): void {
    this.pending.push(input);
  }

  /** Throws 403 and records the denied attempt (kept even though the transaction rolls back). */
  require(permission: Permission, what: Omit<AuditInput, 'action' | 'outcome'> = { resourceType: permission }): void {
    if (!hasPermission(this.actor, permission)) this.deny(what, new AppError('access.denied', 403));
  }

  /** Record a denied attempt and throw the given error (404 for records the actor may not know of). */
  deny(what: Omit<AuditInput, 'action' | 'outcome'>, error: AppError): never {
    this.denials.push({ ...what, action: 'access_denied', outcome: 'denied' });
    throw error;
  }

  /** Which of these children the actor may see now: one query, not one per child. */
  allowedChildIds(ids: readonly string[]): Promise<Set<string>> {
    return allowedChildIds(this.trx, this.actor, this.today, ids);
  }

  /** A subquery of child ids the actor may see now, to join into list queries. */
  childAccess() {
    return childAccessQuery(this.trx, this.actor, this.today);
  }

  /** @internal */
  async flushAudit(): Promise<void> {
    const rows = this.pending.splice(0).map((i) => toAuditRow(this.actor, i, this.now));
    await appendAudit(this.trx, this.actor.municipalityId, rows);
  }

  /** @internal */
  takeDenials(): AuditInput[] {
    return this.denials.splice(0);
  }
}

/** The municipality (row-level security) and the application role for the rest of the transaction. */
export async function enterTenant(trx: Transaction<DB>, municipalityId: string): Promise<void> {
  // One round trip: set_config('role', …, true) is SET LOCAL ROLE (as PostgREST does it).
  await sql`SELECT set_config('app.municipality_id', ${municipalityId}, true), set_config('role', 'tidlig_app', true)`.execute(trx);
}

/**
 * Run fn in one transaction scoped to the actor. Everything fn reads or writes, and the
 * audit rows it records, commit together or not at all.
 */
export async function withScope<T>(ctx: DataContext, actor: Actor, fn: (scope: Scope) => Promise<T>): Promise<T> {
  let scope: Scope | undefined;
  try {
    return await ctx.db.kysely.transaction().execute(async (trx) => {
      await enterTenant(trx, actor.municipalityId);
      scope = new Scope(trx, actor, ctx.clock.now());
      const result = await fn(scope);
      try {
        await scope.flushAudit();
      } catch (err) {
        throw new AppError('audit.failed', 503, undefined, { cause: err });
      }
      return result;
    });
  } catch (err) {
    const denials = scope?.takeDenials() ?? [];
    if (denials.length > 0) {
      try {
        await recordDenials(ctx, actor, denials);
      } catch (cause) {
        // A refusal that cannot be audited is an audit failure, like a write that cannot be.
        throw new AppError('audit.failed', 503, undefined, { cause });
      }
    }
    throw err;
  }
}

/** Denied attempts are audited in their own transaction, after the request's rolled back. */
async function recordDenials(ctx: DataContext, actor: Actor, denials: AuditInput[]): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await enterTenant(trx, actor.municipalityId);
    const now = ctx.clock.now();
    await appendAudit(
      trx,
      actor.municipalityId,
      denials.map((d) => toAuditRow(actor, d, now)),
    );
  });
}
