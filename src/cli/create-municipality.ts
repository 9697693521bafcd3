// `npm run create-municipality -- <code> "<name>" <admin username> <admin password>`:
// a new tenant with its first administrator (who then builds the organisation or imports it).
import { randomUUID } from 'node:crypto';
import { systemActor } from '../access/actor.ts';
import { withScope, systemClock } from '../access/scope.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { createMunicipality } from '../db/tenants.ts';
import { dayInCopenhagen } from '../domain/calendar.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../modules/auth/passwords.ts';

const [code, name, username, password] = process.argv.slice(2);
if (!code || !/^\d{3}$/.test(code) || !name || !username || !password || password.length < MIN_PASSWORD_LENGTH) {
  process.stderr.write(`Brug: npm run create-municipality -- <kommunekode> "<navn>" <admin-brugernavn> <adgangskode (mindst ${MIN_PASSWORD_LENGTH} tegn)>\n`);
  process.exit(2);
}
const config = loadConfig();
const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
try {
  await migrate(db.pool);
  const municipalityId = await createMunicipality(db, { code, name });
  await withScope({ db, clock: systemClock }, systemActor(municipalityId, 'Kommune oprettet'), async (scope) => {
    const userId = randomUUID();
    await scope.trx
      .insertInto('users')
      .values({
        municipalityId,
        id: userId,
        username: username.toLowerCase(),
        displayName: 'Administrator',
        email: null,
        profession: 'administrativ',
        passwordHash: await hashPassword(password),
        ssoSubject: null,
        blockedAt: null,
        deactivatedAt: null,
      })
      .execute();
    await scope.trx
      .insertInto('memberships')
      .values({ municipalityId, id: randomUUID(), userId, role: 'admin', unitKind: 'municipality', unitId: municipalityId, validFrom: dayInCopenhagen(scope.now), validTo: null })
      .execute();
    scope.audit({ action: 'create', resourceType: 'user', resourceId: userId, details: { role: 'admin' } });
  });
  process.stdout.write(`Kommune ${code} ${name} oprettet (${municipalityId}) med administrator ${username}.\n`);
} finally {
  await db.close();
}
