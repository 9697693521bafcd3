// `npm run audit:verify [-- <municipality code>]`: recompute every municipality's audit hash
// chain and report the first broken row. Exit code 1 when any chain is broken. After retention
// has deleted the oldest rows, the chain is verified from its anchor (the seq and hash of the
// last deleted row, docs/adr/0006).
import { sql } from 'kysely';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { ChainVerifier } from '../domain/audit-chain.ts';

const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const only = process.argv[2];
let broken = 0;
try {
  const municipalities = await db.kysely.selectFrom('municipalities').select(['id', 'code', 'name']).orderBy('code').execute();
  for (const m of municipalities.filter((x) => !only || x.code === only)) {
    const result = await db.kysely.transaction().execute(async (trx) => {
      await sql`SELECT set_config('app.municipality_id', ${m.id}, true)`.execute(trx);
      // Filtered explicitly too: run as a superuser (who bypasses row-level security) the
      // municipalities' chains would otherwise mix.
      const anchor = await trx.selectFrom('auditAnchors').select(['seq', 'hash']).where('municipalityId', '=', m.id).executeTakeFirst();
      const verifier = new ChainVerifier(anchor?.hash, anchor?.seq);
      let after = anchor?.seq ?? 0;
      for (;;) {
        const rows = await trx.selectFrom('auditEvents').selectAll().where('municipalityId', '=', m.id).where('seq', '>', after).orderBy('seq').limit(5000).execute();
        if (rows.length === 0 || !rows.every((r) => verifier.push(r))) break;
        after = rows[rows.length - 1]!.seq;
      }
      const head = await trx.selectFrom('auditHeads').select('seq').where('municipalityId', '=', m.id).executeTakeFirst();
      return { ...verifier.result(head?.seq ?? 0), anchorSeq: anchor?.seq };
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
