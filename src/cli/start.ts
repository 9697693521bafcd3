// `npm start`: open the database (embedded PGlite by default), migrate, seed the demo
// municipality once, and serve the API and the web app.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { dayInCopenhagen } from '../domain/calendar.ts';
import { buildApp } from '../http/app.ts';
import { startJobs, type Jobs } from '../jobs/boss.ts';
import { systemClock } from '../access/scope.ts';
import { seedDemo } from './seed-demo.ts';

const started = performance.now();
const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const applied = await migrate(db.pool);
const lines: string[] = [];
lines.push(`Database: ${db.kind === 'pglite' ? `indlejret PGlite i ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
if (applied.length) lines.push(`Migreringer kørt: ${applied.join(', ')}`);

let logins: { username: string; description: string }[] = [];
let password = '';
if (config.demo) {
  const { DEMO_PASSWORD } = await import('./seed-demo.ts');
  const summary = await seedDemo(db, { today: dayInCopenhagen(new Date()) });
  lines.push(summary.seeded ? `Demo Kommune oprettet (${summary.counts.children} børn)` : 'Demo Kommune findes allerede');
  logins = summary.logins;
  password = DEMO_PASSWORD;
}

const app = await buildApp({ config, db });
await app.listen({ port: config.port, host: config.host });
const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;

const out = [
  '',
  `Tidlig kører på ${url}  (klar efter ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  ...lines,
];
if (logins.length) {
  out.push('', `Demo-logins (kommune: Demo Kommune, adgangskode: ${password}):`);
  for (const l of logins) out.push(`  ${l.username.padEnd(18)} ${l.description}`);
}
out.push('');
process.stdout.write(`${out.join('\n')}\n`);
// Benchmarks and scripts wait for this line.
process.stdout.write(`TIDLIG_READY ${url}\n`);

// Jobs (reminders) start after the server answers: a slow queue start-up never delays the app.
let jobs: Jobs | undefined;
try {
  jobs = await startJobs({ db, clock: systemClock }, { onError: (err) => app.log.error({ err: err.message }, 'job queue error') });
} catch (err) {
  app.log.error({ err: (err as Error).message }, 'the job queue did not start; reminders are not sent');
}

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    if (closing) return;
    closing = true;
    await jobs?.stop();
    await app.close();
    await db.close();
    process.exit(0);
  });
}
