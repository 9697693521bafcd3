// `npm run audit:verify [-- <municipality code>]`: recompute every municipality's audit hash
// chain and report the first broken row. Exit code 1 when any chain is broken. After retention
// has deleted the oldest rows, the chain is verified from its anchor (the seq and hash of the
// last deleted row, docs/adr/0006).
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { verifyChainOf } from '../modules/audit/repo.ts';

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const only = process.argv[2];
let broken = 0;
try {
  const municipalities = await db.kysely.selectFrom('municipalities').select(['id', 'code', 'name']).orderBy('code').execute();
  for (const m of municipalities.filter((x) => !only || x.code === only)) {
    const result = await db.kysely.transaction().execute(async (trx) => {
      await sql`SELECT set_config('app.municipality_id', ${m.id}, true)`.execute(trx);
      return verifyChainOf(trx, m.id);
    });
    if (!result.ok) broken += 1;
    process.stdout.write(
      `${m.code} ${m.name}: ${result.ok ? 'OK' : `BRUDT ved række ${result.brokenAtSeq}`} (${result.checked} rækker kontrolleret${result.anchorSeq ? `, fra anker efter række ${result.anchorSeq}` : ''})\n`,
    );
  }
} finally {
  await db.close();
}
process.exit(broken ? 1 : 0);
