// Build the migrated template database that every test database is cloned from
// (CREATE DATABASE … TEMPLATE is a file copy: far faster than migrating per test file).
// Usage: TEST_DATABASE_URL=<superuser url> node --import tsx scripts/prepare-test-db.ts
import pg from 'pg';
import { openDatabase } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';

const adminUrl = process.env.TEST_DATABASE_URL;
const template = process.env.TIDLIG_TEST_TEMPLATE ?? 'tidlig_template';
if (!adminUrl) {
  process.stderr.write('prepare-test-db: set TEST_DATABASE_URL to a PostgreSQL superuser URL\n');
  process.exit(2);
}

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
const ident = admin.escapeIdentifier(template);
try {
  // A template database cannot be dropped; unmark it first (a leftover from an earlier run).
  const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
  if (existing.rowCount) {
    await admin.query(`ALTER DATABASE ${ident} WITH IS_TEMPLATE false`);
    await admin.query(`DROP DATABASE ${ident} WITH (FORCE)`);
  }
  await admin.query(`CREATE DATABASE ${ident}`);

  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(template)}`;
  const db = await openDatabase({ url: url.toString(), poolSize: 1 });
  try {
    await migrate(db.pool);
  } finally {
    // Nobody may stay connected: CREATE DATABASE … TEMPLATE refuses a template in use.
    await db.close();
    // Kysely ends only a pool it has used itself; migrate() used the pool directly.
    if (!db.pool.ended) await db.pool.end();
  }
  await admin.query(`ALTER DATABASE ${ident} WITH IS_TEMPLATE true`);
} finally {
  await admin.end();
}
