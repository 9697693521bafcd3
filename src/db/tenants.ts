// Creating a municipality (tenant) is an owner operation: the application role may read
// the registry but never write it. Everything inside the tenant goes through scope().
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from './connect.ts';

export interface NewMunicipality {
  id?: string;
  code: string;
  name: string;
  settings?: Record<string, unknown>;
}

export async function createMunicipality(db: Database, m: NewMunicipality): Promise<string> {
  const id = m.id ?? randomUUID();
  await db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('municipalities').values({ id, code: m.code, name: m.name }).execute();
    // FORCE row-level security applies to the owner too (unless superuser).
    await sql`SELECT set_config('app.municipality_id', ${id}, true)`.execute(trx);
    await trx
      .insertInto('municipalitySettings')
      .values({ municipalityId: id, settings: JSON.stringify(m.settings ?? {}), updatedAt: new Date() })
      .execute();
  });
  return id;
}

export async function findMunicipalityByCode(db: Database, code: string) {
  return db.kysely.selectFrom('municipalities').selectAll().where('code', '=', code).executeTakeFirst();
}
