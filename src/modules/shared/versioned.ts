// Versioned update for any tenant table with id + version: one statement, 412 when stale,
// the table's not-found error when the row is missing (or belongs to another municipality).
import type { Scope } from '../../access/scope.ts';
import { AppError, type ErrorCode } from '../../errors.ts';

type VersionedTable = 'districts' | 'institutions' | 'groups' | 'teams' | 'users' | 'children' | 'custodyHolders';

export async function updateVersioned(
  scope: Scope,
  table: VersionedTable,
  id: string,
  expectedVersion: number,
  changes: Record<string, unknown>,
  notFoundCode: ErrorCode,
): Promise<void> {
  const result = await scope.trx
    .updateTable(table)
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }) as never)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return;
  const exists = await scope.trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  throw exists ? new AppError('version.mismatch', 412) : new AppError(notFoundCode, 404);
}

/** Map a unique-constraint violation to a 409 with our code, so bad input never becomes a 500. */
export async function uniqueOr409<T>(fn: () => Promise<T>, code: ErrorCode): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw new AppError(code, 409);
    throw err;
  }
}
