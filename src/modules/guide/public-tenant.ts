// Reads for citizens without a session (the public /guide): there is no actor, so withScope
// (which audits as an actor) does not fit. This opens a READ ONLY transaction in the chosen
// municipality as role tidlig_app — the same tenant setting and role a scope uses, so
// row-level security applies — and hands the guide queries a GuideTx. Nothing personal is
// read here: the guide's public entries only (the service filters on is_public), so nothing
// is audited.
import type { Transaction } from 'kysely';
import { enterTenant, type DataContext } from '../../access/scope.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { guideTx, type GuideTx } from './tables.ts';

export interface PublicMunicipality {
  id: string;
  code: string;
  name: string;
}

/** The registry is not tenant data (the log-in page lists it): read outside any tenant. */
export async function municipalityByCode(ctx: DataContext, code: string): Promise<PublicMunicipality> {
  const m = await ctx.db.kysely.selectFrom('municipalities').select(['id', 'code', 'name']).where('code', '=', code).executeTakeFirst();
  if (!m) throw new AppError('municipality.not_found', 404);
  return m;
}

export async function withPublicTenant<T>(ctx: DataContext, code: string, fn: (tx: GuideTx, municipality: PublicMunicipality) => Promise<T>): Promise<T> {
  const municipality = await municipalityByCode(ctx, code);
  return ctx.db.kysely
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx: Transaction<DB>) => {
      await enterTenant(trx, municipality.id);
      return fn(guideTx({ trx, municipalityId: municipality.id }), municipality);
    });
}
