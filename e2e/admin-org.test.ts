// The administrator's organisation journey in real Chromium (S1): create an institution and
// a group and see them in the tree; create a staff member and give them a role in that
// group; rename with If-Match and see a concurrent change refused; unblock a blocked
// account; register a child and enrol it. axe (WCAG 2.1 A/AA) on every admin page and
// its dialogs, the import page also on a 375×667 phone.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { fictitiousCpr } from '../src/domain/cpr.ts';
import { checkA11y, formatCpr, login, startE2E, type E2E } from './helpers.ts';

let env: E2E;
const PHONE = { width: 375, height: 667 };
const suffix = randomUUID().slice(0, 6);
const INSTITUTION = `Børnehuset Testhuset ${suffix}`;
const GROUP = `Stue Test ${suffix}`;
const USERNAME = `test.person.${suffix}`;
const STAFF_NAME = `Testa Person ${suffix}`;

before(async () => {
  env = await startE2E();
});

after(async () => {
  await env?.close();
});

/** A fictitious CPR (month + 20) that no child or custody holder in the demo data has. */
async function freshCpr(birthDay: string, start: number): Promise<string> {
  for (let serial = start; serial < start + 500; serial += 1) {
    const cpr = fictitiousCpr(birthDay, serial);
    const taken = await env.query(async (trx) => {
      const r = await sql<{ n: number }>`SELECT (SELECT count(*) FROM children WHERE cpr = ${cpr}) + (SELECT count(*) FROM custody_holders WHERE cpr = ${cpr}) AS n`.execute(trx);
      return Number(r.rows[0]?.n ?? 0);
    });
    if (!taken) return cpr;
  }
  throw new Error('no free fictitious CPR');
}

test('the administrator creates an institution and a group and sees them in the tree', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    assert.equal(new URL(page.url()).pathname, '/admin/organisation');
    assert.equal(await page.title(), 'Organisation – Tidlig');
    await page.getByRole('heading', { level: 2, name: 'Distrikter, institutioner og grupper' }).waitFor();
    await page.getByRole('button', { name: /Distrikt Nord/ }).waitFor();
    await checkA11y(page, 'organisation');

    // The tree opens by keyboard: district → institutions with type and child counts → groups.
    await page.getByRole('button', { name: /Distrikt Nord/ }).focus();
    await page.keyboard.press('Enter');
    const solsikken = page.getByRole('button', { name: /Børnehaven Solsikken/ });
    await solsikken.waitFor();
    assert.match((await solsikken.innerText()).replace(/\s+/g, ' '), /Børnehave · \d+ børn · \d+ grupper/);
    await solsikken.click();
    await page.getByRole('table', { name: 'Grupper og klasser i Børnehaven Solsikken' }).waitFor();
    await checkA11y(page, 'organisation, åbent træ');
    if (process.env.TIDLIG_E2E_SCREENSHOTS) await page.screenshot({ path: `${process.env.TIDLIG_E2E_SCREENSHOTS}/admin-organisation.png`, fullPage: true });

    // Create an institution; an empty form first shows Danish errors.
    await page.getByRole('button', { name: 'Opret institution', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Opret institution' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Opret institution' }).click();
    await dialog.getByRole('link', { name: 'Skriv institutionens navn' }).waitFor();
    await dialog.getByRole('link', { name: 'Vælg institutionstype' }).waitFor();
    await checkA11y(page, 'opret institution med fejl');
    await dialog.getByLabel('Institutionens navn').fill(INSTITUTION);
    await dialog.getByLabel('Institutionstype').selectOption({ label: 'Børnehave' });
    await dialog.getByLabel('Distrikt').selectOption({ label: 'Distrikt Nord' });
    await dialog.getByRole('button', { name: 'Opret institution' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Institutionen »${INSTITUTION}« er oprettet.`).waitFor();
    const created = page.getByRole('button', { name: new RegExp(`^${INSTITUTION} `) });
    await created.waitFor();
    assert.match((await created.innerText()).replace(/\s+/g, ' '), /Børnehave · 0 børn · 0 grupper/);

    // The same name again is refused on the name field (409 name.taken).
    await page.getByRole('button', { name: 'Opret institution', exact: true }).click();
    const again = page.getByRole('dialog', { name: 'Opret institution' });
    await again.getByLabel('Institutionens navn').fill(INSTITUTION);
    await again.getByLabel('Institutionstype').selectOption({ label: 'Børnehave' });
    await again.getByLabel('Distrikt').selectOption({ label: 'Distrikt Nord' });
    await again.getByRole('button', { name: 'Opret institution' }).click();
    await again.getByRole('link', { name: 'Navnet er allerede i brug.' }).waitFor();
    await again.getByRole('button', { name: 'Annullér' }).click();
    await again.waitFor({ state: 'detached' });

    // A group inside the new institution, from the institution's own button.
    await page.getByRole('button', { name: `Opret gruppe/klasse ${INSTITUTION}` }).click();
    const groupDialog = page.getByRole('dialog', { name: 'Opret gruppe/klasse' });
    await groupDialog.waitFor();
    assert.equal(await groupDialog.getByLabel('Institution').inputValue(), await created.evaluate((b) => b.id.replace(/^org-|-button$/g, '')));
    await groupDialog.getByLabel('Gruppens eller klassens navn').fill(GROUP);
    await checkA11y(page, 'opret gruppe');
    await groupDialog.getByRole('button', { name: 'Opret gruppe/klasse' }).click();
    await groupDialog.waitFor({ state: 'detached' });
    await page.getByText(`Gruppen »${GROUP}« er oprettet.`).waitFor();
    const groups = page.getByRole('table', { name: `Grupper og klasser i ${INSTITUTION}` });
    await groups.getByRole('rowheader', { name: GROUP }).waitFor();

    const rows = await env.query((trx) =>
      trx.selectFrom('groups').innerJoin('institutions', (j) => j.onRef('institutions.id', '=', 'groups.institutionId').onRef('institutions.municipalityId', '=', 'groups.municipalityId')).select(['groups.name', 'institutions.type']).where('institutions.name', '=', INSTITUTION).execute(),
    );
    assert.deepEqual(rows, [{ name: GROUP, type: 'boernehave' }]);
  } finally {
    await close();
  }
});

test('a rename sends If-Match, and a change made by someone else meanwhile is refused with a reload', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.getByLabel('Find enhed').fill(INSTITUTION);
    await page.getByRole('button', { name: `Ret institution ${INSTITUTION}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Ret institution' });
    await dialog.waitFor();
    await checkA11y(page, 'ret institution');
    // Someone else changes the institution after the tree was loaded.
    await env.query((trx) => trx.updateTable('institutions').set({ version: sql`version + 1` }).where('name', '=', INSTITUTION).execute());
    await dialog.getByLabel('Institutionens navn').fill(`${INSTITUTION} (ny)`);
    const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/api/org/institutions/'));
    await dialog.getByRole('button', { name: 'Gem' }).click();
    assert.match((await patch).headers()['if-match'] ?? '', /^"\d+"$/);
    await dialog.getByText(/En anden har ændret oplysningerne/).waitFor();
    // The tree was fetched again: saving now uses the new version and succeeds.
    await page.waitForTimeout(300);
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Institutionen »${INSTITUTION} (ny)« er gemt.`).waitFor();
    // Back to the original name for the next tests.
    await page.getByRole('button', { name: `Ret institution ${INSTITUTION} (ny)` }).click();
    const back = page.getByRole('dialog', { name: 'Ret institution' });
    await back.getByLabel('Institutionens navn').fill(INSTITUTION);
    await back.getByRole('button', { name: 'Gem' }).click();
    await back.waitFor({ state: 'detached' });
  } finally {
    await close();
  }
});

test('the administrator creates a staff member and gives them a role in the new group', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).first().getByRole('link', { name: 'Medarbejdere' }).click();
    await page.getByRole('heading', { level: 1, name: 'Medarbejdere' }).waitFor();
    await page.getByRole('table', { name: 'Medarbejdere' }).waitFor();
    await checkA11y(page, 'medarbejdere');

    await page.getByRole('button', { name: 'Opret medarbejder' }).click();
    const dialog = page.getByRole('dialog', { name: 'Opret medarbejder' });
    await dialog.waitFor();
    await dialog.getByLabel('Adgangskode (valgfri)').fill('kort');
    await dialog.getByRole('button', { name: 'Opret medarbejder' }).click();
    await dialog.getByRole('link', { name: 'Adgangskoden skal have mindst 10 tegn' }).waitFor();
    await dialog.getByRole('link', { name: 'Vælg faggruppe' }).waitFor();
    await checkA11y(page, 'opret medarbejder med fejl');
    await dialog.getByLabel('Navn', { exact: true }).fill(STAFF_NAME);
    await dialog.getByLabel('Brugernavn').fill(USERNAME);
    await dialog.getByLabel('E-mail (valgfri)').fill(`${USERNAME}@demo-kommune.example`);
    await dialog.getByLabel('Faggruppe').selectOption({ label: 'Pædagog' });
    await dialog.getByLabel('Adgangskode (valgfri)').fill('en-lang-adgangskode');
    await dialog.getByRole('button', { name: 'Opret medarbejder' }).click();
    await page.waitForURL(/\/admin\/medarbejdere\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: new RegExp(STAFF_NAME) }).waitFor();
    await page.getByText(`${STAFF_NAME} er oprettet.`, { exact: false }).waitFor();
    await page.getByText('Medarbejderen har ingen roller endnu').waitFor();
    await checkA11y(page, 'medarbejder');

    // Tilføj rolle: role → unit kinds the role allows → unit from the tree → dates.
    const form = page.locator('#staff-add-role');
    await form.getByLabel('Rolle', { exact: true }).selectOption({ label: 'Fagperson' });
    const kinds = await form.getByLabel('Hvor gælder rollen?').locator('option').allTextContents();
    assert.deepEqual(kinds.slice(1).sort(), ['Gruppe/klasse', 'Institution', 'Team'].sort());
    await form.getByLabel('Hvor gælder rollen?').selectOption({ label: 'Gruppe/klasse' });
    await form.getByLabel('Enhed', { exact: true }).selectOption({ label: `${GROUP} (${INSTITUTION})` });
    await form.getByRole('button', { name: 'Tilføj rolle' }).click();
    await page.getByText(`Rollen som Fagperson i ${GROUP} (${INSTITUTION}) gælder fra`).waitFor();
    const roles = page.getByRole('table', { name: `Roller for ${STAFF_NAME}, nyeste først` });
    const row = roles.locator('tbody tr').filter({ hasText: GROUP });
    await row.waitFor();
    assert.match(await row.innerText(), /Fagperson[\s\S]*Nuværende/);
    await checkA11y(page, 'medarbejder med rolle');

    // The role is stored for the group, from today.
    const memberships = await env.query((trx) =>
      trx
        .selectFrom('memberships')
        .innerJoin('users', (j) => j.onRef('users.id', '=', 'memberships.userId').onRef('users.municipalityId', '=', 'memberships.municipalityId'))
        .innerJoin('groups', (j) => j.onRef('groups.id', '=', 'memberships.unitId').onRef('groups.municipalityId', '=', 'memberships.municipalityId'))
        .select(['memberships.role', 'memberships.unitKind', 'groups.name', 'memberships.validFrom', 'memberships.validTo'])
        .where('users.username', '=', USERNAME)
        .execute(),
    );
    assert.equal(memberships.length, 1);
    assert.equal(memberships[0]!.role, 'fagperson');
    assert.equal(memberships[0]!.unitKind, 'group');
    assert.equal(memberships[0]!.name, GROUP);
    assert.equal(String(memberships[0]!.validFrom).slice(0, 10), env.today);

    // End the role: a dialog with the last day.
    await row.getByRole('button', { name: /Afslut rolle/ }).click();
    const end = page.getByRole('dialog', { name: 'Afslut rolle' });
    await end.waitFor();
    await checkA11y(page, 'afslut rolle');
    await end.getByRole('button', { name: 'Afslut rolle' }).click();
    await end.waitFor({ state: 'detached' });
    await page.getByText(/Rollen som Fagperson i .* slutter/).waitFor();

    // The new staff member appears in the search.
    await page.getByRole('link', { name: 'Tilbage til Medarbejdere' }).click();
    await page.getByRole('searchbox', { name: 'Søg efter medarbejder' }).fill(suffix);
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.getByText(`1 medarbejder matcher »${suffix}«`).waitFor();
    await page.getByRole('link', { name: STAFF_NAME }).waitFor();
  } finally {
    await close();
  }
});

test('a blocked account is explained and can be unblocked; deactivation asks first', async () => {
  await env.query((trx) => trx.updateTable('users').set({ blockedAt: new Date() }).where('username', '=', USERNAME).execute());
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.goto('/admin/medarbejdere');
    await page.getByRole('searchbox', { name: 'Søg efter medarbejder' }).fill(USERNAME);
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    const row = page.getByRole('row').filter({ hasText: USERNAME });
    await row.getByText('Spærret').waitFor();
    await row.getByRole('link', { name: STAFF_NAME }).click();
    await page.getByRole('heading', { name: 'Kontoen er spærret' }).waitFor();
    await page.getByText('3 gange inden for 24 timer', { exact: false }).waitFor();
    await checkA11y(page, 'spærret medarbejder');
    await page.getByRole('button', { name: 'Ophæv spærring' }).click();
    await page.getByText(`Spærringen af ${STAFF_NAME} er ophævet.`).waitFor();
    await page.getByRole('heading', { name: 'Kontoen er spærret' }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Deaktivér' }).click();
    const confirm = page.getByRole('alertdialog', { name: `Deaktivér ${STAFF_NAME}?` });
    await confirm.waitFor();
    await checkA11y(page, 'deaktivér medarbejder');
    await confirm.getByRole('button', { name: 'Ja, deaktivér' }).click();
    await page.getByText(`${STAFF_NAME} er deaktiveret og logget ud.`).waitFor();
    await page.getByRole('button', { name: 'Genaktivér' }).waitFor();
    const user = await env.query((trx) => trx.selectFrom('users').select(['blockedAt', 'deactivatedAt']).where('username', '=', USERNAME).executeTakeFirstOrThrow());
    assert.equal(user.blockedAt, null);
    assert.notEqual(user.deactivatedAt, null);
  } finally {
    await close();
  }
});

test('Børn og indskrivning: register a child with a custody holder and a first enrolment, then move it', async () => {
  const childCpr = await freshCpr('2022-04-05', 9100);
  const parentCpr = await freshCpr('1991-02-03', 2100);
  const { page, close } = await env.newPage();
  try {
    await login(page, 'admin');
    await page.goto('/admin/boern');
    await page.getByRole('heading', { level: 1, name: 'Børn og indskrivning' }).waitFor();
    await page.getByText('Du kan ikke læse børnenes sager', { exact: false }).waitFor();
    await checkA11y(page, 'børn og indskrivning');

    // Not found first (the CPR goes in a POST body, never in the URL).
    const lookup = page.waitForRequest((r) => r.url().endsWith('/api/children/lookup'));
    await page.getByLabel('CPR-nummer').first().fill(formatCpr(childCpr));
    await page.getByRole('button', { name: 'Find barn' }).click();
    const req = await lookup;
    assert.equal(req.method(), 'POST');
    assert.ok(!req.url().includes(childCpr.slice(0, 6)));
    await page.getByRole('heading', { name: 'Intet barn fundet' }).waitFor();
    assert.ok(!page.url().includes(childCpr.slice(0, 6)));

    await page.getByRole('button', { name: 'Registrér nyt barn' }).click();
    const form = page.locator('#children-new');
    await form.getByRole('button', { name: 'Registrér barn' }).click();
    await form.getByRole('link', { name: /Skriv barnets CPR-nummer/ }).waitFor();
    await form.getByRole('link', { name: 'Vælg, om forælder 1 har forældremyndighed' }).waitFor();
    await checkA11y(page, 'registrér barn med fejl');

    await form.getByLabel('CPR-nummer').first().fill(formatCpr(childCpr));
    assert.equal(await form.getByLabel('Fødselsdato').inputValue(), '2022-04-05', 'the birth date is read from the CPR number');
    await form.getByLabel('Fornavn').first().fill('Testbarn');
    await form.getByLabel('Efternavn').first().fill(`Indskrivning${suffix}`);
    const holder = form.getByRole('group', { name: 'Forælder eller anden voksen 1' });
    await holder.getByLabel('CPR-nummer').fill(parentCpr);
    await holder.getByLabel('Fornavn').fill('Testmor');
    await holder.getByLabel('Efternavn').fill(`Indskrivning${suffix}`);
    await holder.getByLabel('Relation til barnet').selectOption({ label: 'Mor' });
    await holder.getByRole('radio', { name: 'Ja' }).check();
    await form.getByLabel('Indskriv barnet nu').check();
    await form.getByLabel('Institution').selectOption({ label: 'Vuggestuen Mariehønen (Vuggestue)' });
    await form.getByLabel('Første dag').fill('2023-08-01');
    await checkA11y(page, 'registrér barn udfyldt');
    await form.getByRole('button', { name: 'Registrér barn' }).click();

    await page.getByText(`Testbarn Indskrivning${suffix} er registreret.`).waitFor();
    await page.getByRole('heading', { level: 3, name: `Testbarn Indskrivning${suffix}` }).waitFor();
    await page.getByText(`${childCpr.slice(0, 6)}-xxxx`).waitFor();
    const history = page.getByRole('table', { name: `Indskrivninger for Testbarn Indskrivning${suffix}, nyeste først` });
    await history.getByRole('rowheader', { name: 'Vuggestuen Mariehønen' }).waitFor();

    // Enrol in a børnehave: the open vuggestue enrolment (same track: dagtilbud) ends the day before.
    const enrol = page.locator('#children-enrol');
    await enrol.getByLabel('Institution').selectOption({ label: 'Børnehaven Solsikken (Børnehave)' });
    await enrol.getByLabel('Første dag').fill('2025-08-01');
    await enrol.getByText('Indskrivningen i Vuggestuen Mariehønen slutter 31.07.2025.').waitFor();
    await checkA11y(page, 'indskriv');
    await enrol.getByRole('button', { name: 'Indskriv' }).click();
    await page.getByText(`Testbarn Indskrivning${suffix} er indskrevet i Børnehaven Solsikken fra 01.08.2025.`).waitFor();
    const closed = history.getByRole('row').filter({ hasText: 'Vuggestuen Mariehønen' });
    await closed.getByText('31.07.2025').waitFor();

    // Udskriv from the børnehave with a last day.
    await history.getByRole('row').filter({ hasText: 'Børnehaven Solsikken' }).getByRole('button', { name: /Udskriv/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Udskriv barn' });
    await dialog.waitFor();
    await checkA11y(page, 'udskriv');
    await dialog.getByLabel('Sidste dag i institutionen').fill('2099-06-30');
    await dialog.getByRole('button', { name: 'Udskriv' }).click();
    await page.getByText(/er udskrevet fra Børnehaven Solsikken med sidste dag 30\.06\.2099/).waitFor();
  } finally {
    await close();
  }
});

test('the import page has no WCAG violations on a 375×667 phone and does not scroll sideways', async () => {
  const { page, close } = await env.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
  try {
    await login(page, 'admin');
    await page.goto('/admin/import');
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await page.getByRole('radio', { name: 'Børn' }).check();
    await page.getByRole('link', { name: /Hent skabelon/ }).waitFor();
    await checkA11y(page, 'import (mobil)');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px`);

    for (const [path, heading] of [
      ['/admin/organisation', 'Organisation'],
      ['/admin/medarbejdere', 'Medarbejdere'],
      ['/admin/boern', 'Børn og indskrivning'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await checkA11y(page, `${heading} (mobil)`);
    }
  } finally {
    await close();
  }
});

test('a professional has no admin pages: the server and the page both refuse', async () => {
  const { page, close } = await env.newPage();
  try {
    await login(page, 'paedagog');
    assert.equal(await page.getByRole('link', { name: 'Organisation' }).count(), 0);
    await page.goto('/admin/medarbejdere');
    await page.getByRole('heading', { level: 1, name: 'Du har ikke adgang' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/staff')).status);
    assert.equal(status, 403);
  } finally {
    await close();
  }
});
